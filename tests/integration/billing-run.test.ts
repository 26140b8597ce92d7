// Renewal billing: one invoice per service and period, however many runs and workers; VAT per the
// customer's situation; the "new invoice" email queued once with the invoice.
import { db } from "@/lib/db";
import type PgBoss from "pg-boss";
import { runRenewalBilling } from "@/lib/billing/billing-run";
import { registerBillingJobs } from "@/lib/jobs/billing-jobs";
import { startBoss } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

const NOW = new Date("2032-05-10T08:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

async function world() {
  await db.taxRate.createMany({ data: [{ country: "SK", rateBp: 2300 }, { country: "HU", rateBp: 2700 }], skipDuplicates: true });
  const product = await db.product.create({ data: { slug: unique("p"), kind: "hosting", name: "Web Hosting Business" } });
  const sk = await createCustomer(db, { country: "SK", currency: "EUR" });
  const huBusiness = await createCustomer(db, { country: "HU", currency: "HUF", vatId: "HU12345678" });
  const billingUser = await createUser(db);
  const techUser = await createUser(db);
  await addMember(db, billingUser.id, sk.id, { preset: "billing" });
  await addMember(db, techUser.id, sk.id, { preset: "technical" });
  const service = (customerId: string, due: string, extra: Partial<{ status: "active" | "cancelled"; recurringMinor: bigint }> = {}) =>
    db.service.create({
      data: { customerId, kind: "hosting", name: "Web Hosting Business", label: unique("site"), status: extra.status ?? "active", nextDueDate: day(due), productId: product.id, billingCycle: "monthly", recurringMinor: extra.recurringMinor ?? 999n },
    });
  return {
    sk,
    huBusiness,
    billingUser,
    techUser,
    dueSoon: await service(sk.id, "2032-05-20"),
    dueSoonHu: await service(huBusiness.id, "2032-05-15", { recurringMinor: 399_000n }),
    notYet: await service(sk.id, "2032-07-01"),
    cancelled: await service(sk.id, "2032-05-12", { status: "cancelled" }),
  };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});

const linesOf = (serviceId: string) => db.invoiceLine.findMany({ where: { serviceId }, include: { invoice: true } });

describe("runRenewalBilling", () => {
  it("8 concurrent runs create exactly one invoice per service and period", async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => runRenewalBilling({ now: NOW, daysAhead: 14, log: { warn() {}, error() {} } })));
    expect(runs.every((r) => r.failed === 0)).toBe(true);
    const lines = await linesOf(w.dueSoon.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ periodStart: day("2032-05-20"), periodEnd: day("2032-06-19"), netMinor: 999n, taxRateBp: 2300 });
    expect(lines[0].invoice).toMatchObject({ kind: "proforma", status: "unpaid", subtotalMinor: 999n, taxMinor: 230n, totalMinor: 1229n, currency: "EUR", dueDate: day("2032-05-20") });
    expect(lines[0].invoice.number).toMatch(/^PF-2032-\d{6}$/);
    expect(await db.serviceBillingPeriod.count({ where: { serviceId: w.dueSoon.id } })).toBe(1);
    // Not due within 14 days, or cancelled: nothing.
    expect(await linesOf(w.notYet.id)).toHaveLength(0);
    expect(await linesOf(w.cancelled.id)).toHaveLength(0);
  });

  it("an EU business abroad with a VAT ID is invoiced with reverse charge (0 %)", async () => {
    const [line] = await linesOf(w.dueSoonHu.id);
    expect(line).toMatchObject({ taxRateBp: 0 });
    expect(line.invoice).toMatchObject({ currency: "HUF", taxMinor: 0n, totalMinor: 399_000n });
  });

  it("a second run creates nothing, and the invoice email went to the billing contact once", async () => {
    const again = await runRenewalBilling({ now: NOW, daysAhead: 14 });
    expect(await linesOf(w.dueSoon.id)).toHaveLength(1);
    expect(again.failed).toBe(0);
    const [line] = await linesOf(w.dueSoon.id);
    const emails = await db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `invoice:${line.invoiceId}:issued:` } } });
    expect(emails.map((e) => e.userId)).toEqual([w.billingUser.id]);
    expect(emails[0]).toMatchObject({ category: "billing", customerId: w.sk.id });
    expect(emails[0].subject).toContain(line.invoice.number!);
  });

  it("a service anchored on the 31st keeps its month ends after February", async () => {
    const anchored = await db.service.create({
      data: { customerId: w.sk.id, kind: "hosting", name: "Anchored", status: "active", nextDueDate: day("2033-02-28"), productId: w.dueSoon.productId, billingCycle: "monthly", recurringMinor: 100n, billingAnchorDay: 31 },
    });
    await runRenewalBilling({ now: new Date("2033-02-20T08:00:00Z"), daysAhead: 14 });
    const [line] = await linesOf(anchored.id);
    expect(line).toMatchObject({ periodStart: day("2033-02-28"), periodEnd: day("2033-03-30") });
  });

  it("the next period is billed once the due date moves on", async () => {
    await db.service.update({ where: { id: w.dueSoon.id }, data: { nextDueDate: day("2032-06-20") } });
    await runRenewalBilling({ now: new Date("2032-06-10T08:00:00Z"), daysAhead: 14 });
    const lines = await linesOf(w.dueSoon.id);
    expect(lines.map((l) => l.periodStart?.toISOString().slice(0, 10)).sort()).toEqual(["2032-05-20", "2032-06-20"]);
  });

  it("a cancelled service is not billed for periods from its first day without service", async () => {
    const make = (cancelAt: string) =>
      db.service.create({
        data: { customerId: w.sk.id, kind: "hosting", name: "Cancelling", status: "active", nextDueDate: day("2034-03-15"), productId: w.dueSoon.productId, billingCycle: "monthly", recurringMinor: 100n, cancelAt: day(cancelAt) },
      });
    const onDueDate = await make("2034-03-15");
    const before = await make("2034-03-01");
    const later = await make("2034-04-01");
    const result = await runRenewalBilling({ now: new Date("2034-03-10T08:00:00Z"), daysAhead: 14 });
    expect(result.failed).toBe(0);
    expect(await linesOf(onDueDate.id)).toHaveLength(0);
    expect(await linesOf(before.id)).toHaveLength(0);
    // Ends inside the period that starts on the due date: that period is still billed.
    expect(await linesOf(later.id)).toHaveLength(1);
  });
});

describe("registerBillingJobs", () => {
  let boss: PgBoss | undefined;
  afterAll(async () => {
    if (!boss) return;
    await boss.unschedule(QUEUES.billingRenewals);
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
  });

  it("schedules the renewal run hourly on a queue that keeps at most one run waiting", async () => {
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    boss = await startBoss({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2, log: quiet });
    await registerBillingJobs(boss, { log: quiet });
    expect(await boss.getSchedules()).toEqual(expect.arrayContaining([expect.objectContaining({ name: QUEUES.billingRenewals, cron: "7 * * * *" })]));
    expect(await boss.getQueue(QUEUES.billingRenewals)).toMatchObject({ name: QUEUES.billingRenewals, policy: "short" });
  });
});
