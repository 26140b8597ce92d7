import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { todayIn } from "@/lib/format/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { customerRecipients, queueEmail } from "@/lib/notifications";
import { safeTimeZone } from "@/i18n/locales";
import { AdminBillingError, assertStaffBilling } from "./admin-access";
import {
  type AdjustCreditInput,
  type DraftInput,
  type RecordPaymentInput,
  type RefundInput,
  adjustCreditSchema,
  draftSchema,
  moneyErrorKey,
  quantityToMilli,
  recordPaymentSchema,
  refundSchema,
  vatPercentToBp,
} from "./admin-schemas";
import { refundCardPayment } from "./card-checkout";
import { queueInvoiceIssuedEmails, renderInvoiceIssuedEmail } from "./invoice-emails";
import { issueInvoice } from "./issue";
import { type Currency, isSupportedCurrency, multiplyQuantity, safeParseMoney } from "./money";
import { type PaymentResult, adjustCredit, applyIncomingPayment, refundPayment, refundableMinor } from "./payments";
import { invoiceTotals } from "./tax";

// Staff writes on invoices (/admin/invoices): drafts, issuing, cancelling, payments, refunds,
// resending and credit. Each checks staff.billing, works in one transaction and is audited; amounts
// are parsed here with the currency read from the database, never the one a form sent.

type Tx = Prisma.TransactionClient;
export type RequestInfo = { ip?: string | null; userAgent?: string | null };

const TX_OPTIONS = { timeout: 15_000, maxWait: 10_000 } as const;
const dateOnly = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const lockInvoice = (tx: Tx, invoiceId: string) => tx.$executeRaw`SELECT 1 FROM "Invoice" WHERE "id" = ${invoiceId}::uuid FOR UPDATE`;

function parseAmount(value: string, currency: string, field: string, opts: { allowNegative?: boolean } = {}): bigint {
  if (!isSupportedCurrency(currency)) throw new AdminBillingError("errors.currencyUnsupported");
  const parsed = safeParseMoney(value, currency as Currency, opts);
  if (!parsed.ok) throw new AdminBillingError(moneyErrorKey(parsed.code), field);
  return parsed.minor;
}

/** The lines as stored: net = unit price × quantity, rounded per currency; VAT rate from the form. */
function linesFor(input: DraftInput, currency: string) {
  return input.lines.map((line, i) => {
    const quantityMilli = quantityToMilli(line.quantity);
    const taxRateBp = vatPercentToBp(line.vatRate);
    if (quantityMilli === null) throw new AdminBillingError("errors.quantityInvalid", `lines.${i}.quantity`);
    if (taxRateBp === null) throw new AdminBillingError("errors.vatRateInvalid", `lines.${i}.vatRate`);
    const unitPriceMinor = parseAmount(line.unitPrice, currency, `lines.${i}.unitPrice`, { allowNegative: true });
    return {
      position: i + 1,
      description: line.description.trim(),
      periodStart: line.periodStart ? dateOnly(line.periodStart) : null,
      periodEnd: line.periodEnd ? dateOnly(line.periodEnd) : null,
      quantityMilli,
      unitPriceMinor,
      netMinor: multiplyQuantity(unitPriceMinor, quantityMilli),
      taxRateBp,
    };
  });
}

function totalsOf(lines: { netMinor: bigint; taxRateBp: number }[]) {
  const t = invoiceTotals(lines.map((l) => ({ netMinor: l.netMinor, rateBp: l.taxRateBp })));
  return { subtotalMinor: t.netMinor, taxMinor: t.taxMinor, totalMinor: t.grossMinor };
}

