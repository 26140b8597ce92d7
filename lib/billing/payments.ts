import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, type StaffActor, assertCan, customerScope } from "@/lib/auth/actor-types";
import type { PaymentMethod, Prisma } from "@/lib/generated/prisma/client";
import { afterInvoicePaid } from "./after-paid";
import { markInvoicePaid } from "./issue";
import { allocate, divRoundHalfUp } from "./money";
import { SERIES, paymentReferenceFor, takeNextNumber } from "./numbering";

type Tx = Prisma.TransactionClient;

/** A payment, refund or credit movement that cannot happen; `key` is a message key of the "billing" namespace. */
export class PaymentError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = "PaymentError";
  }
}

const TX_OPTIONS = { timeout: 15_000, maxWait: 10_000 } as const;

function inTransaction<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db.$transaction(fn, TX_OPTIONS);
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

// Lock order, everywhere: the invoice first, then the customer. The customer row lock serialises
// every credit movement of that customer, so two payments cannot spend the same credit.
const lockInvoice = (tx: Tx, invoiceId: string) => tx.$executeRaw`SELECT 1 FROM "Invoice" WHERE "id" = ${invoiceId}::uuid FOR UPDATE`;
const lockCustomer = (tx: Tx, customerId: string) => tx.$executeRaw`SELECT 1 FROM "Customer" WHERE "id" = ${customerId}::uuid FOR UPDATE`;

/** The credit balance in one currency, inside the caller's transaction (lock the customer first). */
export async function creditBalanceIn(tx: Tx, customerId: string, currency: string): Promise<bigint> {
  const agg = await tx.creditEntry.aggregate({ where: { customerId, currency }, _sum: { amountMinor: true } });
  return agg._sum.amountMinor ?? 0n;
}

/** Credit per currency (only currencies with a non-zero balance or any movement). */
export async function creditBalances(customerId: string, client: Tx = db): Promise<{ currency: string; balanceMinor: bigint }[]> {
  const rows = await client.creditEntry.groupBy({ by: ["currency"], where: { customerId }, _sum: { amountMinor: true }, orderBy: { currency: "asc" } });
  return rows.map((r) => ({ currency: r.currency, balanceMinor: r._sum.amountMinor ?? 0n }));
}

export type PaymentResult = {
  /** The same outside payment (method + externalId) was booked before; nothing changed. */
  duplicate: boolean;
  paymentId: string;
  /** Booked against the invoice balance. */
  appliedMinor: bigint;
  /** Paid beyond the balance (or for an invoice no longer payable), booked to the customer's credit. */
  creditedMinor: bigint;
  invoicePaid: boolean;
  /** The tax invoice issued because this payment settled a proforma. */
  taxInvoiceId: string | null;
};

/** Books `amount` towards the invoice; settles it (tax invoice, service due dates, dunning release) when fully paid. */
async function bookTowardsInvoice(tx: Tx, invoice: { id: string; totalMinor: bigint; amountPaidMinor: bigint }, amount: bigint, now: Date) {
  const paid = invoice.amountPaidMinor + amount;
  await tx.invoice.update({ where: { id: invoice.id }, data: { amountPaidMinor: paid } });
  if (paid < invoice.totalMinor) return { invoicePaid: false, taxInvoiceId: null };
  const { taxInvoice } = await markInvoicePaid(invoice.id, { tx, now });
  await afterInvoicePaid(tx, invoice.id, now);
  return { invoicePaid: true, taxInvoiceId: taxInvoice?.id ?? null };
}

export type IncomingPayment = {
  invoiceId: string;
  method: Exclude<PaymentMethod, "credit">;
  amountMinor: bigint;
  currency: string;
  /** Stripe PaymentIntent id, bank transaction id: the same one is never booked twice. */
  externalId?: string | null;
  reference?: string | null;
  note?: string | null;
  recordedByUserId?: string | null;
  receivedAt?: Date;
  now?: Date;
};

/**
 * Money received for an invoice (card, bank transfer, or recorded by staff). A partial payment
 * leaves the rest unpaid; an overpayment, or money for an invoice that is no longer payable, goes
 * to the customer's credit, so nothing received is ever lost. Idempotent per (method, externalId).
 */
