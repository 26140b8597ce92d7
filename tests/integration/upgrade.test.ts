// Package changes: the prorated amounts (a charge on an issued invoice with VAT, a credit booked at
// once), the refusal while an invoice is overdue or another change awaits payment, the paid invoice
// applying the change exactly once (one change_package job), and the authorisation around it.
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { applyIncomingPayment } from "@/lib/billing/payments";
import { UpgradeError, currentPaidPeriod, paidSpan, requestUpgrade, upgradeOptions } from "@/lib/services/upgrade";
import { applyPaidUpgrades } from "@/lib/services/upgrade-apply";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createInvoice, createUser, unique } from "@/tests/helpers/factories";

// This file's invoices live in 2036, so invoice numbers of other files' years are untouched.
const NOW = new Date("2036-05-10T10:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

type Product = { id: string; name: string };
let starter: Product, business: Product, mini: Product;
let owner: CustomerActor;
let billingContact: CustomerActor;
let customerId: string;

async function product(name: string, monthlyEur: bigint | null, extra: { kind?: "hosting" | "vps"; active?: boolean; position?: number } = {}) {
  return db.product.create({
    data: {
      slug: unique("pkg"),
      kind: extra.kind ?? "hosting",
      name,
      active: extra.active ?? true,
      position: extra.position ?? 0,
      prices: monthlyEur === null ? undefined : { create: [{ currency: "EUR", cycle: "monthly", amountMinor: monthlyEur }, { currency: "HUF", cycle: "monthly", amountMinor: monthlyEur * 100n }] },
    },
    select: { id: true, name: true },
  });
}

/** A monthly service on `p` paid up to 2036-05-19 (period 2036-04-20 – 2036-05-19, 30 days). */
const serviceOn = (cid: string, p: Product, recurringMinor: bigint) =>
  db.service.create({
    data: { customerId: cid, kind: "hosting", name: p.name, status: "active", productId: p.id, billingCycle: "monthly", recurringMinor, nextDueDate: day("2036-05-20"), billingAnchorDay: 20 },
  });

beforeAll(async () => {
  await db.taxRate.createMany({ data: [{ country: "SK", rateBp: 2300 }], skipDuplicates: true });
  mini = await product(unique("Hosting Mini"), 400n, { position: 1 });
  starter = await product(unique("Hosting Starter"), 1000n, { position: 2 });
  business = await product(unique("Hosting Business"), 2000n, { position: 3 });
  // Not offered: inactive, another kind, no price in EUR monthly.
  await product(unique("Hosting Legacy"), 1500n, { active: false });
  await product(unique("VPS S"), 1500n, { kind: "vps" });
  await product(unique("Hosting Unpriced"), null);

  const customer = await createCustomer(db, { currency: "EUR", country: "SK" });
  customerId = customer.id;
  const ownerUser = await createUser(db);
  await addMember(db, ownerUser.id, customerId, { preset: "owner" });
  const billingUser = await createUser(db);
  await addMember(db, billingUser.id, customerId, { preset: "billing" });
  owner = await customerActorFor(ownerUser.id, customerId);
  billingContact = await customerActorFor(billingUser.id, customerId);
});

const jobsOf = (serviceId: string) => db.provisioningJob.findMany({ where: { serviceId } });

describe("currentPaidPeriod", () => {
  it("is the period that ends the day before the next due date, anchored", () => {
    expect(currentPaidPeriod("2036-05-20", "monthly", 20)).toEqual({ start: "2036-04-20", end: "2036-05-19" });
    expect(currentPaidPeriod("2036-03-31", "monthly", 31)).toEqual({ start: "2036-02-29", end: "2036-03-30" });
    expect(currentPaidPeriod("2037-01-15", "annual", 15)).toEqual({ start: "2036-01-15", end: "2037-01-14" });
  });
});

describe("paidSpan", () => {
  it("runs from the period holding today to the day before the next due date, counting periods paid ahead", () => {
    expect(paidSpan("2036-05-20", "monthly", 20, "2036-05-10")).toEqual({ current: { start: "2036-04-20", end: "2036-05-19" }, end: "2036-05-19", prepaidPeriods: 0, covers: true });
    // The renewal was paid early: the due date is a cycle ahead while today is still in April's period.
    expect(paidSpan("2036-06-20", "monthly", 20, "2036-05-10")).toEqual({ current: { start: "2036-04-20", end: "2036-05-19" }, end: "2036-06-19", prepaidPeriods: 1, covers: true });
    expect(paidSpan("2036-05-20", "monthly", 20, "2036-05-25")).toMatchObject({ covers: false });
  });
});

describe("upgradeOptions", () => {
  it("prices a service paid a period ahead: the rest of this period prorated plus the whole difference of the prepaid one", async () => {
    const service = await db.service.update({ where: { id: (await serviceOn(customerId, starter, 1000n)).id }, data: { nextDueDate: day("2036-06-20") } });
    const result = await upgradeOptions(owner, service.id, { now: NOW });
    expect(result?.refusal).toBeNull();
    expect(result?.service.period).toEqual({ start: "2036-04-20", end: "2036-06-19" });
    // 334 for the 10 days left of this period (as above) + 1000 for the prepaid period 05-20 – 06-19.
    expect(result?.options.find((o) => o.productId === business.id)).toMatchObject({ netMinor: 1_334n, remainingDays: 41 });
  });

  it("offers the other active packages of the kind, priced in the cycle and currency, with today's proration", async () => {
    const service = await serviceOn(customerId, starter, 1000n);
    const result = await upgradeOptions(owner, service.id, { now: NOW });
    expect(result?.refusal).toBeNull();
    expect(result?.service.period).toEqual({ start: "2036-04-20", end: "2036-05-19" });
    // Other files' products may share this database: look at this file's own.
    const names = result?.options.map((o) => o.name) ?? [];
    expect(names.filter((n) => n.includes("Hosting ") && (n.startsWith("Hosting Mini") || n.startsWith("Hosting Business") || n.startsWith("Hosting Legacy") || n.startsWith("Hosting Unpriced") || n === starter.name))).toEqual([mini.name, business.name]);
    expect(names.some((n) => n.startsWith("VPS S"))).toBe(false);
    // 10 of 30 days remain: credit 1000 × 10/30 = 333, charge 2000 × 10/30 = 667 (half up).
    expect(result?.options.find((o) => o.productId === business.id)).toMatchObject({ recurringMinor: 2000n, netMinor: 334n, remainingDays: 10, periodDays: 30 });
    // Downgrade: 400 × 10/30 = 133 − 333.
    expect(result?.options.find((o) => o.productId === mini.id)).toMatchObject({ recurringMinor: 400n, netMinor: -200n });
  });

  it("keeps priced add-ons on the new package", async () => {
    const service = await serviceOn(customerId, starter, 1500n);
    await db.service.update({ where: { id: service.id }, data: { options: [{ option: "Extra disk", choice: "10 GB", monthlyMinor: 500 }] } });
    const result = await upgradeOptions(owner, service.id, { now: NOW });
    expect(result?.options.find((o) => o.productId === business.id)).toMatchObject({ recurringMinor: 2500n, netMinor: 333n });
  });
});

describe("requestUpgrade: a charge", () => {
  let serviceId: string;
  let invoiceId: string;
  let upgradeId: string;

  it("issues an invoice for the exact prorated amount with VAT, and waits for its payment", async () => {
    serviceId = (await serviceOn(customerId, starter, 1000n)).id;
    const outcome = await requestUpgrade(owner, { serviceId, productId: business.id }, { now: NOW });
    expect(outcome).toMatchObject({ status: "awaiting_payment", netMinor: 334n, currency: "EUR" });
    invoiceId = outcome.invoiceId!;
    upgradeId = outcome.upgradeId;
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
    // 334 + 23 % VAT (76.82 → 77).
    expect(invoice).toMatchObject({ customerId, status: "unpaid", currency: "EUR", subtotalMinor: 334n, taxMinor: 77n, totalMinor: 411n, dueDate: day("2036-05-17") });
    expect(invoice.number).toMatch(/-2036-\d{6}$/);
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0]).toMatchObject({ serviceId, netMinor: 334n, taxRateBp: 2300, periodStart: day("2036-05-10"), periodEnd: day("2036-05-19") });
    expect(invoice.lines[0].description).toBe(`Upgrade ${starter.name} → ${business.name}, 2036-05-10 – 2036-05-19`);
    expect(await db.serviceUpgrade.findUniqueOrThrow({ where: { id: upgradeId } })).toMatchObject({ status: "awaiting_payment", invoiceId, fromProductId: starter.id, toProductId: business.id, oldRecurringMinor: 1000n, newRecurringMinor: 2000n });
    // Nothing changes before the payment.
    expect(await db.service.findUniqueOrThrow({ where: { id: serviceId } })).toMatchObject({ productId: starter.id, recurringMinor: 1000n });
    expect(await jobsOf(serviceId)).toHaveLength(0);
    const audit = await db.auditEvent.findFirst({ where: { action: "services.upgrade.requested", targetId: serviceId } });
    expect(audit).toMatchObject({ customerId, actorUserId: owner.userId });
  });

  it("refuses a second change of the service while the first awaits payment", async () => {
    await expect(requestUpgrade(owner, { serviceId, productId: mini.id }, { now: NOW })).rejects.toMatchObject({ key: "upgrade.refused.pendingUpgrade", invoice: { id: invoiceId } });
    expect((await upgradeOptions(owner, serviceId, { now: NOW }))?.refusal).toMatchObject({ key: "pendingUpgrade", invoice: { id: invoiceId } });
  });

  it("is applied once the invoice is paid, once, without moving the next due date", async () => {
    const paid = await applyIncomingPayment({ invoiceId, method: "bank_transfer", amountMinor: 411n, currency: "EUR", externalId: unique("tx"), now: NOW });
    expect(paid.invoicePaid).toBe(true);
    expect(await db.serviceUpgrade.findUniqueOrThrow({ where: { id: upgradeId } })).toMatchObject({ status: "applied", appliedAt: NOW });
    expect(await db.service.findUniqueOrThrow({ where: { id: serviceId } })).toMatchObject({ productId: business.id, recurringMinor: 2000n, name: business.name, nextDueDate: day("2036-05-20") });
    // Again (a retried webhook, a second payment): nothing more.
    await db.$transaction((tx) => applyPaidUpgrades(tx, invoiceId, NOW));
    await applyIncomingPayment({ invoiceId, method: "bank_transfer", amountMinor: 411n, currency: "EUR", externalId: unique("tx"), now: NOW });
    const jobs = await jobsOf(serviceId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ operation: "change_package", idempotencyKey: `upgrade:${upgradeId}`, payload: { productId: business.id } });
    expect(await db.auditEvent.count({ where: { action: "services.upgrade.applied", targetId: serviceId } })).toBe(1);
  });
});

