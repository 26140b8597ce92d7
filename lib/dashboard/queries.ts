import "server-only";
import { db } from "@/lib/db";
import { listTickets } from "@/lib/support/queries";
import { type CustomerActor, can } from "@/lib/auth/actor-types";
import { todayAsCalendarDate } from "@/lib/format/dates";
import type { ServiceKind } from "@/lib/generated/prisma/client";

// The customer dashboard. Every panel is loaded only when the actor may see it, every query is
// scoped by `customerId: actor.customerId`, and the number of queries is fixed (counts, groupBy and
// small `take`s on indexed columns), whatever the amount of data.

/** The kinds shown on the dashboard, in this order; "other" services are counted separately. */
export const DASHBOARD_SERVICE_KINDS = ["hosting", "vps", "dedicated", "housing", "voip"] as const satisfies readonly ServiceKind[];

export type CustomerInfo = {
  name: string;
  contractNumber: string;
  email: string;
  addressLines: string[];
  country: string;
};

export type ServicesPanel = { byKind: { kind: ServiceKind; count: number }[]; total: number };

export type DomainsPanel = { activeCount: number; nextExpiry: { id: string; name: string; expiresAt: Date } | null };

export type TicketsPanel = {
  awaitingReplyCount: number;
  newest: { number: string; subject: string; lastReplyAt: Date }[];
};

export type CurrencyTotal = { currency: string; totalMinor: bigint; count: number };

export type InvoicesPanel = {
  unpaid: CurrencyTotal[];
  overdue: CurrencyTotal[];
  unpaidCount: number;
  overdueCount: number;
  /** The unpaid invoices due first (overdue ones first of all). */
  /** The unpaid invoices due first, each with what is still to pay on it. */
  dueFirst: { id: string; number: string | null; currency: string; balanceMinor: bigint; dueDate: Date; overdue: boolean }[];
};

export type Dashboard = {
  customer: CustomerInfo;
  services: ServicesPanel | null;
  domains: DomainsPanel | null;
  tickets: TicketsPanel | null;
  invoices: InvoicesPanel | null;
  /** Whether to show the domain search box. */
  domainSearch: boolean;
  /** Whether to offer "Open a ticket". */
  canOpenTicket: boolean;
};

export const DASHBOARD_TICKET_LIMIT = 5;
export const DASHBOARD_INVOICE_LIMIT = 5;

async function customerInfo(actor: CustomerActor): Promise<CustomerInfo> {
  const c = await db.customer.findUniqueOrThrow({
    where: { id: actor.customerId },
    select: { name: true, contractNumber: true, email: true, addressLine1: true, addressLine2: true, postcode: true, city: true, country: true },
  });
  const cityLine = [c.postcode, c.city].filter(Boolean).join(" ");
  return {
    name: c.name,
    contractNumber: c.contractNumber,
    email: c.email,
    addressLines: [c.addressLine1, c.addressLine2, cityLine].filter((line): line is string => Boolean(line)),
    country: c.country,
  };
}

async function servicesPanel(actor: CustomerActor): Promise<ServicesPanel> {
  const groups = await db.service.groupBy({
    by: ["kind"],
    where: { customerId: actor.customerId, status: "active" },
    _count: { _all: true },
  });
  const counts = new Map(groups.map((g) => [g.kind, g._count._all]));
  const byKind: ServicesPanel["byKind"] = DASHBOARD_SERVICE_KINDS.map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
  const other = counts.get("other") ?? 0;
  if (other > 0) byKind.push({ kind: "other", count: other });
  return { byKind, total: groups.reduce((sum, g) => sum + g._count._all, 0) };
}

async function domainsPanel(actor: CustomerActor, now: Date): Promise<DomainsPanel> {
  const where = { customerId: actor.customerId, status: "active" as const };
  const [activeCount, next] = await Promise.all([
    db.domain.count({ where }),
    db.domain.findFirst({
      where: { ...where, expiresAt: { gte: now } },
      orderBy: { expiresAt: "asc" },
      select: { id: true, name: true, expiresAt: true },
    }),
  ]);
  return { activeCount, nextExpiry: next?.expiresAt ? { id: next.id, name: next.name, expiresAt: next.expiresAt } : null };
}

/** "Awaiting your reply" is the ticket list's "answered" filter: the same query, the first page only. */
async function ticketsPanel(actor: CustomerActor): Promise<TicketsPanel> {
  const { items, total } = await listTickets(actor, { status: "answered", pageSize: DASHBOARD_TICKET_LIMIT });
  return { awaitingReplyCount: total, newest: items.map(({ number, subject, lastReplyAt }) => ({ number, subject, lastReplyAt })) };
}

async function invoicesPanel(actor: CustomerActor, now: Date): Promise<InvoicesPanel> {
  // Overdue = unpaid and due before today in the user's time zone (dueDate is a calendar date).
  const today = todayAsCalendarDate(actor.timeZone, now);
  const unpaidWhere = { customerId: actor.customerId, status: "unpaid" as const };
  const [unpaidGroups, overdueGroups, dueFirst] = await Promise.all([
    db.invoice.groupBy({ by: ["currency"], where: unpaidWhere, _sum: { totalMinor: true, amountPaidMinor: true }, _count: { _all: true }, orderBy: { currency: "asc" } }),
    db.invoice.groupBy({
      by: ["currency"],
      where: { ...unpaidWhere, dueDate: { lt: today } },
      _sum: { totalMinor: true, amountPaidMinor: true },
      _count: { _all: true },
      orderBy: { currency: "asc" },
    }),
    db.invoice.findMany({
      where: unpaidWhere,
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
      take: DASHBOARD_INVOICE_LIMIT,
      select: { id: true, number: true, currency: true, totalMinor: true, amountPaidMinor: true, dueDate: true },
    }),
  ]);
  const totals = (groups: typeof unpaidGroups): CurrencyTotal[] =>
    // What is still to pay: a partly paid invoice counts with its balance, not its total.
    groups.map((g) => ({ currency: g.currency, totalMinor: (g._sum.totalMinor ?? BigInt(0)) - (g._sum.amountPaidMinor ?? BigInt(0)), count: g._count._all }));
  const unpaid = totals(unpaidGroups);
  const overdue = totals(overdueGroups);
  return {
    unpaid,
    overdue,
    unpaidCount: unpaid.reduce((n, g) => n + g.count, 0),
    overdueCount: overdue.reduce((n, g) => n + g.count, 0),
    dueFirst: dueFirst.map(({ totalMinor, amountPaidMinor, ...i }) => ({ ...i, balanceMinor: totalMinor - amountPaidMinor, overdue: i.dueDate < today })),
  };
}

/** Everything the dashboard shows, loaded in parallel; a panel the actor may not see is null. */
export async function getDashboard(actor: CustomerActor, now: Date = new Date()): Promise<Dashboard> {
  const [customer, services, domains, tickets, invoices] = await Promise.all([
    customerInfo(actor),
    can(actor, "services.view") ? servicesPanel(actor) : null,
    can(actor, "domains.view") ? domainsPanel(actor, now) : null,
    can(actor, "tickets.view") ? ticketsPanel(actor) : null,
    can(actor, "billing.view") ? invoicesPanel(actor, now) : null,
  ]);
  return { customer, services, domains, tickets, invoices, domainSearch: can(actor, "domains.view"), canOpenTicket: can(actor, "tickets.create") };
}
