import "server-only";
import type { Actor, StaffActor } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import type { Prisma, TicketPriority, TicketStatus } from "@/lib/generated/prisma/client";
import { todayAsCalendarDate } from "@/lib/format/dates";
import { staffTicketScope } from "./access";
import { type StaffQueueParams, TICKET_STATUSES, ticketNumberSchema } from "./schemas";
import { assertStaffTickets } from "./access";

// The staff side of the help desk. Every function takes the actor, refuses anyone without
// staff.tickets (customers included) and limits tickets to the departments of the staff member's
// role. Each read is a fixed number of statements, whatever the number of tickets.

export const STAFF_QUEUE_PAGE_SIZE = 25;
/** "Due soon" in the queue: staff must answer within this many minutes. */
export const DUE_SOON_MINUTES = 60;
export const RECENT_TICKETS_LIMIT = 5;

const MINUTE_MS = 60_000;

/** Statuses in which nobody on staff owes an answer, so `dueAt` is always null (see Ticket.dueAt). */
const UNTIMED_STATUSES: readonly TicketStatus[] = ["answered", "on_hold", "closed"];

type ScopedDepartment = { id: string; slug: string; name: string };

/** The departments whose tickets this staff member handles, in display order. */
async function departmentsInScope(actor: StaffActor): Promise<ScopedDepartment[]> {
  staffTicketScope(actor);
  return db.department.findMany({
    where: actor.ticketDepartments ? { slug: { in: [...actor.ticketDepartments] } } : {},
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true },
  });
}

/** The departments the actor handles (for department pickers outside a ticket, e.g. canned replies). */
export async function staffTicketDepartments(actor: Actor): Promise<ScopedDepartment[]> {
  assertStaffTickets(actor);
  return departmentsInScope(actor);
}

/** Customers whose contract number or name matches a search; capped, as a search is meant to narrow things down. */
const SEARCH_CUSTOMER_LIMIT = 200;

/**
 * Subject words, a ticket number ("T-100012" or "100012"), a contract number or a customer's
 * name. The customers are looked up first (a small table), so the ticket query stays on Ticket.
 */
async function staffSearchWhere(q: string): Promise<Prisma.TicketWhereInput | null> {
  const text = q.trim();
  if (!text) return null;
  // "100012" means "T-100012"; anything shaped like a number ("T-100012", "t-100012") is matched exactly.
  const number = /^\d{3,}$/.test(text) ? `T-${text}` : /^[a-z]{1,4}-[a-z0-9]{1,28}$/i.test(text) ? text.toUpperCase() : null;
  const customers = await db.customer.findMany({
    where: { OR: [{ contractNumber: { equals: text, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }] },
    take: SEARCH_CUSTOMER_LIMIT,
    select: { id: true },
  });
  return {
    OR: [
      { subject: { contains: text, mode: "insensitive" } },
      ...(number ? [{ number }] : []),
      ...(customers.length ? [{ customerId: { in: customers.map((c) => c.id) } }] : []),
    ],
  };
}

const ACTIVE_STATUSES = TICKET_STATUSES.filter((s): s is Exclude<TicketStatus, "closed"> => s !== "closed");

/** Whether only the department and an active status filter apply, so the grouped counts already give the total. */
function totalFromCounts(params: StaffQueueParams): boolean {
  return params.status !== "all" && params.status !== "closed" && params.priority === "any" && params.assignee === "any" && params.sla === "any" && !params.q.trim();
}

function queueWhere(actor: StaffActor, params: StaffQueueParams, departmentIds: string[] | null, search: Prisma.TicketWhereInput | null, now: Date): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [];
  if (departmentIds) and.push({ departmentId: { in: departmentIds } });
  if (params.status === "active") and.push({ status: { in: ACTIVE_STATUSES } });
  else if (params.status !== "all") and.push({ status: params.status });
  if (params.priority !== "any") and.push({ priority: params.priority });
  if (params.assignee === "mine") and.push({ assigneeId: actor.userId });
  else if (params.assignee === "none") and.push({ assigneeId: null });
  else if (params.assignee !== "any") and.push({ assigneeId: params.assignee });
  if (params.sla === "breached") and.push({ dueAt: { lt: now } });
  if (params.sla === "due_soon") and.push({ dueAt: { gte: now, lt: new Date(now.getTime() + DUE_SOON_MINUTES * MINUTE_MS) } });
  if (search) and.push(search);
  return { AND: and };
}

/**
 * Most urgent first: the earliest due time, tickets without one (waiting for the customer, on hold,
 * closed) after them, most recent activity first. When the status filter alone means "no due time",
 * the order is by activity only, which the (status, lastReplyAt) index serves without sorting.
 */
