// Dunning: reminders before and after the due date, suspension and termination of an overdue
// invoice's services through the provisioning interface, unsuspension when it is paid — each step
// once, however many runs or workers. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/dunning
//
// The worker's database is shared with other test files, and a dunning run acts on every unpaid
// invoice in it: assertions look only at the rows each test created.
process.env.DUNNING_REMINDER_DAYS_BEFORE = "3";
process.env.DUNNING_REMINDER_DAYS_AFTER = "1,7";
process.env.DUNNING_SUSPEND_AFTER_DAYS = "14";
process.env.DUNNING_TERMINATE_AFTER_DAYS = "45";

import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { type DunningConfig, planDunningSteps, runDunning } from "@/lib/billing/dunning";
import { applyIncomingPayment } from "@/lib/billing/payments";
import { addDays } from "@/lib/billing/cycles";
import { BuiltinProvisioningModule, ProvisioningError } from "@/lib/integrations/provisioning";
import { registerDunningJobs } from "@/lib/jobs/dunning-jobs";
import { startBoss } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { addMember, createCustomer, createService, createUser, unique } from "@/tests/helpers/factories";

const CONFIG: DunningConfig = { reminderDaysBefore: [3], reminderDaysAfter: [1, 7], suspendAfterDays: 14, terminateAfterDays: 45 };
const quiet = { warn: () => {}, error: () => {} };
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
/** Mid-morning UTC of the day `offset` days from `due`. */
const on = (due: string, offset: number) => new Date(`${addDays(due, offset)}T09:30:00.000Z`);
const run = (now: Date, extra: Parameters<typeof runDunning>[0] = {}) => runDunning({ now, config: CONFIG, log: quiet, ...extra });

/**
 * A customer with a billing contact (Slovak), a technical contact (no billing email) and an
 * unpaid proforma of 123.00 EUR due on `due` for `services` active services.
 */
async function unpaidInvoice(due: string, opts: { services?: number; issued?: string; customerId?: string; serviceIds?: string[] } = {}) {
  const customer = opts.customerId ? await db.customer.findUniqueOrThrow({ where: { id: opts.customerId } }) : await createCustomer(db, { currency: "EUR" });
  let billing: { id: string } | null = null;
  if (!opts.customerId) {
    billing = await createUser(db, { locale: "sk", name: "Jana" });
    const tech = await createUser(db, { name: "Tomas" });
    await addMember(db, billing.id, customer.id, { preset: "billing" });
    await addMember(db, tech.id, customer.id, { preset: "technical" });
  }
  const services =
    opts.serviceIds?.map((id) => ({ id })) ??
    (await Promise.all(Array.from({ length: opts.services ?? 2 }, (_, i) => createService(db, customer.id, { name: `VPS ${i + 1}`, label: unique("vps"), status: "active" }))));
  const invoice = await db.invoice.create({
    data: {
      customerId: customer.id,
      kind: "proforma",
      number: unique("PF"),
      status: "unpaid",
      currency: "EUR",
      subtotalMinor: 10_000n,
      taxMinor: 2_300n,
      totalMinor: 12_300n,
      issuedAt: on(due, -14),
      dueDate: day(due),
      lines: {
        create: services.map((s, position) => ({
          position,
          description: `Service ${position + 1}`,
          serviceId: s.id,
          periodStart: day(due),
          periodEnd: day(addDays(due, 30)),
          unitPriceMinor: 10_000n / BigInt(services.length),
          netMinor: 10_000n / BigInt(services.length),
          taxRateBp: 2300,
        })),
      },
    },
  });
  return { customer, billing, services, invoice };
}