/** Creates a draft for a customer in the customer's currency; the lines' totals are computed here. */
export async function createDraft(actor: Actor, input: DraftInput, info: RequestInfo = {}): Promise<{ id: string }> {
  assertStaffBilling(actor);
  const data = draftSchema.parse(input);
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: data.customerId }, select: { id: true, currency: true } });
    if (!customer) throw new AdminBillingError("errors.customerRequired", "customerId");
    const lines = linesFor(data, customer.currency);
    const invoice = await tx.invoice.create({
      data: { customerId: customer.id, currency: customer.currency, dueDate: dateOnly(data.dueDate), notes: data.notes || null, ...totalsOf(lines), lines: { create: lines } },
      select: { id: true, totalMinor: true },
    });
    await recordAuditEvent(
      { action: "billing.invoice.draft_created", actorUserId: actor.userId, customerId: customer.id, targetType: "invoice", targetId: invoice.id, ip: info.ip, userAgent: info.userAgent, data: { lines: lines.length, totalMinor: invoice.totalMinor.toString(), currency: customer.currency } },
      tx,
    );
    return { id: invoice.id };
  }, TX_OPTIONS);
}

/** Replaces a draft's due date, notes and lines (added, removed, changed) and recomputes its totals. */
export async function saveDraft(actor: Actor, input: DraftInput, info: RequestInfo = {}): Promise<{ id: string }> {
  assertStaffBilling(actor);
  const data = draftSchema.parse(input);
  if (!data.invoiceId) throw new AdminBillingError("errors.notFound");
  const invoiceId = data.invoiceId;
  return db.$transaction(async (tx) => {
    await lockInvoice(tx, invoiceId);
    const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { id: true, status: true, customerId: true, currency: true } });
    if (!invoice || invoice.customerId !== data.customerId) throw new AdminBillingError("errors.notFound");
    if (invoice.status !== "draft") throw new AdminBillingError("errors.notDraft");
    const lines = linesFor(data, invoice.currency);
    await tx.invoiceLine.deleteMany({ where: { invoiceId } });
    const saved = await tx.invoice.update({
      where: { id: invoiceId },
      data: { dueDate: dateOnly(data.dueDate), notes: data.notes || null, ...totalsOf(lines), lines: { create: lines } },
      select: { totalMinor: true },
    });
    await recordAuditEvent(
      { action: "billing.invoice.draft_updated", actorUserId: actor.userId, customerId: invoice.customerId, targetType: "invoice", targetId: invoiceId, ip: info.ip, userAgent: info.userAgent, data: { lines: lines.length, totalMinor: saved.totalMinor.toString(), currency: invoice.currency } },
      tx,
    );
    return { id: invoiceId };
  }, TX_OPTIONS);
}

/** Deletes a draft (never an issued document: those keep their number and are cancelled or refunded). */
export async function deleteDraft(actor: Actor, invoiceId: string, info: RequestInfo = {}): Promise<void> {
  assertStaffBilling(actor);
  await db.$transaction(async (tx) => {
    await lockInvoice(tx, invoiceId);
    const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { status: true, customerId: true, totalMinor: true, currency: true } });
    if (!invoice) throw new AdminBillingError("errors.notFound");
    if (invoice.status !== "draft") throw new AdminBillingError("errors.notDraft");
    await tx.invoice.delete({ where: { id: invoiceId } });
    await recordAuditEvent(
      { action: "billing.invoice.draft_deleted", actorUserId: actor.userId, customerId: invoice.customerId, targetType: "invoice", targetId: invoiceId, ip: info.ip, userAgent: info.userAgent, data: { totalMinor: invoice.totalMinor.toString(), currency: invoice.currency } },
      tx,
    );
  }, TX_OPTIONS);
}

/**
 * Issues a draft (a proforma, or a tax invoice when proformas are off) and queues the "new invoice"
 * email to the billing contacts in the same transaction, so issuing and emailing commit together.
 */