function queueOrder(params: StaffQueueParams): Prisma.TicketOrderByWithRelationInput[] {
  const untimed = params.status !== "active" && params.status !== "all" && UNTIMED_STATUSES.includes(params.status);
  const byActivity: Prisma.TicketOrderByWithRelationInput[] = [{ lastReplyAt: "desc" }, { id: "asc" }];
  return untimed ? byActivity : [{ dueAt: { sort: "asc", nulls: "last" } }, ...byActivity];
}

const queueSelect = {
  number: true,
  subject: true,
  status: true,
  priority: true,
  departmentId: true,
  dueAt: true,
  lastReplyAt: true,
  customer: { select: { name: true, contractNumber: true } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.TicketSelect;

export type StaffQueueItem = {
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  customerName: string;
  contractNumber: string;
  department: { slug: string; name: string };
  assignee: { id: string; name: string } | null;
  dueAt: Date | null;
  lastReplyAt: Date;
  breached: boolean;
  dueSoon: boolean;
};

export type StaffQueue = {
  items: StaffQueueItem[];
  total: number;
  page: number;
  pageSize: number;
  /** Active (not closed) tickets per department in the actor's scope, zeros included. */
  countsByDepartment: { slug: string; name: string; count: number }[];
  /** The moment the queue was read; breached / due soon and the countdowns start from it. */
  now: Date;
};

/**
 * The staff queue: one page of tickets in the actor's departments with the filters applied, the
 * total for pagination, and the active tickets per department. A fixed set of statements:
 * departments, the page (customer and assignee joined in), one count grouped by status and
 * department (an index-only scan of Ticket(status, departmentId)), plus a plain count only when
 * other filters make the grouped counts unusable, and a customer lookup only when searching.
 */
export async function staffQueue(actor: Actor, params: StaffQueueParams, opts: { now?: Date; pageSize?: number } = {}): Promise<StaffQueue> {
  assertStaffTickets(actor);
  const now = opts.now ?? new Date();
  const pageSize = opts.pageSize ?? STAFF_QUEUE_PAGE_SIZE;
  const page = Math.max(1, Math.trunc(params.page));
  const [departments, search] = await Promise.all([departmentsInScope(actor), staffSearchWhere(params.q)]);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const chosen = params.department ? departments.find((d) => d.slug === params.department) : undefined;
  // A department outside the actor's scope (or unknown) matches nothing rather than everything;
  // staff who handle every department need no department condition at all.
  const scopeIds = actor.ticketDepartments ? departments.map((d) => d.id) : null;
  const filterIds = params.department ? (chosen ? [chosen.id] : []) : scopeIds;
  const where = queueWhere(actor, params, filterIds, search, now);
  const fromCounts = totalFromCounts(params);

  const [rows, groups, counted] = await Promise.all([
    db.ticket.findMany({ where, orderBy: queueOrder(params), skip: (page - 1) * pageSize, take: pageSize, select: queueSelect }),
    db.ticket.groupBy({
      by: ["status", "departmentId"],
      where: { status: { in: ACTIVE_STATUSES }, ...(scopeIds ? { departmentId: { in: scopeIds } } : {}) },
      _count: { _all: true },
    }),
    fromCounts ? null : db.ticket.count({ where }),
  ]);

  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g.departmentId, (counts.get(g.departmentId) ?? 0) + g._count._all);
  const inFilter = (departmentId: string) => (filterIds ? filterIds.includes(departmentId) : byId.has(departmentId));
  const total =
    counted ??
    groups.filter((g) => inFilter(g.departmentId) && (params.status === "active" || g.status === params.status)).reduce((n, g) => n + g._count._all, 0);
  const soon = now.getTime() + DUE_SOON_MINUTES * MINUTE_MS;
  return {
    items: rows.map(({ customer, departmentId, ...row }) => {
      const department = byId.get(departmentId);
      return {
        ...row,
        customerName: customer.name,
        contractNumber: customer.contractNumber,
        department: { slug: department?.slug ?? "", name: department?.name ?? "" },
        breached: row.dueAt !== null && row.dueAt < now,
        dueSoon: row.dueAt !== null && row.dueAt >= now && row.dueAt.getTime() < soon,
      };
    }),
    total,
    page,
    pageSize,
    countsByDepartment: departments.map((d) => ({ slug: d.slug, name: d.name, count: counts.get(d.id) ?? 0 })),
    now,
  };
}

const attachmentSelect = { id: true, fileName: true, size: true, contentType: true } satisfies Prisma.AttachmentSelect;

const detailSelect = {
  id: true,
  number: true,
  subject: true,
  status: true,
  priority: true,
  source: true,
  dueAt: true,
  firstRespondedAt: true,
  escalatedAt: true,
  lastReplyAt: true,
  closedAt: true,
  createdAt: true,
  rating: true,
  ratingComment: true,
  customer: { select: { id: true, name: true, contractNumber: true, email: true, phone: true } },
  department: { select: { id: true, slug: true, name: true } },
  assignee: { select: { id: true, name: true } },
  contactUser: { select: { id: true, name: true, email: true } },
  service: { select: { id: true, name: true, label: true, status: true } },
  domain: { select: { id: true, name: true, status: true } },
  messages: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      authorKind: true,
      authorName: true,
      authorEmail: true,
      internal: true,
      body: true,
      source: true,
      createdAt: true,
      attachments: { select: attachmentSelect, orderBy: { createdAt: "asc" } },
    },
  },
} satisfies Prisma.TicketSelect;