const eventsOf = async (invoiceId: string) => (await db.dunningEvent.findMany({ where: { invoiceId }, orderBy: { createdAt: "asc" } })).map((e) => e.step);
const emailsOf = (invoiceId: string) => db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `dunning:${invoiceId}:` } }, orderBy: { createdAt: "asc" } });
const auditOf = async (invoiceId: string) => (await db.auditEvent.findMany({ where: { targetId: invoiceId, action: { startsWith: "billing.dunning." } }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
const statusOf = (serviceId: string) => db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { status: true, suspendReason: true, suspendedAt: true, terminatedAt: true } });

afterAll(async () => {
  await db.$disconnect();
});

describe("planDunningSteps (catch-up rules)", () => {
  const due = "2040-03-10";
  const plan = (offset: number, done: Record<string, number> = {}, issuedOffset: number | null = -14, config = CONFIG) =>
    planDunningSteps({
      dueDate: due,
      today: addDays(due, offset),
      issuedOn: issuedOffset === null ? null : addDays(due, issuedOffset),
      done: new Map(Object.entries(done).map(([step, o]) => [step, addDays(due, o)])),
      config,
    });

  it("takes each step on its day when the job runs daily", () => {
    expect(plan(-4)).toEqual([]);
    expect(plan(-3)).toEqual(["reminder:-3"]);
    expect(plan(0, { "reminder:-3": -3 })).toEqual([]);
    expect(plan(1, { "reminder:-3": -3 })).toEqual(["reminder:1"]);
    expect(plan(7, { "reminder:-3": -3, "reminder:1": 1 })).toEqual(["reminder:7"]);
    expect(plan(13, { "reminder:7": 7 })).toEqual([]);
    expect(plan(14, { "reminder:7": 7 })).toEqual(["suspend"]);
    expect(plan(44, { "reminder:7": 7, suspend: 14 })).toEqual([]);
    expect(plan(45, { "reminder:7": 7, suspend: 14 })).toEqual(["terminate"]);
    expect(plan(90, { suspend: 14, terminate: 45 })).toEqual([]);
  });

  it("after downtime sends only the latest reminder whose day has come", () => {
    expect(plan(0)).toEqual(["reminder:-3"]);
    expect(plan(10)).toEqual(["reminder:7"]);
    expect(plan(10, { "reminder:7": 7 })).toEqual([]);
    // Never an older reminder after a newer one.
    expect(plan(3, { "reminder:7": 7 })).toEqual([]);
  });

  it("lets a suspension notice replace the reminders it passed, and keeps reminders configured after it", () => {
    expect(plan(20)).toEqual(["suspend"]);
    const withLateReminder = { ...CONFIG, reminderDaysAfter: [1, 7, 30] };
    expect(plan(32, { suspend: 14 }, -14, withLateReminder)).toEqual(["reminder:30"]);
  });

  it("never terminates without the suspension notice out for the whole grace period", () => {
    expect(plan(60)).toEqual(["suspend"]);
    expect(plan(60, { suspend: 60 })).toEqual([]);
    expect(plan(90, { suspend: 60 })).toEqual([]);
    expect(plan(91, { suspend: 60 })).toEqual(["terminate"]);
  });

  it("sends no reminder before the due date for an invoice issued after that reminder's day", () => {
    expect(plan(-1, {}, -1)).toEqual([]);
    expect(plan(-1, {}, -5)).toEqual(["reminder:-3"]);
  });
});

describe("runDunning", () => {
  it("takes each step on its day, once, with its email to billing contacts and its audit row", async () => {
    const due = "2040-03-10";
    const { invoice, services, billing } = await unpaidInvoice(due);
    const expectSteps = async (offset: number, steps: string[]) => {
      // Twice a day: the second run finds every step taken.
      await run(on(due, offset));
      await run(on(due, offset));
      expect([offset, await eventsOf(invoice.id)]).toEqual([offset, steps]);
    };

    await expectSteps(-4, []);
    await expectSteps(-3, ["reminder:-3"]);
    await expectSteps(0, ["reminder:-3"]);
    await expectSteps(1, ["reminder:-3", "reminder:1"]);
    await expectSteps(6, ["reminder:-3", "reminder:1"]);
    await expectSteps(7, ["reminder:-3", "reminder:1", "reminder:7"]);
    await expectSteps(13, ["reminder:-3", "reminder:1", "reminder:7"]);
    for (const s of services) expect((await statusOf(s.id)).status).toBe("active");

    await expectSteps(14, ["reminder:-3", "reminder:1", "reminder:7", "suspend"]);
    for (const s of services) expect(await statusOf(s.id)).toMatchObject({ status: "suspended", suspendReason: "overdue", suspendedAt: on(due, 14), terminatedAt: null });

    await expectSteps(44, ["reminder:-3", "reminder:1", "reminder:7", "suspend"]);
    await expectSteps(45, ["reminder:-3", "reminder:1", "reminder:7", "suspend", "terminate"]);
    for (const s of services) expect(await statusOf(s.id)).toMatchObject({ status: "terminated", terminatedAt: on(due, 45) });
    await expectSteps(80, ["reminder:-3", "reminder:1", "reminder:7", "suspend", "terminate"]);

    // One email per step to the billing contact only (the technical contact may not see invoices).
    const emails = await emailsOf(invoice.id);
    expect(emails.map((e) => e.dedupeKey)).toEqual(["reminder:-3", "reminder:1", "reminder:7", "suspend", "terminate"].map((step) => `dunning:${invoice.id}:${step}:${billing!.id}`));
    expect(emails.every((e) => e.category === "billing" && e.status === "queued")).toBe(true);
    expect(await auditOf(invoice.id)).toEqual(["reminder", "reminder", "reminder", "suspend", "terminate"].map((step) => `billing.dunning.${step}`));

    // In the contact's language, with the amount, the dates and the services.
    const [before, after1, after7, suspended, terminated] = emails;
    expect(before.subject).toBe(`Pripomienka platby: doklad ${invoice.number} je splatný 10. marca 2040`);
    expect(before.textBody).toContain("123,00");
    expect(before.textBody).toContain(`/billing/invoices/${invoice.id}`);
    expect(before.htmlBody).toContain(`<a href="http://127.0.0.1:3000/billing/invoices/${invoice.id}"`);
    expect(after1.subject).toContain("Po splatnosti");
    expect(after1.textBody).toContain("24. marca 2040"); // suspension day
    expect(after7.textBody).toContain("24. marca 2040");
    expect(suspended.subject).toContain("Služby pozastavené");
    for (const s of services) expect(suspended.textBody).toContain((await db.service.findUniqueOrThrow({ where: { id: s.id } })).label!);
    expect(suspended.textBody).toContain("24. apríla 2040"); // termination day
    expect(terminated.subject).toContain("Služby zrušené");
  });

  it("4 concurrent runs take each step once", async () => {
    const due = "2040-06-01";
    const reminded = await unpaidInvoice(due);
    const overdue = await unpaidInvoice(addDays(due, -14));
    const runs = await Promise.all(Array.from({ length: 4 }, () => run(on(due, 1))));
    expect(runs.every((r) => r.failed === 0)).toBe(true);

    expect(await eventsOf(reminded.invoice.id)).toEqual(["reminder:1"]);
    expect(await eventsOf(overdue.invoice.id)).toEqual(["suspend"]);
    expect((await emailsOf(reminded.invoice.id)).map((e) => e.dedupeKey)).toEqual([`dunning:${reminded.invoice.id}:reminder:1:${reminded.billing!.id}`]);
    expect((await emailsOf(overdue.invoice.id)).map((e) => e.dedupeKey)).toEqual([`dunning:${overdue.invoice.id}:suspend:${overdue.billing!.id}`]);
    expect(await auditOf(reminded.invoice.id)).toEqual(["billing.dunning.reminder"]);
    expect(await auditOf(overdue.invoice.id)).toEqual(["billing.dunning.suspend"]);
    for (const s of overdue.services) expect((await statusOf(s.id)).status).toBe("suspended");
  });

  it("after downtime sends only the latest reminder, and a suspension replaces the reminders it passed", async () => {
    const due = "2040-08-01";
    const a = await unpaidInvoice(due);
    await run(on(due, 10));
    expect(await eventsOf(a.invoice.id)).toEqual(["reminder:7"]);
    expect(await emailsOf(a.invoice.id)).toHaveLength(1);

    const b = await unpaidInvoice(due);
    await run(on(due, 20));
    expect(await eventsOf(b.invoice.id)).toEqual(["suspend"]);
    // Down past the termination day too: suspended now, terminated only after the full grace period.
    const c = await unpaidInvoice(addDays(due, -60));
    await run(on(due, 0));
    await run(on(due, 1));
    expect(await eventsOf(c.invoice.id)).toEqual(["suspend"]);
    for (const s of c.services) expect((await statusOf(s.id)).status).toBe("suspended");
    await run(on(due, 31));
    expect(await eventsOf(c.invoice.id)).toEqual(["suspend", "terminate"]);
    for (const s of c.services) expect((await statusOf(s.id)).status).toBe("terminated");
  });

  it("leaves paid invoices, drafts and credit notes alone", async () => {
    const due = "2040-09-01";
    const paid = await unpaidInvoice(due);
    await db.invoice.update({ where: { id: paid.invoice.id }, data: { status: "paid", paidAt: on(due, -1), amountPaidMinor: 12_300n } });
    const credit = await unpaidInvoice(due);
    await db.invoice.update({ where: { id: credit.invoice.id }, data: { kind: "credit_note" } });
    const draft = await unpaidInvoice(due);
    await db.invoice.update({ where: { id: draft.invoice.id }, data: { status: "draft", number: null, issuedAt: null } });
    await run(on(due, 20));
    expect(await eventsOf(paid.invoice.id)).toEqual([]);
    expect(await eventsOf(credit.invoice.id)).toEqual([]);
    expect(await eventsOf(draft.invoice.id)).toEqual([]);
    for (const s of [...paid.services, ...credit.services, ...draft.services]) expect((await statusOf(s.id)).status).toBe("active");
  });

  it("a provisioning failure rolls the step back (no claim, no email) and the next run does it", async () => {
    const due = "2040-10-01";
    const { invoice, services } = await unpaidInvoice(due);
    const failing = new BuiltinProvisioningModule({ failureRate: 1 });
    const errors: unknown[] = [];
    const failed = await runDunning({ now: on(due, 14), config: CONFIG, log: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) }, moduleFor: () => failing });
    expect(failed.failed).toBeGreaterThanOrEqual(1);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(invoice.id)).toEqual([]);
    expect(await emailsOf(invoice.id)).toHaveLength(0);
    for (const s of services) expect((await statusOf(s.id)).status).toBe("active");

    await run(on(due, 14));
    expect(await eventsOf(invoice.id)).toEqual(["suspend"]);
    for (const s of services) expect((await statusOf(s.id)).status).toBe("suspended");
  });
});