export async function applyIncomingPayment(input: IncomingPayment, opts: { tx?: Tx } = {}): Promise<PaymentResult> {
  const now = input.now ?? new Date();
  if (input.amountMinor <= 0n) throw new PaymentError("errors.amountNotPositive");
  return inTransaction(opts.tx, async (tx) => {
    await lockInvoice(tx, input.invoiceId);
    const invoice = await tx.invoice.findUnique({
      where: { id: input.invoiceId },
      select: { id: true, customerId: true, number: true, kind: true, status: true, currency: true, totalMinor: true, amountPaidMinor: true },
    });
    if (!invoice) throw new PaymentError("errors.notFound");
    if (invoice.kind === "credit_note" || invoice.status === "draft") throw new PaymentError("errors.notPayable");
    if (invoice.currency !== input.currency) throw new PaymentError("errors.currencyMismatch");
    if (input.externalId) {
      const existing = await tx.payment.findUnique({ where: { method_externalId: { method: input.method, externalId: input.externalId } }, select: { id: true } });
      if (existing) return { duplicate: true, paymentId: existing.id, appliedMinor: 0n, creditedMinor: 0n, invoicePaid: false, taxInvoiceId: null };
    }
    const due = invoice.status === "unpaid" ? invoice.totalMinor - invoice.amountPaidMinor : 0n;
    const applied = min(input.amountMinor, due > 0n ? due : 0n);
    const credited = input.amountMinor - applied;
    const payment = await tx.payment.create({
      data: {
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        method: input.method,
        amountMinor: input.amountMinor,
        currency: input.currency,
        externalId: input.externalId ?? null,
        reference: input.reference ?? null,
        note: input.note ?? null,
        recordedByUserId: input.recordedByUserId ?? null,
        receivedAt: input.receivedAt ?? now,
      },
      select: { id: true },
    });
    const settled = applied > 0n ? await bookTowardsInvoice(tx, invoice, applied, now) : { invoicePaid: false, taxInvoiceId: null };
    if (credited > 0n) {
      await lockCustomer(tx, invoice.customerId);
      await tx.creditEntry.create({
        data: { customerId: invoice.customerId, currency: invoice.currency, amountMinor: credited, kind: "overpayment", invoiceId: invoice.id, paymentId: payment.id },
      });
    }
    await recordAuditEvent(
      {
        action: "billing.payment.recorded",
        actorUserId: input.recordedByUserId ?? null,
        customerId: invoice.customerId,
        targetType: "invoice",
        targetId: invoice.id,
        data: { number: invoice.number, method: input.method, amountMinor: input.amountMinor.toString(), currency: input.currency, appliedMinor: applied.toString(), creditedMinor: credited.toString(), reference: input.reference ?? null },
      },
      tx,
    );
    return { duplicate: false, paymentId: payment.id, appliedMinor: applied, creditedMinor: credited, ...settled };
  });
}

/**
 * Pays an invoice from the customer's credit in its currency: as much as the credit covers, up to
 * the balance (the amount is never the browser's to choose). What credit does not cover stays unpaid.
 */
export async function payInvoiceWithCredit(actor: CustomerActor, invoiceId: string, opts: { now?: Date; ip?: string | null } = {}): Promise<PaymentResult> {
  const customerId = customerScope(actor, "billing.pay");
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    await lockInvoice(tx, invoiceId);
    const invoice = await tx.invoice.findFirst({
      where: { id: invoiceId, customerId, status: { not: "draft" } },
      select: { id: true, number: true, kind: true, status: true, currency: true, totalMinor: true, amountPaidMinor: true },
    });
    if (!invoice || invoice.kind === "credit_note") throw new PaymentError("errors.notFound");
    if (invoice.status !== "unpaid") throw new PaymentError("errors.notPayable");
    await lockCustomer(tx, customerId);
    const balance = await creditBalanceIn(tx, customerId, invoice.currency);
    const amount = min(balance, invoice.totalMinor - invoice.amountPaidMinor);
    if (amount <= 0n) throw new PaymentError("errors.noCredit");
    const payment = await tx.payment.create({
      data: { customerId, invoiceId, method: "credit", amountMinor: amount, currency: invoice.currency, recordedByUserId: actor.userId, receivedAt: now },
      select: { id: true },
    });
    await tx.creditEntry.create({ data: { customerId, currency: invoice.currency, amountMinor: -amount, kind: "applied", invoiceId, paymentId: payment.id, createdByUserId: actor.userId } });
    const settled = await bookTowardsInvoice(tx, invoice, amount, now);
    await recordAuditEvent(
      {
        action: "billing.payment.recorded",
        actorUserId: actor.userId,
        customerId,
        targetType: "invoice",
        targetId: invoiceId,
        ip: opts.ip ?? null,
        data: { number: invoice.number, method: "credit", amountMinor: amount.toString(), currency: invoice.currency },
      },
      tx,
    );
    return { duplicate: false, paymentId: payment.id, appliedMinor: amount, creditedMinor: 0n, ...settled };
  }, TX_OPTIONS);
}