export type InvoiceStatusSummary = { currency: string; unpaidCount: number; unpaidMinor: bigint; overdueCount: number; overdueMinor: bigint }[];

/** Unpaid and overdue invoices (unpaid, due before today in the staff member's time zone) per currency. */
async function invoiceSummary(customerId: string, timeZone: string, now: Date): Promise<InvoiceStatusSummary> {
  const [unpaid, overdue] = await Promise.all([
    db.invoice.groupBy({ by: ["currency"], where: { customerId, status: "unpaid" }, _count: { _all: true }, _sum: { totalMinor: true }, orderBy: { currency: "asc" } }),
    db.invoice.groupBy({
      by: ["currency"],
      where: { customerId, status: "unpaid", dueDate: { lt: todayAsCalendarDate(timeZone, now) } },
      _count: { _all: true },
      _sum: { totalMinor: true },
      orderBy: { currency: "asc" },
    }),
  ]);
  const late = new Map(overdue.map((g) => [g.currency, g]));
  return unpaid.map((g) => ({
    currency: g.currency,
    unpaidCount: g._count._all,
    unpaidMinor: g._sum.totalMinor ?? BigInt(0),
    overdueCount: late.get(g.currency)?._count._all ?? 0,
    overdueMinor: late.get(g.currency)?._sum.totalMinor ?? BigInt(0),
  }));
}

/**
 * The staff ticket page: the ticket with the whole thread (internal notes included) and its
 * attachments, and the side panel — the customer's services, unpaid / overdue invoices per
 * currency, and the customer's five latest other tickets the actor may see. Null when the ticket
 * does not exist or lies outside the actor's departments (the page answers 404).
 */
export async function staffTicketDetail(actor: Actor, number: string, opts: { now?: Date } = {}) {
  assertStaffTickets(actor);
  if (!ticketNumberSchema.safeParse(number).success) return null;
  const scope = staffTicketScope(actor);
  const now = opts.now ?? new Date();
  const ticket = await db.ticket.findFirst({ where: { number, ...scope }, select: detailSelect });
  if (!ticket) return null;
  const [services, invoices, recentTickets] = await Promise.all([
    db.service.findMany({
      where: { customerId: ticket.customer.id },
      orderBy: [{ status: "asc" }, { name: "asc" }],
      select: { id: true, kind: true, name: true, label: true, status: true },
    }),
    invoiceSummary(ticket.customer.id, actor.timeZone, now),
    db.ticket.findMany({
      where: { AND: [{ customerId: ticket.customer.id, id: { not: ticket.id } }, scope] },
      orderBy: [{ lastReplyAt: "desc" }, { id: "asc" }],
      take: RECENT_TICKETS_LIMIT,
      select: { number: true, subject: true, status: true, lastReplyAt: true },
    }),
  ]);
  return { ...ticket, breached: ticket.dueAt !== null && ticket.dueAt < now, now, side: { services, invoices, recentTickets } };
}
export type StaffTicketDetail = NonNullable<Awaited<ReturnType<typeof staffTicketDetail>>>;

/**
 * What the ticket's properties form offers: the departments the actor may move it to, staff who
 * may be assigned (with staff.tickets and handling the ticket's department; the current assignee
 * is kept in the list), and the customer's services to link. Null outside the actor's scope.
 */
export async function staffTicketFormOptions(actor: Actor, number: string) {
  assertStaffTickets(actor);
  if (!ticketNumberSchema.safeParse(number).success) return null;
  const ticket = await db.ticket.findFirst({
    where: { number, ...staffTicketScope(actor) },
    select: { customerId: true, assigneeId: true, department: { select: { slug: true } } },
  });
  if (!ticket) return null;
  const [departments, assignees, services] = await Promise.all([
    departmentsInScope(actor),
    db.user.findMany({
      where: {
        OR: [
          {
            disabledAt: null,
            staffRole: {
              permissions: { has: "staff.tickets" },
              OR: [{ ticketDepartments: { isEmpty: true } }, { ticketDepartments: { has: ticket.department.slug } }],
            },
          },
          ...(ticket.assigneeId ? [{ id: ticket.assigneeId }] : []),
        ],
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.service.findMany({
      where: { customerId: ticket.customerId },
      orderBy: [{ status: "asc" }, { name: "asc" }],
      select: { id: true, name: true, label: true, status: true },
    }),
  ]);
  return { departments, assignees, services };
}
export type StaffTicketFormOptions = NonNullable<Awaited<ReturnType<typeof staffTicketFormOptions>>>;
