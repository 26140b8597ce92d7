// "A worker killed between creating an invoice and emailing it sends the email once after restart."
// The renewal run queues the invoice email in the invoice's own transaction (EmailMessage outbox),
// and the outbox sender claims each message with a lease and sends it with its id as Resend's
// idempotency key. These tests kill the worker at each point in between (by never running, or
// abandoning, the next step) and check that exactly one email per recipient reaches Resend (a
// local stub of its HTTP API). Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/invoice-email-crash
import { runRenewalBilling } from "@/lib/billing/billing-run";
import { db } from "@/lib/db";
import { type MailTransport, type OutgoingMail, ResendTransport } from "@/lib/integrations/mail";
import { drainOutbox } from "@/lib/jobs/email-outbox-job";
import { SENDING_LEASE_MS, sendDueEmails } from "@/lib/notifications/send-due-emails";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";
import { startResendStub, type ResendStub } from "@/tests/helpers/resend-stub";

const FROM = "Portico Billing <billing@portico.test>";
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

let stub: ResendStub;
let resend: ResendTransport;

beforeAll(async () => {
  stub = await startResendStub();
  resend = new ResendTransport({ apiKey: "re_test_key", baseUrl: stub.url });
  await db.taxRate.createMany({ data: [{ country: "SK", rateBp: 2300 }], skipDuplicates: true });
});

afterAll(async () => {
  await stub.close();
  await db.$disconnect();
});

beforeEach(() => stub.reset());

/** A customer whose owner and billing contact receive invoice email (the technical contact does not), with one service due on `due`. */
async function customerWithServiceDue(due: string, opts: { billingEmail?: string } = {}) {
  const product = await db.product.create({ data: { slug: unique("p"), kind: "vps", name: "VPS Medium" } });
  const customer = await createCustomer(db, { country: "SK", currency: "EUR" });
  const owner = await createUser(db);
  const billing = await createUser(db, { locale: "hu", ...(opts.billingEmail ? { email: opts.billingEmail } : {}) });
  const tech = await createUser(db);
  await addMember(db, owner.id, customer.id, { preset: "owner" });
  await addMember(db, billing.id, customer.id, { preset: "billing" });
  await addMember(db, tech.id, customer.id, { preset: "technical" });
  const service = await db.service.create({
    data: { customerId: customer.id, kind: "vps", name: "VPS Medium", label: unique("vm"), status: "active", nextDueDate: day(due), productId: product.id, billingCycle: "monthly", recurringMinor: 2_500n },
  });
  return { customer, owner, billing, tech, service };
}

async function invoiceEmailsOf(serviceId: string) {
  const lines = await db.invoiceLine.findMany({ where: { serviceId }, select: { invoiceId: true } });
  expect(lines).toHaveLength(1);
  const invoiceId = lines[0].invoiceId;
  return { invoiceId, emails: await db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `invoice:${invoiceId}:issued:` } }, orderBy: { toAddress: "asc" } }) };
}

/** What reached Resend as a new send (not an idempotent replay) for these outbox messages. */
const deliveredTo = (messageIds: string[]) =>
  stub
    .sent()
    .filter((r) => messageIds.some((id) => r.headers["idempotency-key"] === `email-message/${id}`))
    .map((r) => String(r.body?.to))
    .sort();