/** Staff correction of a customer's credit (positive or negative); the balance may not go below zero. */
export async function adjustCredit(
  actor: StaffActor,
  input: { customerId: string; currency: string; amountMinor: bigint; note: string },
  opts: { ip?: string | null } = {},
): Promise<{ balanceMinor: bigint }> {
  assertCan(actor, "staff.billing");
  if (input.amountMinor === 0n) throw new PaymentError("errors.amountZero");
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!customer) throw new PaymentError("errors.notFound");
    await lockCustomer(tx, input.customerId);
    const balance = (await creditBalanceIn(tx, input.customerId, input.currency)) + input.amountMinor;
    if (balance < 0n) throw new PaymentError("errors.creditBelowZero");
    await tx.creditEntry.create({
      data: { customerId: input.customerId, currency: input.currency, amountMinor: input.amountMinor, kind: "adjustment", note: input.note, createdByUserId: actor.userId },
    });
    await recordAuditEvent(
      {
        action: "billing.credit.adjusted",
        actorUserId: actor.userId,
        customerId: input.customerId,
        targetType: "customer",
        targetId: input.customerId,
        ip: opts.ip ?? null,
        data: { amountMinor: input.amountMinor.toString(), currency: input.currency, note: input.note, balanceMinor: balance.toString() },
      },
      tx,
    );
    return { balanceMinor: balance };
  }, TX_OPTIONS);
}

export type RefundInput = {
  paymentId: string;
  amountMinor: bigint;
  /** Back to the customer's credit, or back the way it came (the caller has already asked Stripe for a card refund). */
  destination: "credit" | "original";
  /** The outside refund's id (Stripe "re_…"): the same refund is never booked twice. */
  externalId?: string | null;
  reason: string;
  actorUserId?: string | null;
  now?: Date;
};

/** What is left to refund of a payment (its amount minus earlier refunds). */
export async function refundableMinor(tx: Tx, paymentId: string): Promise<bigint> {
  const [payment, refunded] = await Promise.all([
    tx.payment.findUnique({ where: { id: paymentId }, select: { amountMinor: true } }),
    tx.payment.aggregate({ where: { refundOfId: paymentId }, _sum: { amountMinor: true } }),
  ]);
  if (!payment) return 0n;
  return payment.amountMinor + (refunded._sum.amountMinor ?? 0n);
}

/**
 * Refunds (part of) a payment: a negative payment row, the money back to credit or to the original
 * method, and a credit note (CN series) correcting the invoice's tax document, with the VAT split
 * in the same proportions as the invoice. A fully refunded invoice becomes "refunded".
 */
export async function refundPayment(input: RefundInput, opts: { tx?: Tx } = {}) {
  const now = input.now ?? new Date();
  if (input.amountMinor <= 0n) throw new PaymentError("errors.amountNotPositive");
  return inTransaction(opts.tx, async (tx) => {
    const head = await tx.payment.findUnique({ where: { id: input.paymentId }, select: { invoiceId: true } });
    if (!head) throw new PaymentError("errors.notFound");
    if (head.invoiceId) await lockInvoice(tx, head.invoiceId);
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: input.paymentId } });
    if (payment.amountMinor <= 0n || payment.refundOfId) throw new PaymentError("errors.notRefundable");
    if (input.externalId) {
      const existing = await tx.payment.findUnique({ where: { method_externalId: { method: payment.method, externalId: input.externalId } }, select: { id: true } });
      if (existing) return { duplicate: true, refundId: existing.id, creditNoteId: null as string | null };
    }
    if (input.amountMinor > (await refundableMinor(tx, payment.id))) throw new PaymentError("errors.refundTooLarge");
    const toCredit = input.destination === "credit" || payment.method === "credit";
    const refund = await tx.payment.create({
      data: {
        customerId: payment.customerId,
        invoiceId: payment.invoiceId,
        method: payment.method,
        amountMinor: -input.amountMinor,
        currency: payment.currency,
        externalId: input.externalId ?? null,
        note: input.reason,
        refundOfId: payment.id,
        recordedByUserId: input.actorUserId ?? null,
        receivedAt: now,
      },
      select: { id: true },
    });
    if (toCredit) {
      await lockCustomer(tx, payment.customerId);
      await tx.creditEntry.create({
        data: { customerId: payment.customerId, currency: payment.currency, amountMinor: input.amountMinor, kind: "refund", invoiceId: payment.invoiceId, paymentId: refund.id, note: input.reason, createdByUserId: input.actorUserId ?? null },
      });
    }
    const creditNoteId = payment.invoiceId ? await issueCreditNote(tx, payment.invoiceId, input.amountMinor, input.reason, now) : null;
    await recordAuditEvent(
      {
        action: "billing.payment.refunded",
        actorUserId: input.actorUserId ?? null,
        customerId: payment.customerId,
        targetType: "payment",
        targetId: payment.id,
        data: { amountMinor: input.amountMinor.toString(), currency: payment.currency, destination: toCredit ? "credit" : payment.method, reason: input.reason, creditNoteId },
      },
      tx,
    );
    return { duplicate: false, refundId: refund.id, creditNoteId };
  });
}

