import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import type { InvoiceKind, InvoiceStatus, PaymentMethod, Prisma } from "@/lib/generated/prisma/client";
import { todayAsCalendarDate } from "@/lib/format/dates";
import { safeTimeZone } from "@/i18n/locales";
import { type InvoiceFilter, invoiceIdSchema } from "./schemas";
import { type LegalNoteKey, type RateBreakdown, invoiceTotals, taxTreatment } from "./tax";

export const INVOICES_PAGE_SIZE = 20;

// Drafts are the provider's work in progress; a customer sees an invoice once it is issued.
export const CUSTOMER_VISIBLE: InvoiceStatus[] = ["unpaid", "paid", "cancelled", "refunded"];

const STATUSES_BY_FILTER: Record<InvoiceFilter, InvoiceStatus[]> = {
  unpaid: ["unpaid"],
  paid: ["paid"],
  all: CUSTOMER_VISIBLE,
};

/**
 * A proforma that has been paid has its tax invoice (sourceInvoiceId = the proforma): the list
 * shows the tax document only, so the same money is never listed twice.
 */
const NOT_SUPERSEDED = { NOT: { kind: "proforma", derived: { some: { kind: "tax" } } } } satisfies Prisma.InvoiceWhereInput;

const invoiceSelect = {
  id: true,
  number: true,
  kind: true,
  status: true,
  currency: true,
  totalMinor: true,
  amountPaidMinor: true,
  issuedAt: true,
  dueDate: true,
  paidAt: true,
} satisfies Prisma.InvoiceSelect;

type InvoiceRow = Prisma.InvoiceGetPayload<{ select: typeof invoiceSelect }>;
export type InvoiceSummary = InvoiceRow & { overdue: boolean; balanceMinor: bigint };
/** `totalMinor` is what is still to pay (the balances, not the invoice totals), per currency. */
export type CurrencyTotal = { currency: string; count: number; totalMinor: bigint; overdueCount: number; overdueMinor: bigint };
/** The listed documents of one currency: their totals (cancelled ones left out) and what is still due. */
export type ListTotal = { currency: string; count: number; totalMinor: bigint; balanceMinor: bigint };

/** Today in the actor's time zone as a `date` value: an invoice due today is not overdue yet, one due yesterday is. */
const todayFor = (actor: Actor) => todayAsCalendarDate(safeTimeZone(actor.timeZone));

const isOverdue = (row: { status: InvoiceStatus; dueDate: Date }, today: Date) => row.status === "unpaid" && row.dueDate < today;

/** What is left to pay of an invoice; nothing for a document that is not open. */
const balanceOf = (row: { status: InvoiceStatus; totalMinor: bigint; amountPaidMinor: bigint }) =>
  row.status === "unpaid" && row.totalMinor > row.amountPaidMinor ? row.totalMinor - row.amountPaidMinor : 0n;

const summarise = (row: InvoiceRow, today: Date): InvoiceSummary => ({ ...row, overdue: isOverdue(row, today), balanceMinor: balanceOf(row) });

