// Domain expiry notices (lib/domains/expiry-notices.ts): 30, 7 and 1 days before, to contacts who
// may see domains (not a Billing-only contact), in their language, saying whether auto-renew is on;
// every later run sends nothing new, and after downtime only the nearest step is sent.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/domain-expiry
import { db } from "@/lib/db";
import { sendDomainExpiryNotices } from "@/lib/domains/expiry-notices";
import { addMember, createCustomer, createDomain, createUser, unique } from "@/tests/helpers/factories";

const T0 = new Date("2034-03-01T09:00:00Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);

async function customerWithDomain(expiresInDays: number, autoRenew: boolean) {
  const customer = await createCustomer(db);
  const [owner, billing] = await Promise.all([createUser(db, { locale: "sk", name: "Peter" }), createUser(db, { name: "Bea" })]);
  await addMember(db, owner.id, customer.id, { preset: "owner" });
  await addMember(db, billing.id, customer.id, { preset: "billing" });
  const domain = await createDomain(db, customer.id, { name: `${unique("exp").replace(/[^a-z0-9]/g, "")}.sk`, status: "active", expiresAt: at(expiresInDays), autoRenew });
  return { customer, owner, billing, domain };
}

const emailsOf = (customerId: string) => db.emailMessage.findMany({ where: { customerId, category: "domains" }, orderBy: { createdAt: "asc" } });

afterAll(async () => {
  await db.$disconnect();
});

describe("sendDomainExpiryNotices", () => {
  it("sends the 30-, 7- and 1-day notices once each, only to contacts who see domains, in their language", async () => {
    const { customer, owner, domain } = await customerWithDomain(40, false);
    await sendDomainExpiryNotices(at(5));
    expect(await emailsOf(customer.id)).toHaveLength(0);
    await sendDomainExpiryNotices(at(10));
    await sendDomainExpiryNotices(at(11));
    const first = await emailsOf(customer.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ toAddress: owner.email, subject: `${domain.name} vyprší o 30 dní` });
    expect(first[0].textBody).toContain("automatické predĺženie je vypnuté");
    await sendDomainExpiryNotices(at(33));
    await sendDomainExpiryNotices(at(39.5));
    await sendDomainExpiryNotices(at(39.6));
    expect((await emailsOf(customer.id)).map((e) => e.subject)).toEqual([`${domain.name} vyprší o 30 dní`, `${domain.name} vyprší o 7 dní`, `${domain.name} vyprší o 1 deň`]);
  });

  it("after downtime sends only the nearest step; says when auto-renew will take care of it; leaves expired domains alone", async () => {
    const { customer, domain } = await customerWithDomain(6, true);
    await sendDomainExpiryNotices(T0);
    const emails = await emailsOf(customer.id);
    expect(emails.map((e) => e.subject)).toEqual([`${domain.name} vyprší o 6 dní`]);
    expect(emails[0].textBody).toContain("Automatické predĺženie je zapnuté");
    expect(emails[0].dedupeKey).toContain(":7:");
    const gone = await customerWithDomain(-1, false);
    await sendDomainExpiryNotices(T0);
    expect(await emailsOf(gone.customer.id)).toHaveLength(0);
  });
});
