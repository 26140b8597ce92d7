// Notification preferences and the customer's email log (issue 7): preferences switch categories
// off for the sender's recipient list; each contact sees only the categories their permissions
// allow (security only their own); "Resend to me" queues a copy with its own dedupe key.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/account-mail
import { db } from "@/lib/db";
import { EMAIL_LOG_PAGE_SIZE, RESEND_LIMIT, getCustomerEmail, listCustomerEmails, redactSecretLinks, resendEmailToMe } from "@/lib/accounts/email-log";
import { NOTIFICATION_CATEGORIES } from "@/lib/accounts/mail-schemas";
import { getNotificationPreferences, saveNotificationPreferences } from "@/lib/accounts/notification-preferences";
import { notifySecurityEvent } from "@/lib/notifications/notify-security-event";
import { queueEmail, type QueueEmailInput } from "@/lib/notifications/queue-email";
import { OPTIONAL_EMAIL_CATEGORIES, customerRecipients } from "@/lib/notifications/recipients";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomerWithOwner, createUser } from "@/tests/helpers/factories";

const ALL_ON = { billing: true, support: true, services: true, domains: true, announcements: true };

afterAll(async () => {
  await db.$disconnect();
});

async function world() {
  const { customer, owner } = await createCustomerWithOwner(db);
  const billing = await createUser(db);
  await addMember(db, billing.id, customer.id, { preset: "billing" });
  const tech = await createUser(db);
  await addMember(db, tech.id, customer.id, { preset: "technical" });
  const nothing = await createUser(db);
  await addMember(db, nothing.id, customer.id, { permissions: [] });
  return { customer, owner, billing, tech, nothing };
}

describe("notification preferences", () => {
  it("the page's categories are the ones senders can switch off", () => {
    expect([...NOTIFICATION_CATEGORIES].sort()).toEqual([...OPTIONAL_EMAIL_CATEGORIES].sort());
  });

  it("are on by default, stored per user, audited, and respected by customerRecipients", async () => {
    const { customer, owner, billing, tech } = await world();
    const ownerActor = await customerActorFor(owner.id, customer.id);
    const billingActor = await customerActorFor(billing.id, customer.id);
    expect((await getNotificationPreferences(ownerActor)).every((p) => p.enabled)).toBe(true);
    expect((await getNotificationPreferences(billingActor)).find((p) => p.category === "domains")).toMatchObject({ enabled: true, receivesWithPermissions: false });

    const recipients = async (category: "billing" | "domains" | "support") =>
      (await db.$transaction((tx) => customerRecipients(tx, customer.id, { permission: category === "billing" ? "billing.view" : category === "domains" ? "domains.view" : "tickets.view", category }))).map((r) => r.userId).sort();
    expect(await recipients("billing")).toEqual([owner.id, billing.id].sort());

    expect(await saveNotificationPreferences(billingActor, { ...ALL_ON, billing: false })).toEqual(["billing"]);
    expect(await recipients("billing")).toEqual([owner.id]);
    expect(await recipients("support")).toEqual([owner.id, billing.id, tech.id].sort());
    expect((await getNotificationPreferences(billingActor)).find((p) => p.category === "billing")?.enabled).toBe(false);
    // The owner's own choice is separate.
    expect((await getNotificationPreferences(ownerActor)).find((p) => p.category === "billing")?.enabled).toBe(true);

    await saveNotificationPreferences(ownerActor, { ...ALL_ON, domains: false });
    expect(await recipients("domains")).toEqual([tech.id]);
    // Saving the same choices again changes and audits nothing.
    expect(await saveNotificationPreferences(ownerActor, { ...ALL_ON, domains: false })).toEqual([]);
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "account.notifications.changed" } })).toBe(1);
    expect(await db.auditEvent.findFirst({ where: { actorUserId: billing.id, action: "account.notifications.changed" }, select: { data: true, customerId: true } })).toEqual({
      customerId: customer.id,
      data: { billing: { from: true, to: false } },
    });

    await saveNotificationPreferences(billingActor, ALL_ON);
    expect(await recipients("billing")).toEqual([owner.id, billing.id].sort());
  });

  it("security email cannot be switched off: it is not a category of the form and always reaches the user", async () => {
    const { customer, owner } = await world();
    await saveNotificationPreferences(await customerActorFor(owner.id, customer.id), { billing: false, support: false, services: false, domains: false, announcements: false });
    // A forged "security" row changes nothing either.
    await db.notificationPreference.create({ data: { userId: owner.id, category: "security", enabled: false } });
    const notice = await db.$transaction((tx) => notifySecurityEvent(tx, { userId: owner.id, kind: "new_login" }));
    expect(notice?.queued).toBe(true);
  });
});

