import "server-only";
import { getEnv } from "@/lib/env";
import { db } from "@/lib/db";
import type { InvoiceKind, Prisma } from "@/lib/generated/prisma/client";
import { SERIES, paymentReferenceFor, takeNextNumber } from "./numbering";
import { invoiceTotals } from "./tax";

type Tx = Prisma.TransactionClient;

/** A document cannot move this way (e.g. issuing an invoice that is not a draft). */
export class InvoiceStateError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = "InvoiceStateError";
  }
}

function inTransaction<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db.$transaction(fn, { timeout: 15_000, maxWait: 10_000 });
}

/** Totals from the stored lines (never from the browser), VAT per rate as the invoice prints it. */
async function totalsOf(tx: Tx, invoiceId: string) {
  const lines = await tx.invoiceLine.findMany({ where: { invoiceId }, select: { netMinor: true, taxRateBp: true } });
  const totals = invoiceTotals(lines.map((l) => ({ netMinor: l.netMinor, rateBp: l.taxRateBp })));
  return { subtotalMinor: totals.netMinor, taxMinor: totals.taxMinor, totalMinor: totals.grossMinor };
}

/**
 * Issues a draft: totals are computed from its lines, it gets the next number of its series (a
 * proforma, or a tax invoice straight away when BILLING_USE_PROFORMA is off) and becomes unpaid.
 * All in one transaction, so a failure leaves a draft and no used number.
 */
export async function issueInvoice(invoiceId: string, opts: { now?: Date; tx?: Tx; useProforma?: boolean } = {}) {
  const now = opts.now ?? new Date();
  const useProforma = opts.useProforma ?? getEnv().BILLING_USE_PROFORMA;
  return inTransaction(opts.tx, async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Invoice" WHERE "id" = ${invoiceId}::uuid FOR UPDATE`;
    const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { status: true } });
    if (!invoice) throw new InvoiceStateError("errors.notFound");
    if (invoice.status !== "draft") throw new InvoiceStateError("errors.notDraft");
    const kind: InvoiceKind = useProforma ? "proforma" : "tax";
    const year = now.getUTCFullYear();
    const totals = await totalsOf(tx, invoiceId);
    // The number last: the series stays locked from here until the transaction commits.
    const { sequence, number } = await takeNextNumber(tx, SERIES[kind], year);
    return tx.invoice.update({
      where: { id: invoiceId },
      data: {
        ...totals,
        kind,
        series: SERIES[kind],
        year,
        sequence,
        number,
        paymentReference: paymentReferenceFor(SERIES[kind], year, sequence),
        status: "unpaid",
        issuedAt: now,
      },
    });
  });
}

/**
 * Marks an unpaid invoice paid. A paid proforma gets its tax invoice: the same lines and totals,
 * the next number of the tax series, linked to the proforma — in the same transaction as the
 * payment, so there is never a paid proforma without its tax invoice. Paying twice does nothing.
 */
export async function markInvoicePaid(invoiceId: string, opts: { now?: Date; tx?: Tx } = {}) {
  const now = opts.now ?? new Date();
  return inTransaction(opts.tx, async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Invoice" WHERE "id" = ${invoiceId}::uuid FOR UPDATE`;
    const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, include: { lines: { orderBy: { position: "asc" } } } });
    if (!invoice) throw new InvoiceStateError("errors.notFound");
    if (invoice.status === "paid") return { invoice, taxInvoice: await tx.invoice.findFirst({ where: { sourceInvoiceId: invoice.id, kind: "tax" } }) };
    if (invoice.status !== "unpaid") throw new InvoiceStateError("errors.notPayable");
    const paid = await tx.invoice.update({ where: { id: invoice.id }, data: { status: "paid", paidAt: now } });
    if (invoice.kind !== "proforma") return { invoice: paid, taxInvoice: null };

    const year = now.getUTCFullYear();
    const { sequence, number } = await takeNextNumber(tx, SERIES.tax, year);
    const taxInvoice = await tx.invoice.create({
      data: {
        customerId: invoice.customerId,
        kind: "tax",
        series: SERIES.tax,
        year,
        sequence,
        number,
        status: "paid",
        currency: invoice.currency,
        subtotalMinor: invoice.subtotalMinor,
        taxMinor: invoice.taxMinor,
        totalMinor: invoice.totalMinor,
        amountPaidMinor: invoice.totalMinor,
        paymentReference: paymentReferenceFor(SERIES.tax, year, sequence),
        issuedAt: now,
        paidAt: now,
        dueDate: invoice.dueDate,
        sourceInvoiceId: invoice.id,
        lines: {
          create: invoice.lines.map(({ position, description, serviceId, periodStart, periodEnd, quantityMilli, unitPriceMinor, netMinor, taxRateBp }) => ({
            position,
            description,
            serviceId,
            periodStart,
            periodEnd,
            quantityMilli,
            unitPriceMinor,
            netMinor,
            taxRateBp,
          })),
        },
      },
    });
    return { invoice: paid, taxInvoice };
  });
}