describe("requestUpgrade: a credit", () => {
  it("applies a downgrade at once, credits the unused difference and queues the module change", async () => {
    const service = await serviceOn(customerId, business, 2000n);
    const before = await db.creditEntry.aggregate({ where: { customerId, currency: "EUR" }, _sum: { amountMinor: true } });
    const outcome = await requestUpgrade(owner, { serviceId: service.id, productId: mini.id }, { now: NOW });
    // credit 2000 × 10/30 = 667, charge 400 × 10/30 = 133 → −534.
    expect(outcome).toMatchObject({ status: "applied", invoiceId: null, netMinor: -534n });
    const after = await db.creditEntry.aggregate({ where: { customerId, currency: "EUR" }, _sum: { amountMinor: true } });
    expect((after._sum.amountMinor ?? 0n) - (before._sum.amountMinor ?? 0n)).toBe(534n);
    const entry = await db.creditEntry.findFirstOrThrow({ where: { customerId, amountMinor: 534n } });
    expect(entry).toMatchObject({ kind: "adjustment", createdByUserId: owner.userId });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ productId: mini.id, recurringMinor: 400n, provisioningState: "queued" });
    expect(await db.serviceUpgrade.findUniqueOrThrow({ where: { id: outcome.upgradeId } })).toMatchObject({ status: "applied", netMinor: -534n, invoiceId: null });
    const jobs = await jobsOf(service.id);
    expect(jobs.map((j) => [j.operation, j.idempotencyKey])).toEqual([["change_package", `upgrade:${outcome.upgradeId}`]]);
    expect(await db.invoice.count({ where: { lines: { some: { serviceId: service.id } } } })).toBe(0);
  });
});