export async function listInvoices(actor: Actor, opts: { status?: InvoiceFilter; page?: number } = {}) {
  const customerId = customerScope(actor, "billing.view");
  const filter = opts.status ?? "unpaid";
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const where = { customerId, status: { in: STATUSES_BY_FILTER[filter] }, ...NOT_SUPERSEDED } satisfies Prisma.InvoiceWhereInput;
  // Unpaid: the oldest debt first. Otherwise: the newest first.
  const orderBy: Prisma.InvoiceOrderByWithRelationInput[] =
    filter === "unpaid" ? [{ dueDate: "asc" }, { createdAt: "asc" }] : [{ dueDate: "desc" }, { createdAt: "desc" }];
  const [rows, total, groups] = await Promise.all([
    db.invoice.findMany({ where, select: invoiceSelect, orderBy, skip: (page - 1) * INVOICES_PAGE_SIZE, take: INVOICES_PAGE_SIZE }),
    db.invoice.count({ where }),
    db.invoice.groupBy({
      by: ["currency"],
      where: { ...where, status: { in: STATUSES_BY_FILTER[filter].filter((s) => s !== "cancelled") } },
      _sum: { totalMinor: true, amountPaidMinor: true },
      _count: { _all: true },
      orderBy: { currency: "asc" },
    }),
  ]);
  const today = todayFor(actor);
  const items = rows.map((row) => summarise(row, today));
  // Only unpaid documents have a balance; the unpaid ones of another filter are summed apart.
  const unpaidGroups =
    filter === "paid"
      ? []
      : await db.invoice.groupBy({ by: ["currency"], where: { ...where, status: "unpaid" }, _sum: { totalMinor: true, amountPaidMinor: true }, orderBy: { currency: "asc" } });
  const totals: ListTotal[] = groups.map((g) => {
    const u = unpaidGroups.find((x) => x.currency === g.currency);
    return {
      currency: g.currency,
      count: g._count._all,
      totalMinor: g._sum.totalMinor ?? 0n,
      balanceMinor: u ? (u._sum.totalMinor ?? 0n) - (u._sum.amountPaidMinor ?? 0n) : 0n,
    };
  });
  return { items, total, page, pageSize: INVOICES_PAGE_SIZE, totals };
}

/** Null when the id is malformed, the invoice is a draft or it belongs to another customer (404). */
export async function getInvoice(actor: Actor, id: string): Promise<InvoiceSummary | null> {
  const customerId = customerScope(actor, "billing.view");
  if (!invoiceIdSchema.safeParse(id).success) return null;
  const row = await db.invoice.findFirst({ where: { id, customerId, status: { in: CUSTOMER_VISIBLE } }, select: invoiceSelect });
  return row && summarise(row, todayFor(actor));
}