describe("payment after suspension", () => {
  const pay = (invoice: { id: string; totalMinor: bigint }, now: Date) =>
    applyIncomingPayment({ invoiceId: invoice.id, method: "bank_transfer", amountMinor: invoice.totalMinor, currency: "EUR", externalId: unique("bank"), now });

  it("unsuspends what dunning suspended, not what staff suspended for abuse", async () => {
    const due = "2041-01-10";
    const { invoice, services, billing } = await unpaidInvoice(due, { services: 2 });
    const [overdueOnly, abuse] = services;
    await db.service.update({ where: { id: abuse.id }, data: { status: "suspended", suspendReason: "abuse", suspendedAt: on(due, 2) } });
    await run(on(due, 14));
    expect(await statusOf(overdueOnly.id)).toMatchObject({ status: "suspended", suspendReason: "overdue" });
    expect(await statusOf(abuse.id)).toMatchObject({ status: "suspended", suspendReason: "abuse" });

    const result = await pay(invoice, on(due, 16));
    expect(result.invoicePaid).toBe(true);
    expect(await statusOf(overdueOnly.id)).toMatchObject({ status: "active", suspendReason: null, suspendedAt: null });
    expect(await statusOf(abuse.id)).toMatchObject({ status: "suspended", suspendReason: "abuse" });
    expect(await eventsOf(invoice.id)).toEqual(["suspend", "unsuspend"]);
    expect(await auditOf(invoice.id)).toEqual(["billing.dunning.suspend", "billing.dunning.unsuspend"]);
    const restored = (await emailsOf(invoice.id)).find((e) => e.dedupeKey === `dunning:${invoice.id}:unsuspend:${billing!.id}`);
    expect(restored?.subject).toBe(`Služby obnovené: doklad ${invoice.number} je uhradený`);
    const label = async (id: string) => (await db.service.findUniqueOrThrow({ where: { id } })).label!;
    expect(restored?.textBody).toContain(await label(overdueOnly.id));
    expect(restored?.textBody).not.toContain(await label(abuse.id));

    // Paid: later runs do nothing more with it.
    await run(on(due, 50));
    expect(await eventsOf(invoice.id)).toEqual(["suspend", "unsuspend"]);
    expect((await statusOf(overdueOnly.id)).status).toBe("active");
  });

  it("suspends the hosting account in the control panel (changes refused) and brings it back when paid", async () => {
    const due = "2041-02-01";
    const { invoice, services } = await unpaidInvoice(due, { services: 1 });
    const [service] = services;
    const serverId = (await db.server.create({ data: { name: "Dunning web", hostname: `${unique("dunweb")}.portico.test`, module: "builtin" } })).id;
    const domain = `${unique("dun")}.example`;
    const panel = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0 });
    const target = { id: service.id, kind: "hosting" as const, serverId };
    await db.service.update({ where: { id: service.id }, data: { kind: "hosting", serverId, domain } });
    const account = await panel.create(target, { serverId, domain, usernameHint: domain, password: "Dunning-Pass-2041!", package: { packageName: "p", diskQuotaMb: 1_000, bandwidthQuotaMb: null, maxFtpAccounts: 3, maxDatabases: 3, maxMailboxes: 3, maxSubdomains: 3 } });
    await db.service.update({ where: { id: service.id }, data: { username: account.username } });

    await run(on(due, 14));
    expect(await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id }, select: { suspended: true } })).toEqual({ suspended: true });
    await expect(panel.hosting.createFtpAccount(target, { name: "late", password: "Dunning-Pass-2041!", directory: "/", quotaMb: null })).rejects.toMatchObject({ code: "suspended" });

    await pay(invoice, on(due, 15));
    expect(await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id }, select: { suspended: true } })).toEqual({ suspended: false });
    expect((await statusOf(service.id)).status).toBe("active");
    await panel.hosting.createFtpAccount(target, { name: "paid", password: "Dunning-Pass-2041!", directory: "/", quotaMb: null });
  });

  it("keeps a service suspended while another of its invoices is past the suspension day", async () => {
    const due = "2041-03-01";
    const first = await unpaidInvoice(due, { services: 1 });
    const service = first.services[0];
    const second = await unpaidInvoice(addDays(due, 3), { customerId: first.customer.id, serviceIds: [service.id] });
    await run(on(due, 20));
    expect(await eventsOf(first.invoice.id)).toEqual(["suspend"]);
    expect(await eventsOf(second.invoice.id)).toEqual(["suspend"]);

    await pay(first.invoice, on(due, 21));
    expect(await statusOf(service.id)).toMatchObject({ status: "suspended", suspendReason: "overdue" });
    expect(await eventsOf(first.invoice.id)).toEqual(["suspend"]);

    await pay(second.invoice, on(due, 22));
    expect((await statusOf(service.id)).status).toBe("active");
    expect(await eventsOf(second.invoice.id)).toEqual(["suspend", "unsuspend"]);
  });

  it("does not bring back a terminated service", async () => {
    const due = "2041-05-01";
    const { invoice, services, billing } = await unpaidInvoice(due, { services: 1 });
    await run(on(due, 14));
    await run(on(due, 45));
    expect((await statusOf(services[0].id)).status).toBe("terminated");

    await pay(invoice, on(due, 46));
    expect(await statusOf(services[0].id)).toMatchObject({ status: "terminated" });
    expect(await eventsOf(invoice.id)).toEqual(["suspend", "terminate"]);
    expect((await emailsOf(invoice.id)).map((e) => e.dedupeKey)).not.toContain(`dunning:${invoice.id}:unsuspend:${billing!.id}`);
  });
});

