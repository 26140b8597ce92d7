import "server-only";
import { staffTicketScope } from "@/lib/support/access";
import { db } from "@/lib/db";
import { type StaffActor, assertCan, can } from "@/lib/auth/actor-types";
import { todayAsCalendarDate } from "@/lib/format/dates";

// The staff dashboard: across all customers, so every function checks the staff permission first.
// A fixed number of queries (groupBy / count / small takes on indexed columns).

export type OpenTicketsByDepartment = { departments: { id: string; name: string; open: number }[]; total: number };

export type OverdueInvoices = {
  count: number;
  totals: { currency: string; totalMinor: bigint; count: number }[];
  oldest: { id: string; number: string | null; customerId: string; customerName: string; currency: string; totalMinor: bigint; dueDate: Date }[];
};

export type NewCustomer = { id: string; name: string; contractNumber: string; email: string; createdAt: Date };

export const STAFF_LIST_LIMIT = 10;

/** Tickets that are not closed, per department (departments without open tickets show 0). */
export async function openTicketsByDepartment(actor: StaffActor): Promise<OpenTicketsByDepartment> {
  assertCan(actor, "staff.tickets");
  const [groups, departments] = await Promise.all([
    db.ticket.groupBy({ by: ["departmentId"], where: { status: { not: "closed" }, ...staffTicketScope(actor) }, _count: { _all: true } }),
    db.department.findMany({ where: actor.ticketDepartments ? { slug: { in: [...actor.ticketDepartments] } } : {}, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const counts = new Map(groups.map((g) => [g.departmentId, g._count._all]));
  return {
    departments: departments.map((d) => ({ id: d.id, name: d.name, open: counts.get(d.id) ?? 0 })),
    total: groups.reduce((n, g) => n + g._count._all, 0),
  };
}

/** Unpaid invoices due before today (in the staff member's time zone): totals and the oldest ten. */
export async function overdueInvoices(actor: StaffActor, now: Date = new Date()): Promise<OverdueInvoices> {
  assertCan(actor, "staff.billing");
  const where = { status: "unpaid" as const, dueDate: { lt: todayAsCalendarDate(actor.timeZone, now) } };
  const [groups, oldest] = await Promise.all([
    db.invoice.groupBy({ by: ["currency"], where, _sum: { totalMinor: true }, _count: { _all: true }, orderBy: { currency: "asc" } }),
    db.invoice.findMany({
      where,
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
      take: STAFF_LIST_LIMIT,
      select: { id: true, number: true, currency: true, totalMinor: true, dueDate: true, customer: { select: { id: true, name: true } } },
    }),
  ]);
  const totals = groups.map((g) => ({ currency: g.currency, totalMinor: g._sum.totalMinor ?? BigInt(0), count: g._count._all }));
  return {
    count: totals.reduce((n, g) => n + g.count, 0),
    totals,
    oldest: oldest.map(({ customer, ...invoice }) => ({ ...invoice, customerId: customer.id, customerName: customer.name })),
  };
}

/** The ten customers created last. */
export async function newestCustomers(actor: StaffActor): Promise<NewCustomer[]> {
  assertCan(actor, "staff.customers");
  return db.customer.findMany({
    orderBy: { createdAt: "desc" },
    take: STAFF_LIST_LIMIT,
    select: { id: true, name: true, contractNumber: true, email: true, createdAt: true },
  });
}

export type StaffDashboard = {
  tickets: OpenTicketsByDepartment | null;
  invoices: OverdueInvoices | null;
  customers: NewCustomer[] | null;
};

/** The panels this staff member may see, loaded in parallel; the others are null. */
export async function getStaffDashboard(actor: StaffActor, now: Date = new Date()): Promise<StaffDashboard> {
  const [tickets, invoices, customers] = await Promise.all([
    can(actor, "staff.tickets") ? openTicketsByDepartment(actor) : null,
    can(actor, "staff.billing") ? overdueInvoices(actor, now) : null,
    can(actor, "staff.customers") ? newestCustomers(actor) : null,
  ]);
  return { tickets, invoices, customers };
}