export async function issueDraft(actor: Actor, invoiceId: string, info: RequestInfo = {}, opts: { now?: Date; useProforma?: boolean } = {}) {
  assertStaffBilling(actor);
  return db.$transaction(async (tx) => {
    await lockInvoice(tx, invoiceId);
    const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { status: true, customerId: true, lines: { select: { netMinor: true, taxRateBp: true } } } });
    if (!invoice) throw new AdminBillingError("errors.notFound");
    if (invoice.status !== "draft") throw new AdminBillingError("errors.notDraft");
    if (invoice.lines.length === 0) throw new AdminBillingError("errors.linesRequired");
    if (totalsOf(invoice.lines).totalMinor <= 0n) throw new AdminBillingError("errors.totalNotPositive");
    const issued = await issueInvoice(invoiceId, { tx, now: opts.now, useProforma: opts.useProforma });
    const emailed = await queueInvoiceIssuedEmails(tx, invoiceId);
    await recordAuditEvent(
      {
        action: "billing.invoice.issued",
        actorUserId: actor.userId,
        customerId: invoice.customerId,
        targetType: "invoice",
        targetId: invoiceId,
        ip: info.ip,
        userAgent: info.userAgent,
        data: { number: issued.number, kind: issued.kind, totalMinor: issued.totalMinor.toString(), currency: issued.currency, emailed },
      },
      tx,
    );
    return { number: issued.number, kind: issued.kind, emailed };
  }, TX_OPTIONS);
}

/** Cancels an issued, unpaid invoice nothing has been paid on. A paid invoice is refunded instead (credit note). */
export async function cancelInvoice(actor: Actor, invoiceId: string, info: RequestInfo = {}, opts: { now?: Date } = {}): Promise<void> {
  assertStaffBilling(actor);
  const now = opts.now ?? new Date();
  await db.$transaction(async (tx) => {
    await lockInvoice(tx, invoiceId);
    const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { status: true, kind: true, number: true, customerId: true, amountPaidMinor: true, _count: { select: { payments: true } } } });
    if (!invoice) throw new AdminBillingError("errors.notFound");
    if (invoice.status === "draft") throw new AdminBillingError("errors.draftDeleteInstead");
    if (invoice.status === "paid" || invoice.status === "refunded") throw new AdminBillingError("errors.paidRefundInstead");
    if (invoice.status !== "unpaid" || invoice.kind === "credit_note") throw new AdminBillingError("errors.notCancellable");
    if (invoice.amountPaidMinor !== 0n || invoice._count.payments > 0) throw new AdminBillingError("errors.hasPayments");
    await tx.invoice.update({ where: { id: invoiceId }, data: { status: "cancelled", cancelledAt: now } });
    await recordAuditEvent(
      { action: "billing.invoice.cancelled", actorUserId: actor.userId, customerId: invoice.customerId, targetType: "invoice", targetId: invoiceId, ip: info.ip, userAgent: info.userAgent, data: { number: invoice.number, kind: invoice.kind } },
      tx,
    );
  }, TX_OPTIONS);
}

/**
 * Money received for an unpaid invoice by bank transfer or another channel (cash…). A partial
 * payment leaves the rest open; more than the balance goes to the customer's credit.
 */
export async function recordPayment(actor: Actor, raw: RecordPaymentInput, opts: { now?: Date } = {}): Promise<PaymentResult> {
  assertStaffBilling(actor);
  const input = recordPaymentSchema.parse(raw);
  const now = opts.now ?? new Date();
  if (input.receivedOn > todayIn(safeTimeZone(actor.timeZone), now)) throw new AdminBillingError("errors.dateInFuture", "receivedOn");
  return db.$transaction(async (tx) => {
    await lockInvoice(tx, input.invoiceId);
    const invoice = await tx.invoice.findUnique({ where: { id: input.invoiceId }, select: { status: true, kind: true, currency: true } });
    if (!invoice) throw new AdminBillingError("errors.notFound");
    if (invoice.status !== "unpaid" || invoice.kind === "credit_note") throw new AdminBillingError("errors.notPayable");
    const amountMinor = parseAmount(input.amount, invoice.currency, "amount");
    return applyIncomingPayment(
      {
        invoiceId: input.invoiceId,
        method: input.method,
        amountMinor,
        currency: invoice.currency,
        externalId: input.transactionId.trim() || null,
        reference: input.reference.trim() || null,
        note: input.note.trim() || null,
        recordedByUserId: actor.userId,
        // Noon UTC keeps the calendar day the same wherever the payment list is read.
        receivedAt: new Date(`${input.receivedOn}T12:00:00.000Z`),
        now,
      },
      { tx },
    );
  }, TX_OPTIONS);
}