/**
 * A credit note for `grossMinor` of an invoice: against its tax invoice (a paid proforma's tax
 * document), split over the invoice's VAT rates in proportion to their gross amounts. Marks the
 * invoice (and its proforma) refunded once the credit notes add up to its total.
 */
async function issueCreditNote(tx: Tx, invoiceId: string, grossMinor: bigint, reason: string, now: Date): Promise<string | null> {
  const paidDoc = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { id: true, kind: true } });
  const taxDoc =
    paidDoc.kind === "proforma" ? await tx.invoice.findFirst({ where: { sourceInvoiceId: paidDoc.id, kind: "tax" }, include: { lines: true } }) : await tx.invoice.findUnique({ where: { id: paidDoc.id }, include: { lines: true } });
  // A payment on a proforma not yet settled has no tax document to correct: the refund is enough.
  if (!taxDoc || taxDoc.kind !== "tax") return null;

  const byRate = new Map<number, bigint>();
  for (const l of taxDoc.lines) byRate.set(l.taxRateBp, (byRate.get(l.taxRateBp) ?? 0n) + l.netMinor);
  const rates = [...byRate.keys()].sort((a, b) => a - b);
  const grossByRate = rates.map((r) => byRate.get(r)! + divRoundHalfUp(byRate.get(r)! * BigInt(r), 10_000n));
  const shares = grossByRate.some((g) => g > 0n) ? allocate(grossMinor, grossByRate) : [grossMinor];
  const lines = (rates.length ? rates : [0]).map((rateBp, i) => {
    const gross = shares[i] ?? 0n;
    const net = divRoundHalfUp(gross * 10_000n, 10_000n + BigInt(rateBp));
    return { rateBp, net, tax: gross - net };
  }).filter((l) => l.net !== 0n || l.tax !== 0n);

  const year = now.getUTCFullYear();
  const { sequence, number } = await takeNextNumber(tx, SERIES.credit_note, year);
  const subtotal = lines.reduce((s, l) => s + l.net, 0n);
  const tax = lines.reduce((s, l) => s + l.tax, 0n);
  const note = await tx.invoice.create({
    data: {
      customerId: taxDoc.customerId,
      kind: "credit_note",
      series: SERIES.credit_note,
      year,
      sequence,
      number,
      paymentReference: paymentReferenceFor(SERIES.credit_note, year, sequence),
      status: "paid",
      currency: taxDoc.currency,
      subtotalMinor: -subtotal,
      taxMinor: -tax,
      totalMinor: -grossMinor,
      amountPaidMinor: -grossMinor,
      issuedAt: now,
      paidAt: now,
      dueDate: now,
      notes: reason,
      sourceInvoiceId: taxDoc.id,
      lines: {
        create: lines.map((l, i) => ({
          position: i + 1,
          description: taxDoc.number ? `${taxDoc.number}: ${reason}` : reason,
          quantityMilli: 1000,
          unitPriceMinor: -l.net,
          netMinor: -l.net,
          taxRateBp: l.rateBp,
        })),
      },
    },
    select: { id: true },
  });
  const credited = await tx.invoice.aggregate({ where: { sourceInvoiceId: taxDoc.id, kind: "credit_note" }, _sum: { totalMinor: true } });
  if (-(credited._sum.totalMinor ?? 0n) >= taxDoc.totalMinor) {
    await tx.invoice.updateMany({ where: { id: { in: [taxDoc.id, paidDoc.id] }, status: "paid" }, data: { status: "refunded" } });
  }
  return note.id;
}
