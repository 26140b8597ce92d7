import "server-only";
import type { Actor } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { todayAsCalendarDate } from "@/lib/format/dates";
import type { InvoiceKind, InvoiceStatus, PaymentMethod, Prisma } from "@/lib/generated/prisma/client";
import { zonedLocalToUtc } from "@/lib/network/zoned-time";
import { safeTimeZone } from "@/i18n/locales";
import { assertStaffBilling } from "./admin-access";
import type { AdminInvoiceListParams } from "./admin-schemas";
import { creditBalances } from "./payments";
import { type LegalNoteKey, type TaxTreatmentKind, invoiceTotals, taxTreatment, treatmentRate } from "./tax";

// The staff side of invoices (/admin/invoices). Every function takes the actor and refuses anyone
// without staff.billing, customers included; staff see every customer's documents.

export const ADMIN_INVOICES_PAGE_SIZE = 25;
/** Customers whose contract number or name matches a search; a search is meant to narrow things down. */
const SEARCH_CUSTOMER_LIMIT = 200;
const AUDIT_LIMIT = 100;
const LEDGER_LIMIT = 200;

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Today in the staff member's time zone as a `date` value: an invoice due today is not overdue yet. */
const todayFor = (actor: Actor, now: Date) => todayAsCalendarDate(safeTimeZone(actor.timeZone), now);

export const isOverdue = (row: { status: InvoiceStatus; dueDate: Date }, today: Date) => row.status === "unpaid" && row.dueDate < today;