describe("a worker killed between creating an invoice and emailing it", () => {
  it("sends the email once after restart", async () => {
    const now = new Date("2034-02-01T07:00:00Z");
    const w = await customerWithServiceDue("2034-02-10");

    // The worker runs the renewal billing and dies before its outbox tick: nothing was sent.
    const first = await runRenewalBilling({ now, daysAhead: 14, log: quiet });
    expect(first.failed).toBe(0);
    const { invoiceId, emails } = await invoiceEmailsOf(w.service.id);
    expect(emails.map((e) => e.toAddress).sort()).toEqual([w.owner.email, w.billing.email].sort());
    expect(emails.every((e) => e.status === "queued" && e.attempts === 0)).toBe(true);
    expect(stub.requests).toHaveLength(0);

    // Restart: the billing run again (nothing new) and two outbox senders at once, then once more.
    const restart = later(now, 60 * 60_000);
    const again = await runRenewalBilling({ now: restart, daysAhead: 14, log: quiet });
    expect(again.failed).toBe(0);
    await Promise.all([drainOutbox({ transport: resend, from: FROM, now: restart }, quiet), drainOutbox({ transport: resend, from: FROM, now: restart }, quiet)]);
    await drainOutbox({ transport: resend, from: FROM, now: later(restart, SENDING_LEASE_MS + 60_000) }, quiet);

    const ids = emails.map((e) => e.id);
    expect(deliveredTo(ids)).toEqual([w.owner.email, w.billing.email].sort());
    expect(await db.emailMessage.count({ where: { dedupeKey: { startsWith: `invoice:${invoiceId}:issued:` } } })).toBe(2);
    expect(await db.emailMessage.findMany({ where: { id: { in: ids } }, select: { status: true, attempts: true } })).toEqual([
      { status: "sent", attempts: 1 },
      { status: "sent", attempts: 1 },
    ]);
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    const toBilling = stub.sent().find((r) => r.body?.to === w.billing.email);
    expect(toBilling?.body?.subject).toContain(invoice.number!); // the Hungarian contact's email names the invoice
  });

  it("a crash inside the invoice's transaction leaves neither invoice nor email, and the next run makes both once", async () => {
    const now = new Date("2034-04-01T07:00:00Z");
    // An address the outbox refuses makes queueing the email throw after the invoice was written
    // in the same transaction: the same point as a crash between the two.
    const w = await customerWithServiceDue("2034-04-05", { billingEmail: "not-an-address" });
    const errors: unknown[] = [];
    const crashed = await runRenewalBilling({ now, daysAhead: 14, log: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) } });
    expect(crashed.failed).toBeGreaterThanOrEqual(1);
    expect(String(errors.flat().join(" "))).toContain("not an email address");
    expect(await db.invoiceLine.count({ where: { serviceId: w.service.id } })).toBe(0);
    expect(await db.serviceBillingPeriod.count({ where: { serviceId: w.service.id } })).toBe(0);
    expect(await db.emailMessage.count({ where: { customerId: w.customer.id } })).toBe(0);

    await db.user.update({ where: { id: w.billing.id }, data: { email: `${unique("fixed")}@example.test` } });
    const billingEmail = (await db.user.findUniqueOrThrow({ where: { id: w.billing.id } })).email;
    await runRenewalBilling({ now: later(now, 60 * 60_000), daysAhead: 14, log: quiet });
    const { emails } = await invoiceEmailsOf(w.service.id);
    await Promise.all(Array.from({ length: 3 }, () => drainOutbox({ transport: resend, from: FROM, now: later(now, 2 * 60 * 60_000) }, quiet)));
    expect(deliveredTo(emails.map((e) => e.id))).toEqual([w.owner.email, billingEmail].sort());
  });

  it("a sender killed after claiming a message sends it once when the lease runs out", async () => {
    const now = new Date("2034-06-01T07:00:00Z");
    const w = await customerWithServiceDue("2034-06-08");
    await runRenewalBilling({ now, daysAhead: 14, log: quiet });
    const { emails } = await invoiceEmailsOf(w.service.id);
    const ids = emails.map((e) => e.id);

    // A sender that hands the first message to Resend and dies before recording it: its batch
    // (every message it claimed, sent or not) is left `sending` under its lease.
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    const dying: MailTransport = {
      name: "dying",
      deliveredStatus: "sent",
      async send(message: OutgoingMail) {
        await resend.send(message);
        died();
        return new Promise<never>(() => {}); // the process is gone: never answers
      },
    };
    const claimAt = later(now, 60_000);
    void sendDueEmails({ transport: dying, from: FROM, now: claimAt, batchSize: 500 });
    await dead;
    const claimed = await db.emailMessage.findMany({ where: { id: { in: ids } }, select: { status: true, attempts: true } });
    expect(claimed).toEqual([
      { status: "sending", attempts: 1 },
      { status: "sending", attempts: 1 },
    ]);
    expect(deliveredTo(ids)).toHaveLength(1);

    // Another worker, while the lease holds: leaves them alone.
    await drainOutbox({ transport: resend, from: FROM, now: later(claimAt, SENDING_LEASE_MS - 60_000) }, quiet);
    expect(await db.emailMessage.count({ where: { id: { in: ids }, status: "sending" } })).toBe(2);

    // After the lease: two workers take them over; the one Resend already has is replayed by its
    // idempotency key, not sent again.
    const afterLease = later(claimAt, SENDING_LEASE_MS + 1_000);
    await Promise.all([drainOutbox({ transport: resend, from: FROM, now: afterLease }, quiet), drainOutbox({ transport: resend, from: FROM, now: afterLease }, quiet)]);
    expect(deliveredTo(ids)).toEqual([w.owner.email, w.billing.email].sort());
    expect(await db.emailMessage.findMany({ where: { id: { in: ids } }, select: { status: true, attempts: true } })).toEqual([
      { status: "sent", attempts: 2 },
      { status: "sent", attempts: 2 },
    ]);
    const replays = stub.requests.filter((r) => r.status === 208 && ids.some((id) => r.headers["idempotency-key"] === `email-message/${id}`));
    expect(replays).toHaveLength(1);
  });
});