/** What the customer owes, per currency (amounts in different currencies are never added up). */
export async function getUnpaidTotals(actor: Actor): Promise<CurrencyTotal[]> {
  const customerId = customerScope(actor, "billing.view");
  const today = todayFor(actor);
  const sum = { totalMinor: true, amountPaidMinor: true } as const;
  const [unpaid, overdue] = await Promise.all([
    db.invoice.groupBy({ by: ["currency"], where: { customerId, status: "unpaid" }, _sum: sum, _count: { _all: true } }),
    db.invoice.groupBy({ by: ["currency"], where: { customerId, status: "unpaid", dueDate: { lt: today } }, _sum: sum, _count: { _all: true } }),
  ]);
  const due = (s: { totalMinor: bigint | null; amountPaidMinor: bigint | null } | undefined) => (s?.totalMinor ?? 0n) - (s?.amountPaidMinor ?? 0n);
  return unpaid
    .map((u) => {
      const o = overdue.find((x) => x.currency === u.currency);
      return { currency: u.currency, count: u._count._all, totalMinor: due(u._sum), overdueCount: o?._count._all ?? 0, overdueMinor: due(o?._sum) };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

export type RelatedDocument = { id: string; number: string | null; kind: InvoiceKind; status: InvoiceStatus; totalMinor: bigint; currency: string };

export type InvoiceDetail = InvoiceSummary & {
  subtotalMinor: bigint;
  taxMinor: bigint;
  paymentReference: string | null;
  notes: string | null;
  cancelledAt: Date | null;
  lines: {
    id: string;
    description: string;
    periodStart: Date | null;
    periodEnd: Date | null;
    quantityMilli: number;
    unitPriceMinor: bigint;
    netMinor: bigint;
    taxRateBp: number;
  }[];
  /** VAT per rate, highest rate first, computed from the lines the way the invoice prints it. */
  vatBreakdown: RateBreakdown[];
  /** The legal note the lines at 0 % need (reverse charge, outside the scope of VAT, export). */
  legalNoteKey: LegalNoteKey | null;
  payments: { id: string; receivedAt: Date; method: PaymentMethod; amountMinor: bigint; currency: string; refund: boolean }[];
  /** The proforma this tax invoice settles, or the invoice a credit note corrects. */
  source: RelatedDocument | null;
  /** The tax invoice issued from this proforma; the credit notes correcting this invoice. */
  derived: RelatedDocument[];
};

const relatedSelect = { id: true, number: true, kind: true, status: true, totalMinor: true, currency: true } satisfies Prisma.InvoiceSelect;

/**
 * One invoice with everything its page shows. Null (404) when the id is malformed, the invoice is a
 * draft or it belongs to another customer. Related documents are scoped the same way.
 */
export async function getInvoiceDetail(actor: Actor, id: string): Promise<InvoiceDetail | null> {
  const customerId = customerScope(actor, "billing.view");
  if (!invoiceIdSchema.safeParse(id).success) return null;
  const visible = { customerId, status: { in: CUSTOMER_VISIBLE } } satisfies Prisma.InvoiceWhereInput;
  const row = await db.invoice.findFirst({
    where: { id, ...visible },
    select: {
      ...invoiceSelect,
      subtotalMinor: true,
      taxMinor: true,
      paymentReference: true,
      notes: true,
      cancelledAt: true,
      sourceInvoiceId: true,
      lines: {
        orderBy: { position: "asc" },
        select: { id: true, description: true, periodStart: true, periodEnd: true, quantityMilli: true, unitPriceMinor: true, netMinor: true, taxRateBp: true },
      },
      customer: { select: { country: true, vatId: true } },
    },
  });
  if (!row) return null;
  const { customer, sourceInvoiceId, lines, subtotalMinor, taxMinor, paymentReference, notes, cancelledAt, ...summary } = row;
  const [source, derived] = await Promise.all([
    sourceInvoiceId ? db.invoice.findFirst({ where: { id: sourceInvoiceId, ...visible }, select: relatedSelect }) : null,
    db.invoice.findMany({ where: { sourceInvoiceId: row.id, ...visible }, select: relatedSelect, orderBy: { createdAt: "asc" } }),
  ]);
  // Money is paid against the proforma; its tax invoice shows those payments too.
  const paidDocuments = [row.id, ...(row.kind === "tax" && source?.kind === "proforma" ? [source.id] : [])];
  const payments = await db.payment.findMany({
    where: { customerId, invoiceId: { in: paidDocuments } },
    orderBy: [{ receivedAt: "asc" }, { createdAt: "asc" }],
    select: { id: true, receivedAt: true, method: true, amountMinor: true, currency: true, refundOfId: true },
  });
  const zeroRated = lines.some((l) => l.taxRateBp === 0);
  const treatment = zeroRated ? taxTreatmentOf(customer) : null;
  return {
    ...summarise(summary, todayFor(actor)),
    subtotalMinor,
    taxMinor,
    paymentReference,
    notes,
    cancelledAt,
    lines,
    vatBreakdown: invoiceTotals(lines.map((l) => ({ netMinor: l.netMinor, rateBp: l.taxRateBp }))).byRate,
    legalNoteKey: treatment?.legalNoteKey ?? null,
    payments: payments.map(({ refundOfId, ...p }) => ({ ...p, refund: refundOfId !== null || p.amountMinor < 0n })),
    source,
    derived,
  };
}

/** The customer's VAT treatment as the billing run applies it (a VAT ID makes a business). */
function taxTreatmentOf(customer: { country: string; vatId: string | null }) {
  try {
    return taxTreatment({ providerCountry: getEnv().BILLING_PROVIDER_COUNTRY, customerCountry: customer.country, customerVatId: customer.vatId, isBusiness: Boolean(customer.vatId) });
  } catch {
    // A malformed country on an old customer row: no note rather than a broken page.
    return null;
  }
}
