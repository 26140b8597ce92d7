import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { type AuditAction, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type Actor, type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import { CYCLE_MONTHS, type BillingCycle, type IsoDate, addDays, daysBetween, daysInMonth, periodFor } from "@/lib/billing/cycles";
import { queueInvoiceIssuedEmails } from "@/lib/billing/invoice-emails";
import { issueInvoice } from "@/lib/billing/issue";
import { isSupportedCurrency } from "@/lib/billing/money";
import { type ProrationResult, prorate } from "@/lib/billing/proration";
import { taxTreatment, treatmentRate } from "@/lib/billing/tax";
import { getEnv } from "@/lib/env";
import { todayIn } from "@/lib/format/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { safeTimeZone } from "@/i18n/locales";
import { enqueueProvisioningJob } from "./provisioning-queue";
import { requestUpgradeSchema } from "./upgrade-schemas";

type Tx = Prisma.TransactionClient;
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

const TX_OPTIONS = { timeout: 15_000, maxWait: 10_000 } as const;
/** An upgrade charge is due this many days after it is requested (never after the paid period ends). */
export const UPGRADE_INVOICE_DUE_DAYS = 7;

// AuditAction has no "services.*" member yet; the lead adds it (see the H6 report). Until then the
// service-change actions are named here once.
export const serviceAuditAction = (name: `services.${string}`): AuditAction => name;

/** Why a package change cannot happen now; `key` is a message key of the "serviceChanges" namespace. */
export class UpgradeError extends Error {
  constructor(
    readonly key: string,
    readonly invoice?: { id: string; number: string | null },
  ) {
    super(key);
    this.name = "UpgradeError";
  }
}

export type UpgradeRefusal = { key: "overdue" | "pendingUpgrade"; invoice: { id: string; number: string | null } } | { key: "notEligible" | "periodNotPaid"; invoice?: undefined };

const dateOnly = (iso: IsoDate) => new Date(`${iso}T00:00:00.000Z`);
const isoOf = (date: Date): IsoDate => date.toISOString().slice(0, 10);

/** The due date one cycle before `next`, on the anchor day (or the month's last day when shorter). */
function previousDueDate(anchorDay: number, next: IsoDate, cycle: BillingCycle): IsoDate {
  const [year, month] = next.split("-").map(Number);
  const index = year * 12 + (month - 1) - CYCLE_MONTHS[cycle];
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(anchorDay, daysInMonth(y, m))).padStart(2, "0")}`;
}

/** The paid period a service is in: the one that ends the day before its next due date. */
export function currentPaidPeriod(nextDue: IsoDate, cycle: BillingCycle, anchorDay?: number | null): { start: IsoDate; end: IsoDate } {
  const anchor = anchorDay ?? Number(nextDue.slice(8, 10));
  const period = periodFor(previousDueDate(anchor, nextDue, cycle), cycle, anchor);
  // periodFor ends the day before the next anchored due date, which is `nextDue` itself.
  return { start: period.start, end: addDays(nextDue, -1) };
}

/**
 * What the customer has paid for from today on: the period that contains today (or the last paid
 * one when today is past it) up to the day before the next due date. A renewal paid early moves the
 * due date a cycle ahead while today is still in the previous period: those whole prepaid periods
 * count too (`prepaidPeriods`). `covers` is false once the paid time is over.
 */
export function paidSpan(nextDue: IsoDate, cycle: BillingCycle, anchorDay: number | null | undefined, today: IsoDate): { current: { start: IsoDate; end: IsoDate }; end: IsoDate; prepaidPeriods: number; covers: boolean } {
  let current = currentPaidPeriod(nextDue, cycle, anchorDay);
  let prepaidPeriods = 0;
  // Bounded: a service paid more than a few years ahead is not changed here.
  while (today < current.start && prepaidPeriods < 60) {
    current = currentPaidPeriod(current.start, cycle, anchorDay);
    prepaidPeriods++;
  }
  return { current, end: addDays(nextDue, -1), prepaidPeriods, covers: today >= current.start && today <= current.end };
}

const serviceOptionsSchema = z.array(z.object({ monthlyMinor: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]) }).loose());

/**
 * Add-ons chosen at order time stay with the service on a package change; they are priced per month
 * and already part of the recurring price, so they are added to the new package's price per cycle.
 */
function addOnsPerCycle(options: Prisma.JsonValue | null, cycle: BillingCycle): bigint {
  const parsed = serviceOptionsSchema.safeParse(options ?? []);
  if (!parsed.success) return 0n;
  return parsed.data.reduce((sum, o) => sum + BigInt(o.monthlyMinor), 0n) * BigInt(CYCLE_MONTHS[cycle]);
}

const changeServiceSelect = {
  id: true,
  customerId: true,
  kind: true,
  name: true,
  label: true,
  status: true,
  productId: true,
  billingCycle: true,
  recurringMinor: true,
  billingAnchorDay: true,
  nextDueDate: true,
  cancelAt: true,
  options: true,
  product: { select: { id: true, name: true } },
  customer: { select: { currency: true, country: true, vatId: true } },
} satisfies Prisma.ServiceSelect;
type ChangeService = Prisma.ServiceGetPayload<{ select: typeof changeServiceSelect }>;
type EligibleService = ChangeService & { productId: string; billingCycle: BillingCycle; recurringMinor: bigint; nextDueDate: Date; product: { id: string; name: string } };

function isEligible(service: ChangeService): service is EligibleService {
  return (
    service.status === "active" &&
    service.cancelAt === null &&
    service.productId !== null &&
    service.product !== null &&
    service.billingCycle !== null &&
    service.recurringMinor !== null &&
    service.nextDueDate !== null &&
    isSupportedCurrency(service.customer.currency)
  );
}

/** Packages the service may move to: other active products of its kind with a price in its cycle and the customer's currency. */
async function candidatePackages(client: Tx, service: EligibleService, productId?: string) {
  const products = await client.product.findMany({
    where: {
      ...(productId ? { id: productId } : {}),
      active: true,
      kind: service.kind,
      NOT: { id: service.productId },
      prices: { some: { cycle: service.billingCycle, currency: service.customer.currency } },
    },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, description: true, prices: { where: { cycle: service.billingCycle, currency: service.customer.currency }, select: { amountMinor: true } } },
  });
  const addOns = addOnsPerCycle(service.options, service.billingCycle);
  return products.map((p) => ({ id: p.id, name: p.name, description: p.description, newRecurringMinor: p.prices[0].amountMinor + addOns }));
}

/** What customer `customerId` owes past its due date (the oldest such invoice), if anything. */
async function oldestOverdueInvoice(client: Tx, customerId: string, today: IsoDate) {
  return client.invoice.findFirst({
    where: { customerId, status: "unpaid", dueDate: { lt: dateOnly(today) } },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    select: { id: true, number: true },
  });
}

/**
 * The upgrade of this service still waiting for its invoice to be paid. One whose invoice was
 * cancelled meanwhile no longer waits: it is marked cancelled (only when `client` may write).
 */
async function pendingUpgradeOf(client: Tx, serviceId: string, opts: { settle: boolean }) {
  const pending = await client.serviceUpgrade.findFirst({
    where: { serviceId, status: "awaiting_payment" },
    orderBy: { createdAt: "desc" },
    select: { id: true, invoice: { select: { id: true, number: true, status: true } } },
  });
  if (!pending) return null;
  if (!pending.invoice || pending.invoice.status === "cancelled") {
    if (opts.settle) await client.serviceUpgrade.update({ where: { id: pending.id }, data: { status: "cancelled" } });
    return null;
  }
  return { id: pending.id, invoice: { id: pending.invoice.id, number: pending.invoice.number } };
}

async function refusalFor(client: Tx, service: ChangeService, today: IsoDate, opts: { settle: boolean }): Promise<UpgradeRefusal | null> {
  if (!isEligible(service)) return { key: "notEligible" };
  const overdue = await oldestOverdueInvoice(client, service.customerId, today);
  if (overdue) return { key: "overdue", invoice: overdue };
  const pending = await pendingUpgradeOf(client, service.id, opts);
  if (pending) return { key: "pendingUpgrade", invoice: pending.invoice };
  if (!paidSpan(isoOf(service.nextDueDate), service.billingCycle, service.billingAnchorDay, today).covers) return { key: "periodNotPaid" };
  return null;
}

function prorationFor(service: EligibleService, newRecurringMinor: bigint, today: IsoDate): ProrationResult & { period: { start: IsoDate; end: IsoDate } } {
  const span = paidSpan(isoOf(service.nextDueDate), service.billingCycle, service.billingAnchorDay, today);
  const currency = service.customer.currency;
  if (!isSupportedCurrency(currency)) throw new UpgradeError("upgrade.errors.notEligible");
  const result = prorate({ oldPriceMinor: service.recurringMinor, newPriceMinor: newRecurringMinor, periodStart: span.current.start, periodEnd: span.current.end, changeDate: today, currency });
  // Periods already paid in full beyond the current one change at the whole difference.
  const prepaid = (newRecurringMinor - service.recurringMinor) * BigInt(span.prepaidPeriods);
  return { ...result, netMinor: result.netMinor + prepaid, remainingDays: daysBetween(today, span.end) + 1, period: { start: span.current.start, end: span.end } };
}

export type UpgradeOption = {
  productId: string;
  name: string;
  description: string | null;
  /** The new price per cycle (add-ons included). */
  recurringMinor: bigint;
  /** > 0 charged today, < 0 credited, 0 nothing; for the rest of the paid period. */
  netMinor: bigint;
  remainingDays: number;
  periodDays: number;
};

export type UpgradeOptions = {
  service: {
    id: string;
    name: string;
    label: string | null;
    productName: string | null;
    billingCycle: BillingCycle | null;
    recurringMinor: bigint | null;
    currency: string;
    nextDueDate: Date | null;
    period: { start: IsoDate; end: IsoDate } | null;
  };
  today: IsoDate;
  refusal: UpgradeRefusal | null;
  options: UpgradeOption[];
};

/** Today in the actor's time zone ("YYYY-MM-DD"). */
export const todayOf = (actor: Actor, now: Date = new Date()): IsoDate => todayIn(safeTimeZone(actor.timeZone), now);

/**
 * The packages a customer's service can move to, each with what changing today costs (or credits)
 * for the rest of the paid period. Null when the id is malformed or the service is another customer's.
 */
export async function upgradeOptions(actor: Actor, serviceId: string, opts: { now?: Date } = {}): Promise<UpgradeOptions | null> {
  const customerId = customerScope(actor, "services.manage");
  if (!requestUpgradeSchema.shape.serviceId.safeParse(serviceId).success) return null;
  const today = todayOf(actor, opts.now);
  const service = await db.service.findFirst({ where: { id: serviceId, customerId }, select: changeServiceSelect });
  if (!service) return null;
  const refusal = await refusalFor(db, service, today, { settle: false });
  const eligible = isEligible(service) ? service : null;
  const span = eligible ? paidSpan(isoOf(eligible.nextDueDate), eligible.billingCycle, eligible.billingAnchorDay, today) : null;
  const period = span ? { start: span.current.start, end: span.end } : null;
  const options: UpgradeOption[] =
    eligible && (refusal === null || refusal.key === "overdue" || refusal.key === "pendingUpgrade")
      ? (await candidatePackages(db, eligible)).map((p) => {
          const inPeriod = span !== null && span.covers;
          const result = inPeriod ? prorationFor(eligible, p.newRecurringMinor, today) : null;
          return {
            productId: p.id,
            name: p.name,
            description: p.description,
            recurringMinor: p.newRecurringMinor,
            netMinor: result?.netMinor ?? 0n,
            remainingDays: result?.remainingDays ?? 0,
            periodDays: result?.periodDays ?? 0,
          };
        })
      : [];
  return {
    service: {
      id: service.id,
      name: service.name,
      label: service.label,
      productName: service.product?.name ?? null,
      billingCycle: service.billingCycle,
      recurringMinor: service.recurringMinor,
      currency: service.customer.currency,
      nextDueDate: service.nextDueDate,
      period,
    },
    today,
    refusal,
    options,
  };
}

export type UpgradeOutcome = { upgradeId: string; status: "awaiting_payment" | "applied"; invoiceId: string | null; netMinor: bigint; currency: string };

/**
 * Moves a service to another package. The amount is computed here, never taken from the browser:
 * a charge becomes an issued invoice and the change waits for its payment (applyPaidUpgrades); a
 * credit (or nothing) applies at once, books the credit and queues the module's change_package.
 * Refused while the customer has an overdue invoice or another change of this service awaits payment.
 * The service row is locked for the whole transaction, so two requests cannot both pass the checks.
 */
export async function requestUpgrade(actor: CustomerActor, input: { serviceId: string; productId: string }, opts: { now?: Date } & RequestMeta = {}): Promise<UpgradeOutcome> {
  const customerId = customerScope(actor, "services.manage");
  const parsed = requestUpgradeSchema.safeParse(input);
  if (!parsed.success) throw new UpgradeError("upgrade.errors.notFound");
  const { serviceId, productId } = parsed.data;
  const now = opts.now ?? new Date();
  const today = todayOf(actor, now);

  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Service" WHERE "id" = ${serviceId}::uuid AND "customerId" = ${customerId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new UpgradeError("upgrade.errors.notFound");
    const service = await tx.service.findUniqueOrThrow({ where: { id: serviceId }, select: changeServiceSelect });
    const refusal = await refusalFor(tx, service, today, { settle: true });
    if (refusal) throw new UpgradeError(`upgrade.refused.${refusal.key}`, refusal.invoice);
    if (!isEligible(service)) throw new UpgradeError("upgrade.refused.notEligible");

    const [target] = await candidatePackages(tx, service, productId);
    if (!target) throw new UpgradeError("upgrade.errors.packageUnavailable");
    const proration = prorationFor(service, target.newRecurringMinor, today);
    const currency = service.customer.currency;
    const upgradeId = randomUUID();
    const base = {
      id: upgradeId,
      serviceId,
      fromProductId: service.productId,
      toProductId: target.id,
      oldRecurringMinor: service.recurringMinor,
      newRecurringMinor: target.newRecurringMinor,
      netMinor: proration.netMinor,
      currency,
      requestedByUserId: actor.userId,
    };
    const auditData = {
      serviceName: service.name,
      from: service.product.name,
      to: target.name,
      netMinor: proration.netMinor.toString(),
      currency,
      periodStart: today,
      periodEnd: proration.period.end,
    };

    if (proration.netMinor > 0n) {
      const invoiceId = await createUpgradeInvoice(tx, { service, target, today, periodEnd: proration.period.end, netMinor: proration.netMinor, now });
      await tx.serviceUpgrade.create({ data: { ...base, invoiceId, status: "awaiting_payment" } });
      await recordAuditEvent(
        { action: serviceAuditAction("services.upgrade.requested"), actorUserId: actor.userId, customerId, targetType: "service", targetId: serviceId, ip: opts.ip ?? null, userAgent: opts.userAgent ?? null, data: { ...auditData, upgradeId, invoiceId } },
        tx,
      );
      return { upgradeId, status: "awaiting_payment", invoiceId, netMinor: proration.netMinor, currency };
    }

    await tx.serviceUpgrade.create({ data: { ...base, status: "applied", appliedAt: now } });
    await tx.service.update({ where: { id: serviceId }, data: packageChange(service, target.name, target.id, target.newRecurringMinor) });
    if (proration.netMinor < 0n) {
      // The customer row lock serialises credit movements (lib/billing/payments.ts does the same).
      await tx.$executeRaw`SELECT 1 FROM "Customer" WHERE "id" = ${customerId}::uuid FOR UPDATE`;
      await tx.creditEntry.create({
        data: { customerId, currency, amountMinor: -proration.netMinor, kind: "adjustment", note: changeDescription("Downgrade", service.product.name, target.name, today, proration.period.end), createdByUserId: actor.userId },
      });
    }
    await enqueueProvisioningJob(tx, { serviceId, operation: "change_package", idempotencyKey: `upgrade:${upgradeId}`, payload: { productId: target.id }, requestedByUserId: actor.userId, now });
    await recordAuditEvent(
      { action: serviceAuditAction("services.upgrade.applied"), actorUserId: actor.userId, customerId, targetType: "service", targetId: serviceId, ip: opts.ip ?? null, userAgent: opts.userAgent ?? null, data: { ...auditData, upgradeId } },
      tx,
    );
    return { upgradeId, status: "applied", invoiceId: null, netMinor: proration.netMinor, currency };
  }, TX_OPTIONS);
}

/** The invoice line or credit entry text: "Upgrade Starter → Business, 2026-05-10 – 2026-06-19". */
function changeDescription(kind: "Upgrade" | "Downgrade", from: string, to: string, start: IsoDate, end: IsoDate): string {
  return `${kind} ${from} → ${to}, ${start} – ${end}`;
}

/**
 * The service's new package and price. A service named after its package (the usual case: the
 * order names it so) takes the new package's name; a name the customer or staff chose stays.
 */
export function packageChange(service: { name: string; product: { name: string } | null }, newProductName: string, productId: string, recurringMinor: bigint) {
  return { productId, recurringMinor, ...(service.product && service.name === service.product.name ? { name: newProductName } : {}) };
}

async function createUpgradeInvoice(
  tx: Tx,
  input: { service: EligibleService; target: { name: string }; today: IsoDate; periodEnd: IsoDate; netMinor: bigint; now: Date },
): Promise<string> {
  const { service } = input;
  const rates = Object.fromEntries((await tx.taxRate.findMany({ select: { country: true, rateBp: true } })).map((r) => [r.country, r.rateBp]));
  const treatment = taxTreatment({ providerCountry: getEnv().BILLING_PROVIDER_COUNTRY, customerCountry: service.customer.country, customerVatId: service.customer.vatId, isBusiness: Boolean(service.customer.vatId) });
  const dueDays = Math.min(UPGRADE_INVOICE_DUE_DAYS, Math.max(0, Math.round((dateOnly(input.periodEnd).getTime() - dateOnly(input.today).getTime()) / 86_400_000)));
  const invoiceId = randomUUID();
  await tx.invoice.create({
    data: {
      id: invoiceId,
      customerId: service.customerId,
      currency: service.customer.currency,
      totalMinor: 0n,
      dueDate: dateOnly(addDays(input.today, dueDays)),
      lines: {
        create: {
          position: 0,
          description: changeDescription("Upgrade", service.product.name, input.target.name, input.today, input.periodEnd),
          // The line names the service and the prorated days. Its period ends the day before the next
          // due date, so afterInvoicePaid (which moves nextDueDate only when it is ≤ periodEnd) leaves it.
          serviceId: service.id,
          periodStart: dateOnly(input.today),
          periodEnd: dateOnly(input.periodEnd),
          unitPriceMinor: input.netMinor,
          netMinor: input.netMinor,
          taxRateBp: treatmentRate(treatment, rates),
        },
      },
    },
  });
  await issueInvoice(invoiceId, { tx, now: input.now });
  await queueInvoiceIssuedEmails(tx, invoiceId);
  return invoiceId;
}
