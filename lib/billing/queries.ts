import "server-only";
import { db } from "@/lib/db";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import type { InvoiceStatus, Prisma } from "@/lib/generated/prisma/client";
import { todayAsCalendarDate } from "@/lib/format/dates";
import { safeTimeZone } from "@/i18n/locales";
import { type InvoiceFilter, invoiceIdSchema } from "./schemas";

export const INVOICES_PAGE_SIZE = 20;

// Drafts are the provider's work in progress; a customer sees an invoice once it is issued.
const CUSTOMER_VISIBLE: InvoiceStatus[] = ["unpaid", "paid", "cancelled", "refunded"];

const STATUSES_BY_FILTER: Record<InvoiceFilter, InvoiceStatus[]> = {
  unpaid: ["unpaid"],
  paid: ["paid"],
  all: CUSTOMER_VISIBLE,
};

const invoiceSelect = {
  id: true,
  number: true,
  status: true,
  currency: true,
  totalMinor: true,
  issuedAt: true,
  dueDate: true,
  paidAt: true,
} satisfies Prisma.InvoiceSelect;

type InvoiceRow = Prisma.InvoiceGetPayload<{ select: typeof invoiceSelect }>;
export type InvoiceSummary = InvoiceRow & { overdue: boolean };
export type CurrencyTotal = { currency: string; count: number; totalMinor: bigint; overdueCount: number; overdueMinor: bigint };


/** Today in the actor's time zone as a `date` value: an invoice due today is not overdue yet, one due yesterday is. */
const todayFor = (actor: Actor) => todayAsCalendarDate(safeTimeZone(actor.timeZone));

const isOverdue = (row: { status: InvoiceStatus; dueDate: Date }, today: Date) => row.status === "unpaid" && row.dueDate < today;

export async function listInvoices(actor: Actor, opts: { status?: InvoiceFilter; page?: number } = {}) {
  const customerId = customerScope(actor, "billing.view");
  const filter = opts.status ?? "unpaid";
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const where = { customerId, status: { in: STATUSES_BY_FILTER[filter] } } satisfies Prisma.InvoiceWhereInput;
  // Unpaid: the oldest debt first. Otherwise: the newest first.
  const orderBy: Prisma.InvoiceOrderByWithRelationInput[] =
    filter === "unpaid" ? [{ dueDate: "asc" }, { createdAt: "asc" }] : [{ dueDate: "desc" }, { createdAt: "desc" }];
  const [rows, total] = await Promise.all([
    db.invoice.findMany({ where, select: invoiceSelect, orderBy, skip: (page - 1) * INVOICES_PAGE_SIZE, take: INVOICES_PAGE_SIZE }),
    db.invoice.count({ where }),
  ]);
  const today = todayFor(actor);
  const items: InvoiceSummary[] = rows.map((row) => ({ ...row, overdue: isOverdue(row, today) }));
  return { items, total, page, pageSize: INVOICES_PAGE_SIZE };
}

/** Null when the id is malformed, the invoice is a draft or it belongs to another customer (404). */
export async function getInvoice(actor: Actor, id: string): Promise<InvoiceSummary | null> {
  const customerId = customerScope(actor, "billing.view");
  if (!invoiceIdSchema.safeParse(id).success) return null;
  const row = await db.invoice.findFirst({ where: { id, customerId, status: { in: CUSTOMER_VISIBLE } }, select: invoiceSelect });
  return row && { ...row, overdue: isOverdue(row, todayFor(actor)) };
}

/** What the customer owes, per currency (amounts in different currencies are never added up). */
export async function getUnpaidTotals(actor: Actor): Promise<CurrencyTotal[]> {
  const customerId = customerScope(actor, "billing.view");
  const today = todayFor(actor);
  const [unpaid, overdue] = await Promise.all([
    db.invoice.groupBy({ by: ["currency"], where: { customerId, status: "unpaid" }, _sum: { totalMinor: true }, _count: { _all: true } }),
    db.invoice.groupBy({
      by: ["currency"],
      where: { customerId, status: "unpaid", dueDate: { lt: today } },
      _sum: { totalMinor: true },
      _count: { _all: true },
    }),
  ]);
  return unpaid
    .map((u) => {
      const o = overdue.find((x) => x.currency === u.currency);
      return {
        currency: u.currency,
        count: u._count._all,
        totalMinor: u._sum.totalMinor ?? BigInt(0),
        overdueCount: o?._count._all ?? 0,
        overdueMinor: o?._sum.totalMinor ?? BigInt(0),
      };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