/**
 * Refunds (part of) a payment: to the customer's credit, or back the way it came. A card refund is
 * asked of Stripe first and booked with Stripe's refund id, so a retry never books it twice.
 */
export async function refundPaymentForStaff(actor: Actor, raw: RefundInput, opts: { now?: Date } = {}) {
  assertStaffBilling(actor);
  const input = refundSchema.parse(raw);
  const payment = await db.payment.findUnique({ where: { id: input.paymentId }, select: { id: true, method: true, currency: true, amountMinor: true, refundOfId: true } });
  if (!payment) throw new AdminBillingError("errors.notFound");
  if (payment.amountMinor <= 0n || payment.refundOfId) throw new AdminBillingError("errors.notRefundable");
  const amountMinor = parseAmount(input.amount, payment.currency, "amount");
  if (amountMinor > (await refundableMinor(db, payment.id))) throw new AdminBillingError("errors.refundTooLarge", "amount");
  let externalId: string | null = null;
  if (input.destination === "original" && payment.method === "card") {
    try {
      externalId = (await refundCardPayment(payment.id, amountMinor)).externalId;
    } catch {
      throw new AdminBillingError("errors.cardRefundUnavailable", "destination");
    }
  }
  return refundPayment({ paymentId: payment.id, amountMinor, destination: input.destination, externalId, reason: input.reason.trim(), actorUserId: actor.userId, now: opts.now });
}

/** Queues the "new invoice" email again to the billing contacts (a new email each time), audited. */
export async function resendInvoice(actor: Actor, invoiceId: string, info: RequestInfo = {}): Promise<{ queued: number }> {
  assertStaffBilling(actor);
  return db.$transaction(async (tx) => {
    const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { id: true, number: true, kind: true, status: true, totalMinor: true, currency: true, dueDate: true, customerId: true } });
    if (!invoice) throw new AdminBillingError("errors.notFound");
    if (!invoice.number || invoice.status === "draft" || invoice.status === "cancelled" || invoice.kind === "credit_note") throw new AdminBillingError("errors.notSendable");
    const appUrl = getEnv().APP_URL;
    const sendId = randomUUID();
    let queued = 0;
    for (const r of await customerRecipients(tx, invoice.customerId, { permission: "billing.view", category: "billing" })) {
      const email = renderInvoiceIssuedEmail({ locale: r.locale, recipientName: r.name, invoice: { ...invoice, number: invoice.number }, appUrl });
      const result = await queueEmail(tx, { to: r.email, ...email, category: "billing", customerId: invoice.customerId, userId: r.userId, dedupeKey: `invoice:${invoice.id}:resent:${sendId}:${r.userId}` });
      if (result.queued) queued++;
    }
    if (queued === 0) throw new AdminBillingError("errors.noRecipients");
    await recordAuditEvent(
      { action: "billing.invoice.resent", actorUserId: actor.userId, customerId: invoice.customerId, targetType: "invoice", targetId: invoice.id, ip: info.ip, userAgent: info.userAgent, data: { number: invoice.number, queued } },
      tx,
    );
    return { queued };
  }, TX_OPTIONS);
}

/** Staff correction of a customer's credit in one currency (signed amount, with a note). */
export async function adjustCustomerCredit(actor: Actor, raw: AdjustCreditInput, info: RequestInfo = {}) {
  assertStaffBilling(actor);
  const input = adjustCreditSchema.parse(raw);
  const amountMinor = parseAmount(input.amount, input.currency, "amount", { allowNegative: true });
  return adjustCredit(actor, { customerId: input.customerId, currency: input.currency, amountMinor, note: input.note.trim() }, { ip: info.ip });
}