describe("BuiltinProvisioningModule", () => {
  const panel = new BuiltinProvisioningModule();

  it("behaves like a control panel: idempotent suspend, no unsuspend after termination", async () => {
    const customer = await createCustomer(db);
    const service = await createService(db, customer.id, { status: "active" });
    const at = new Date("2041-07-01T10:00:00Z");

    expect(await panel.suspend(service, "abuse", { now: at })).toEqual({ changed: true, status: "suspended" });
    expect(await panel.suspend(service, "overdue")).toEqual({ changed: false, status: "suspended" });
    expect(await statusOf(service.id)).toMatchObject({ status: "suspended", suspendReason: "abuse", suspendedAt: at });

    expect(await panel.unsuspend(service)).toEqual({ changed: true, status: "active" });
    expect(await panel.unsuspend(service)).toEqual({ changed: false, status: "active" });
    expect(await statusOf(service.id)).toMatchObject({ status: "active", suspendReason: null, suspendedAt: null });

    expect(await panel.terminate(service, { now: at })).toEqual({ changed: true, status: "terminated" });
    expect(await panel.terminate(service)).toEqual({ changed: false, status: "terminated" });
    await expect(panel.unsuspend(service)).rejects.toMatchObject({ name: "ProvisioningError", code: "terminated" });
    await expect(panel.suspend(service, "overdue")).rejects.toMatchObject({ code: "terminated" });
    expect(await statusOf(service.id)).toMatchObject({ status: "terminated", terminatedAt: at });
  });

  it("fails at the configured rate with a retryable error and changes nothing", async () => {
    const customer = await createCustomer(db);
    const service = await createService(db, customer.id, { status: "active" });
    const dice = [0.9, 0.1];
    const flaky = new BuiltinProvisioningModule({ failureRate: 0.5, random: () => dice.shift() ?? 0.9 });
    const error = await new BuiltinProvisioningModule({ failureRate: 1 }).suspend(service, "overdue").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
    expect((await statusOf(service.id)).status).toBe("active");

    expect(await flaky.suspend(service, "overdue")).toMatchObject({ changed: true }); // dice 0.9 ≥ 0.5: goes through
    await expect(flaky.unsuspend(service)).rejects.toMatchObject({ code: "unavailable" }); // dice 0.1 < 0.5: fails
    expect((await statusOf(service.id)).status).toBe("suspended");
  });

  it("joins the caller's transaction", async () => {
    const customer = await createCustomer(db);
    const service = await createService(db, customer.id, { status: "active" });
    await expect(
      db.$transaction(async (tx) => {
        await panel.suspend(service, "overdue", { tx });
        throw new Error("the change that caused it failed");
      }),
    ).rejects.toThrow("the change that caused it failed");
    expect((await statusOf(service.id)).status).toBe("active");
  });
});

describe("registerDunningJobs", () => {
  let boss: PgBoss | undefined;
  afterAll(async () => {
    if (!boss) return;
    await boss.unschedule(QUEUES.billingDunning);
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
  });

  it("schedules the dunning run hourly on a queue that keeps at most one run waiting", async () => {
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    boss = await startBoss({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2, log });
    await registerDunningJobs(boss, { log });
    expect(await boss.getSchedules()).toEqual(expect.arrayContaining([expect.objectContaining({ name: QUEUES.billingDunning, cron: "20 * * * *" })]));
    expect(await boss.getQueue(QUEUES.billingDunning)).toMatchObject({ name: QUEUES.billingDunning, policy: "short" });
  });
});