describe("refusals and authorisation", () => {
  it("refuses while the customer has an overdue invoice, naming it", async () => {
    const customer = await createCustomer(db, { currency: "EUR", country: "SK" });
    const user = await createUser(db);
    await addMember(db, user.id, customer.id, { preset: "owner" });
    const actor = await customerActorFor(user.id, customer.id);
    const overdue = await createInvoice(db, customer.id, { status: "unpaid", dueDate: day("2036-05-01"), issuedAt: day("2036-04-20") });
    // Not overdue: due today, or paid.
    await createInvoice(db, customer.id, { status: "unpaid", dueDate: day("2036-05-10"), issuedAt: day("2036-05-01") });
    const service = await serviceOn(customer.id, starter, 1000n);
    const options = await upgradeOptions(actor, service.id, { now: NOW });
    expect(options?.refusal).toEqual({ key: "overdue", invoice: { id: overdue.id, number: overdue.number } });
    await expect(requestUpgrade(actor, { serviceId: service.id, productId: business.id }, { now: NOW })).rejects.toMatchObject({ key: "upgrade.refused.overdue", invoice: { id: overdue.id } });
    expect(await db.serviceUpgrade.count({ where: { serviceId: service.id } })).toBe(0);

    await db.invoice.update({ where: { id: overdue.id }, data: { status: "paid", paidAt: NOW } });
    expect((await upgradeOptions(actor, service.id, { now: NOW }))?.refusal).toBeNull();
  });

  it("refuses a package that is not offered (inactive, other kind, same package)", async () => {
    const service = await serviceOn(customerId, starter, 1000n);
    const vps = await db.product.findFirstOrThrow({ where: { kind: "vps", name: { startsWith: "VPS S" } } });
    const legacy = await db.product.findFirstOrThrow({ where: { active: false, name: { startsWith: "Hosting Legacy" } } });
    const unpriced = await db.product.findFirstOrThrow({ where: { name: { startsWith: "Hosting Unpriced" } } });
    for (const productId of [starter.id, vps.id, legacy.id, unpriced.id]) {
      await expect(requestUpgrade(owner, { serviceId: service.id, productId }, { now: NOW })).rejects.toBeInstanceOf(UpgradeError);
    }
    expect(await db.serviceUpgrade.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("answers not found for another customer's service and changes nothing", async () => {
    const other = await createCustomer(db, { currency: "EUR", country: "SK" });
    const otherService = await serviceOn(other.id, starter, 1000n);
    expect(await upgradeOptions(owner, otherService.id, { now: NOW })).toBeNull();
    expect(await upgradeOptions(owner, "not-a-uuid", { now: NOW })).toBeNull();
    await expect(requestUpgrade(owner, { serviceId: otherService.id, productId: business.id }, { now: NOW })).rejects.toMatchObject({ key: "upgrade.errors.notFound" });
    expect(await db.service.findUniqueOrThrow({ where: { id: otherService.id } })).toMatchObject({ productId: starter.id, recurringMinor: 1000n });
    expect(await db.serviceUpgrade.count({ where: { serviceId: otherService.id } })).toBe(0);
  });

  it("needs services.manage", async () => {
    const service = await serviceOn(customerId, starter, 1000n);
    await expect(upgradeOptions(billingContact, service.id, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(requestUpgrade(billingContact, { serviceId: service.id, productId: business.id }, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    const viewerUser = await createUser(db);
    await addMember(db, viewerUser.id, customerId, { permissions: ["services.view"] });
    const viewer = await customerActorFor(viewerUser.id, customerId);
    await expect(requestUpgrade(viewer, { serviceId: service.id, productId: business.id }, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await db.serviceUpgrade.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("two requests at once make one change", async () => {
    const service = await serviceOn(customerId, starter, 1000n);
    const results = await Promise.allSettled([0, 1, 2].map(() => requestUpgrade(owner, { serviceId: service.id, productId: business.id }, { now: NOW })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.serviceUpgrade.count({ where: { serviceId: service.id } })).toBe(1);
  });
});