async function customerIdsMatching(text: string): Promise<string[]> {
  const rows = await db.customer.findMany({
    where: { OR: [{ contractNumber: { equals: text, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }] },
    take: SEARCH_CUSTOMER_LIMIT,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Invoice number (whole or part), payment reference (digits), customer contract number or name. */
async function searchWhere(q: string): Promise<Prisma.InvoiceWhereInput | null> {
  const text = q.trim();
  if (!text) return null;
  const customers = await customerIdsMatching(text);
  const digits = text.replace(/\s/g, "");
  return {
    OR: [
      { number: { contains: text, mode: "insensitive" } },
      ...(/^\d{1,20}$/.test(digits) ? [{ paymentReference: digits.replace(/^0+(?=\d)/, "") }] : []),
      ...(customers.length ? [{ customerId: { in: customers } }] : []),
    ],
  };
}

/** A filter's calendar day as the UTC instant it starts at on the staff member's wall clock. */
const startOfDay = (isoDate: string, timeZone: string) => zonedLocalToUtc(`${isoDate}T00:00`, timeZone);
const nextDay = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function listWhere(actor: Actor, params: AdminInvoiceListParams, today: Date): Promise<Prisma.InvoiceWhereInput> {
  const timeZone = safeTimeZone(actor.timeZone);
  const and: Prisma.InvoiceWhereInput[] = [];
  if (params.status === "overdue") and.push({ status: "unpaid", dueDate: { lt: today } });
  else if (params.status !== "any") and.push({ status: params.status });
  // A draft's kind is decided when it is issued (proforma or tax invoice), so it matches no kind.
  if (params.kind !== "any") and.push({ kind: params.kind, status: { not: "draft" } });
  if (params.currency) and.push({ currency: params.currency });
  if (params.customer) and.push({ customerId: params.customer });
  if (params.from) and.push({ issuedAt: { gte: startOfDay(params.from, timeZone) } });
  if (params.to) and.push({ issuedAt: { lt: startOfDay(nextDay(params.to), timeZone) } });
  const search = await searchWhere(params.q);
  if (search) and.push(search);
  return and.length ? { AND: and } : {};
}

const ORDER: Record<AdminInvoiceListParams["sort"], Prisma.InvoiceOrderByWithRelationInput[]> = {
  newest: [{ createdAt: "desc" }, { id: "desc" }],
  dueAsc: [{ dueDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  dueDesc: [{ dueDate: "desc" }, { createdAt: "desc" }, { id: "desc" }],
};

const listSelect = {
  id: true,
  number: true,
  kind: true,
  status: true,
  currency: true,
  totalMinor: true,
  amountPaidMinor: true,
  issuedAt: true,
  dueDate: true,
  createdAt: true,
  customer: { select: { id: true, name: true, contractNumber: true } },
} satisfies Prisma.InvoiceSelect;

export type AdminInvoiceRow = Prisma.InvoiceGetPayload<{ select: typeof listSelect }> & { overdue: boolean };
export type AdminCurrencyTotal = { currency: string; count: number; totalMinor: bigint; paidMinor: bigint; outstandingMinor: bigint };

/** One page of the filtered invoices, with the filtered set's totals per currency (never added across currencies). */
export async function listInvoicesForStaff(actor: Actor, params: AdminInvoiceListParams, opts: { now?: Date } = {}) {
  assertStaffBilling(actor);
  const today = todayFor(actor, opts.now ?? new Date());
  const where = await listWhere(actor, params, today);
  const [rows, total, sums, outstanding, customer] = await Promise.all([
    db.invoice.findMany({ where, select: listSelect, orderBy: ORDER[params.sort], skip: (params.page - 1) * ADMIN_INVOICES_PAGE_SIZE, take: ADMIN_INVOICES_PAGE_SIZE }),
    db.invoice.count({ where }),
    db.invoice.groupBy({ by: ["currency"], where, _sum: { totalMinor: true, amountPaidMinor: true }, _count: { _all: true }, orderBy: { currency: "asc" } }),
    db.invoice.groupBy({ by: ["currency"], where: { AND: [where, { status: "unpaid" }] }, _sum: { totalMinor: true, amountPaidMinor: true }, orderBy: { currency: "asc" } }),
    params.customer ? db.customer.findUnique({ where: { id: params.customer }, select: { id: true, name: true, contractNumber: true } }) : null,
  ]);
  const totals: AdminCurrencyTotal[] = sums.map((s) => {
    const open = outstanding.find((o) => o.currency === s.currency);
    return {
      currency: s.currency,
      count: s._count._all,
      totalMinor: s._sum.totalMinor ?? 0n,
      paidMinor: s._sum.amountPaidMinor ?? 0n,
      outstandingMinor: (open?._sum.totalMinor ?? 0n) - (open?._sum.amountPaidMinor ?? 0n),
    };
  });
  const items: AdminInvoiceRow[] = rows.map((row) => ({ ...row, overdue: isOverdue(row, today) }));
  return { items, total, page: params.page, pageSize: ADMIN_INVOICES_PAGE_SIZE, totals, customer };
}

/** Customers to start a draft for: by contract number (exact) or name (part). */
export async function searchCustomersForStaff(actor: Actor, q: string) {
  assertStaffBilling(actor);
  const text = q.trim().slice(0, 100);
  if (!text) return [];
  return db.customer.findMany({
    where: { OR: [{ contractNumber: { equals: text, mode: "insensitive" } }, { contractNumber: { startsWith: text, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }] },
    orderBy: [{ name: "asc" }],
    take: 25,
    select: { id: true, name: true, contractNumber: true, currency: true, country: true },
  });
}

export type BillingCustomer = {
  id: string;
  name: string;
  contractNumber: string;
  email: string;
  country: string;
  vatId: string | null;
  currency: string;
  treatment: TaxTreatmentKind;
  legalNoteKey: LegalNoteKey | null;
  /** The VAT rate a new line gets, as the billing run decides it; null when no rate is configured for the country. */
  defaultRateBp: number | null;
};

/** The customer with the VAT treatment the billing run would apply (lib/billing/billing-run.ts). */
export async function billingCustomerUnsafe(customerId: string): Promise<BillingCustomer | null> {
  if (!isUuid(customerId)) return null;
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true, name: true, contractNumber: true, email: true, country: true, vatId: true, currency: true } });
  if (!customer) return null;
  const treatment = taxTreatment({ providerCountry: getEnv().BILLING_PROVIDER_COUNTRY, customerCountry: customer.country, customerVatId: customer.vatId, isBusiness: Boolean(customer.vatId) });
  const rates = Object.fromEntries((await db.taxRate.findMany()).map((r) => [r.country, r.rateBp]));
  let defaultRateBp: number | null;
  try {
    defaultRateBp = treatmentRate(treatment, rates);
  } catch {
    defaultRateBp = null;
  }
  return { ...customer, treatment: treatment.kind, legalNoteKey: treatment.legalNoteKey, defaultRateBp };
}

/** The customer a new draft is for (staff.billing). Null: no such customer. */
export async function getDraftCustomer(actor: Actor, customerId: string): Promise<BillingCustomer | null> {
  assertStaffBilling(actor);
  return billingCustomerUnsafe(customerId);
}

const detailInclude = {
  lines: { orderBy: { position: "asc" } },
  customer: { select: { id: true, name: true, contractNumber: true, email: true, country: true, vatId: true, currency: true } },
  sourceInvoice: { select: { id: true, number: true, kind: true, status: true, totalMinor: true, currency: true } },
  derived: { select: { id: true, number: true, kind: true, status: true, totalMinor: true, currency: true, issuedAt: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.InvoiceInclude;

export type RelatedDocument = { id: string; number: string | null; kind: InvoiceKind; status: InvoiceStatus; totalMinor: bigint; currency: string; relation: "proforma" | "taxInvoice" | "corrects" | "creditNote" };

export type AdminPayment = {
  id: string;
  method: PaymentMethod;
  amountMinor: bigint;
  currency: string;
  reference: string | null;
  externalId: string | null;
  note: string | null;
  receivedAt: Date;
  recordedBy: string | null;
  refundOfId: string | null;
  /** What can still be refunded (0 for a refund row). */
  refundableMinor: bigint;
};

export type AuditEntry = { id: string; action: string; createdAt: Date; actorName: string | null; data: unknown };

/** Everything the staff invoice page shows; null when the id is malformed or unknown (404). */
export async function getInvoiceForStaff(actor: Actor, id: string, opts: { now?: Date } = {}) {
  assertStaffBilling(actor);
  if (!isUuid(id)) return null;
  const invoice = await db.invoice.findUnique({ where: { id }, include: detailInclude });
  if (!invoice) return null;

  // The tax invoice of a proforma carries the credit notes; show them on the proforma too. The
  // payments stay booked on the proforma; its tax invoice lists them as well.
  const taxOfProforma = invoice.kind === "proforma" ? invoice.derived.filter((d) => d.kind === "tax").map((d) => d.id) : [];
  const paidThrough = invoice.kind === "tax" && invoice.sourceInvoice?.kind === "proforma" ? [invoice.sourceInvoice.id] : [];
  const [payments, creditNotesOfTax, balances, customer] = await Promise.all([
    db.payment.findMany({ where: { invoiceId: { in: [id, ...paidThrough] } }, orderBy: [{ receivedAt: "asc" }, { createdAt: "asc" }] }),
    taxOfProforma.length
      ? db.invoice.findMany({ where: { sourceInvoiceId: { in: taxOfProforma }, kind: "credit_note" }, select: { id: true, number: true, kind: true, status: true, totalMinor: true, currency: true }, orderBy: { createdAt: "asc" } })
      : [],
    creditBalances(invoice.customerId),
    billingCustomerUnsafe(invoice.customerId),
  ]);

  const paymentIds = payments.map((p) => p.id);
  const audit = await db.auditEvent.findMany({
    where: { OR: [{ targetType: "invoice", targetId: id }, ...(paymentIds.length ? [{ targetType: "payment", targetId: { in: paymentIds } }] : [])] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_LIMIT,
  });
  const userIds = [...new Set([...payments.map((p) => p.recordedByUserId), ...audit.map((a) => a.actorUserId)].filter((u): u is string => Boolean(u)))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const nameOf = (userId: string | null) => (userId ? (users.find((u) => u.id === userId)?.name ?? null) : null);

  const refundedOf = new Map<string, bigint>();
  for (const p of payments) if (p.refundOfId) refundedOf.set(p.refundOfId, (refundedOf.get(p.refundOfId) ?? 0n) + p.amountMinor);
  const adminPayments: AdminPayment[] = payments.map((p) => ({
    id: p.id,
    method: p.method,
    amountMinor: p.amountMinor,
    currency: p.currency,
    reference: p.reference,
    externalId: p.externalId,
    note: p.note,
    receivedAt: p.receivedAt,
    recordedBy: nameOf(p.recordedByUserId),
    refundOfId: p.refundOfId,
    refundableMinor: p.amountMinor > 0n && !p.refundOfId ? p.amountMinor + (refundedOf.get(p.id) ?? 0n) : 0n,
  }));

  const related: RelatedDocument[] = [];
  if (invoice.sourceInvoice) related.push({ ...invoice.sourceInvoice, relation: invoice.kind === "credit_note" ? "corrects" : "proforma" });
  for (const d of invoice.derived) related.push({ id: d.id, number: d.number, kind: d.kind, status: d.status, totalMinor: d.totalMinor, currency: d.currency, relation: d.kind === "credit_note" ? "creditNote" : "taxInvoice" });
  for (const d of creditNotesOfTax) related.push({ ...d, relation: "creditNote" });

  const totals = invoiceTotals(invoice.lines.map((l) => ({ netMinor: l.netMinor, rateBp: l.taxRateBp })));
  const today = todayFor(actor, opts.now ?? new Date());
  return {
    id: invoice.id,
    number: invoice.number,
    kind: invoice.kind,
    status: invoice.status,
    currency: invoice.currency,
    paymentReference: invoice.paymentReference,
    issuedAt: invoice.issuedAt,
    dueDate: invoice.dueDate,
    paidAt: invoice.paidAt,
    cancelledAt: invoice.cancelledAt,
    createdAt: invoice.createdAt,
    notes: invoice.notes,
    overdue: isOverdue(invoice, today),
    lines: invoice.lines.map((l) => ({
      id: l.id,
      description: l.description,
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
      quantityMilli: l.quantityMilli,
      unitPriceMinor: l.unitPriceMinor,
      netMinor: l.netMinor,
      taxRateBp: l.taxRateBp,
      serviceId: l.serviceId,
    })),
    // Drafts show what their lines add up to now; issued documents show their stored totals.
    subtotalMinor: invoice.status === "draft" ? totals.netMinor : invoice.subtotalMinor,
    taxMinor: invoice.status === "draft" ? totals.taxMinor : invoice.taxMinor,
    totalMinor: invoice.status === "draft" ? totals.grossMinor : invoice.totalMinor,
    byRate: totals.byRate,
    amountPaidMinor: invoice.amountPaidMinor,
    balanceMinor: invoice.status === "unpaid" ? invoice.totalMinor - invoice.amountPaidMinor : 0n,
    customer: customer ?? { ...invoice.customer, treatment: "domestic" as const, legalNoteKey: null, defaultRateBp: null },
    creditBalances: balances,
    payments: adminPayments,
    related,
    audit: audit.map((a) => ({ id: a.id.toString(), action: a.action, createdAt: a.createdAt, actorName: nameOf(a.actorUserId), data: a.data })) satisfies AuditEntry[],
  };
}
export type AdminInvoiceDetail = NonNullable<Awaited<ReturnType<typeof getInvoiceForStaff>>>;

/** A customer's credit per currency and its ledger (newest first), for /admin/invoices/credit. */
export async function getCustomerCreditForStaff(actor: Actor, customerId: string) {
  assertStaffBilling(actor);
  if (!isUuid(customerId)) return null;
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true, name: true, contractNumber: true, currency: true } });
  if (!customer) return null;
  const [balances, entries] = await Promise.all([
    creditBalances(customerId),
    db.creditEntry.findMany({
      where: { customerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LEDGER_LIMIT,
      select: { id: true, currency: true, amountMinor: true, kind: true, note: true, createdAt: true, createdByUserId: true, invoice: { select: { id: true, number: true } } },
    }),
  ]);
  const userIds = [...new Set(entries.map((e) => e.createdByUserId).filter((u): u is string => Boolean(u)))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  return {
    customer,
    balances,
    entries: entries.map(({ createdByUserId, ...e }) => ({ ...e, createdBy: users.find((u) => u.id === createdByUserId)?.name ?? null })),
  };
}