describe("email log", () => {
  const queue = (input: Partial<QueueEmailInput> & Pick<QueueEmailInput, "category" | "to">) =>
    db.$transaction((tx) => queueEmail(tx, { subject: `${input.category} mail`, text: `Body of ${input.category}`, ...input }));

  async function mailbox() {
    const w = await world();
    const c = w.customer.id;
    const ids = {
      billing: (await queue({ category: "billing", to: w.billing.email, customerId: c, userId: w.billing.id })).id,
      services: (await queue({ category: "services", to: w.tech.email, customerId: c, userId: w.tech.id })).id,
      domains: (await queue({ category: "domains", to: w.tech.email, customerId: c, userId: w.tech.id })).id,
      support: (await queue({ category: "support", to: w.owner.email, customerId: c, userId: w.owner.id })).id,
      announcements: (await queue({ category: "announcements", to: w.owner.email, customerId: c, userId: w.owner.id })).id,
      ownerSecurity: (await db.$transaction((tx) => notifySecurityEvent(tx, { userId: w.owner.id, kind: "password_changed" })))!.id,
      techSecurity: (await db.$transaction((tx) => notifySecurityEvent(tx, { userId: w.tech.id, kind: "new_login" })))!.id,
    };
    const other = await createCustomerWithOwner(db);
    const foreign = (await queue({ category: "announcements", to: other.owner.email, customerId: other.customer.id, userId: other.owner.id })).id;
    return { ...w, ids, foreign, other };
  }

  const listed = async (userId: string, customerId: string) => (await listCustomerEmails(await customerActorFor(userId, customerId), 1)).items.map((i) => i.id).sort();

  it("shows each contact only the categories their permissions allow, and security emails only to their owner", async () => {
    const m = await mailbox();
    const { ids } = m;
    expect(await listed(m.owner.id, m.customer.id)).toEqual([ids.billing, ids.services, ids.domains, ids.support, ids.announcements, ids.ownerSecurity].sort());
    expect(await listed(m.billing.id, m.customer.id)).toEqual([ids.billing, ids.support, ids.announcements].sort());
    expect(await listed(m.tech.id, m.customer.id)).toEqual([ids.services, ids.domains, ids.support, ids.announcements, ids.techSecurity].sort());
    expect(await listed(m.nothing.id, m.customer.id)).toEqual([ids.announcements]);
    expect(await listed(m.other.owner.id, m.other.customer.id)).toEqual([m.foreign]);

    const tech = await customerActorFor(m.tech.id, m.customer.id);
    expect(await getCustomerEmail(tech, ids.billing)).toBeNull();
    expect(await getCustomerEmail(tech, ids.ownerSecurity)).toBeNull();
    expect(await getCustomerEmail(tech, m.foreign)).toBeNull();
    expect(await getCustomerEmail(tech, "not-a-uuid")).toBeNull();
    expect(await getCustomerEmail(tech, ids.domains)).toMatchObject({ id: ids.domains, subject: "domains mail", text: "Body of domains", category: "domains", status: "queued" });
  });

  it("lists newest first, a page at a time", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    for (let i = 0; i < EMAIL_LOG_PAGE_SIZE + 2; i++) {
      await db.emailMessage.create({ data: { customerId: customer.id, category: "announcements", toAddress: owner.email, subject: `No ${i}`, textBody: "x", createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) } });
    }
    const actor = await customerActorFor(owner.id, customer.id);
    const first = await listCustomerEmails(actor, 1);
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: EMAIL_LOG_PAGE_SIZE + 2 });
    expect(first.items[0].subject).toBe(`No ${EMAIL_LOG_PAGE_SIZE + 1}`);
    const second = await listCustomerEmails(actor, 2);
    expect(second.items.map((i) => i.subject)).toEqual(["No 1", "No 0"]);
    expect((await listCustomerEmails(actor, 99)).page).toBe(2);
  });

  it("resends a copy to the current user with a new dedupe key, audited and rate-limited; not what they may not see", async () => {
    const m = await mailbox();
    const tech = await customerActorFor(m.tech.id, m.customer.id);
    const result = await resendEmailToMe(tech, m.ids.services, { ip: "198.51.100.7", userAgent: "jest" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [original, copy] = await Promise.all([db.emailMessage.findUniqueOrThrow({ where: { id: m.ids.services } }), db.emailMessage.findUniqueOrThrow({ where: { id: result.id } })]);
    expect(copy).toMatchObject({ toAddress: m.tech.email, subject: original.subject, textBody: original.textBody, category: "services", customerId: m.customer.id, userId: m.tech.id, status: "queued" });
    expect(copy.dedupeKey).not.toBe(original.dedupeKey);
    expect(copy.dedupeKey).toMatch(/^resend:/);
    expect(await db.auditEvent.count({ where: { actorUserId: m.tech.id, action: "account.email.resent", targetId: m.ids.services } })).toBe(1);

    const before = await db.emailMessage.count();
    expect(await resendEmailToMe(tech, m.ids.billing)).toEqual({ ok: false, reason: "not_found" });
    expect(await resendEmailToMe(tech, m.ids.ownerSecurity)).toEqual({ ok: false, reason: "not_found" });
    expect(await resendEmailToMe(tech, m.foreign)).toEqual({ ok: false, reason: "not_found" });
    expect(await db.emailMessage.count()).toBe(before);

    for (let i = 1; i < RESEND_LIMIT.max; i++) expect((await resendEmailToMe(tech, m.ids.announcements)).ok).toBe(true);
    expect(await resendEmailToMe(tech, m.ids.announcements)).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("never shows or resends a live secret link (reset, invitation), but keeps ordinary links", () => {
    const token = "Qm9vZ2llLXdvb2dpZS1ib29naWUtd29vZ2llLWJvb2dpZQ";
    const text = `Open http://localhost:3000/reset-password/${token} now.\nInvoice: http://localhost:3000/billing/invoices/6f1c1d7e-2b1a-4c55-9d0e-0a1b2c3d4e5f`;
    const shown = redactSecretLinks(text);
    expect(shown).not.toContain(token);
    expect(shown).toContain("/reset-password/[…] now.");
    expect(shown).toContain("/billing/invoices/6f1c1d7e-2b1a-4c55-9d0e-0a1b2c3d4e5f");
    expect(redactSecretLinks(`<a href="https://x.test/invite/${token}">x</a>`)).toBe('<a href="https://x.test/invite/[…]">x</a>');
  });
});
