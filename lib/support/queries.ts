import "server-only";
import { type Actor, type CustomerActor, can, customerScope } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import type { Prisma, TicketPriority, TicketStatus } from "@/lib/generated/prisma/client";
import { type TicketFilter, ticketNumberSchema } from "./schemas";

export const TICKETS_PAGE_SIZE = 20;

const STATUSES_BY_FILTER: Record<TicketFilter, Prisma.EnumTicketStatusFilter | TicketStatus | undefined> = {
  active: { not: "closed" },
  open: "open",
  answered: "answered",
  customer_reply: "customer_reply",
  in_progress: "in_progress",
  on_hold: "on_hold",
  closed: "closed",
  all: undefined,
};

const ticketSelect = {
  number: true,
  subject: true,
  status: true,
  priority: true,
  lastReplyAt: true,
  createdAt: true,
  department: { select: { name: true } },
} satisfies Prisma.TicketSelect;

type TicketRow = Prisma.TicketGetPayload<{ select: typeof ticketSelect }>;
export type TicketSummary = Omit<TicketRow, "department"> & { departmentName: string };

const flatten = ({ department, ...row }: TicketRow): TicketSummary => ({ ...row, departmentName: department.name });

/** Subject words or a ticket number ("T-100012" or "100012"). */
export function ticketSearchWhere(q: string): Prisma.TicketWhereInput {
  const text = q.trim();
  if (!text) return {};
  const number = /^(t-)?\d{3,}$/i.test(text) ? `T-${text.replace(/^t-/i, "")}` : null;
  return { OR: [{ subject: { contains: text, mode: "insensitive" } }, ...(number ? [{ number }] : [])] };
}

/**
 * The customer's tickets, most recent activity first. The dashboard's "awaiting your reply" panel
 * is this query with status "answered".
 */
export async function listTickets(actor: Actor, opts: { status?: TicketFilter; q?: string; page?: number; pageSize?: number } = {}) {
  const customerId = customerScope(actor, "tickets.view");
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const pageSize = opts.pageSize ?? TICKETS_PAGE_SIZE;
  const status = STATUSES_BY_FILTER[opts.status ?? "all"];
  const where = { customerId, ...(status ? { status } : {}), ...ticketSearchWhere(opts.q ?? "") } satisfies Prisma.TicketWhereInput;
  const [rows, total] = await Promise.all([
    db.ticket.findMany({
      where,
      select: ticketSelect,
      orderBy: [{ lastReplyAt: "desc" }, { number: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.ticket.count({ where }),
  ]);
  return { items: rows.map(flatten), total, page, pageSize };
}

/** Null when the number is malformed or the ticket belongs to another customer (the page answers 404). */
export async function getTicketByNumber(actor: Actor, number: string): Promise<TicketSummary | null> {
  const customerId = customerScope(actor, "tickets.view");
  if (!ticketNumberSchema.safeParse(number).success) return null;
  const row = await db.ticket.findFirst({ where: { number, customerId }, select: ticketSelect });
  return row && flatten(row);
}

const attachmentSelect = { id: true, fileName: true, size: true, contentType: true } satisfies Prisma.AttachmentSelect;

/**
 * The ticket page for a customer contact: the ticket, its public thread (internal notes are not
 * even read) with attachments, and the department's first-response target for the promise line.
 */
export async function getTicketThread(actor: Actor, number: string) {
  const customerId = customerScope(actor, "tickets.view");
  if (!ticketNumberSchema.safeParse(number).success) return null;
  const ticket = await db.ticket.findFirst({
    where: { number, customerId },
    select: {
      ...ticketSelect,
      id: true,
      rating: true,
      ratingComment: true,
      closedAt: true,
      firstRespondedAt: true,
      department: { select: { name: true, slaPolicies: { select: { priority: true, firstResponseMinutes: true } }, calendar: { select: { alwaysOpen: true } } } },
      service: { select: { id: true, name: true, label: true } },
      domain: { select: { id: true, name: true } },
      contactUser: { select: { name: true } },
      messages: {
        where: { internal: false },
        orderBy: { createdAt: "asc" },
        select: { id: true, authorKind: true, authorName: true, body: true, createdAt: true, source: true, attachments: { select: attachmentSelect, orderBy: { createdAt: "asc" } } },
      },
    },
  });
  if (!ticket) return null;
  const { department, service, domain, ...rest } = ticket;
  const target = department.slaPolicies.find((p) => p.priority === ticket.priority);
  return {
    ...rest,
    departmentName: department.name,
    firstResponseMinutes: target?.firstResponseMinutes ?? null,
    businessHoursOnly: department.calendar ? !department.calendar.alwaysOpen : false,
    // Related objects are shown only to contacts who may see that kind of object.
    service: service && can(actor, "services.view") ? service : null,
    domain: domain && can(actor, "domains.view") ? domain : null,
  };
}
export type TicketThread = NonNullable<Awaited<ReturnType<typeof getTicketThread>>>;

/** What the new-ticket form offers: departments with their targets, and related objects the contact may see. */
export async function newTicketOptions(actor: CustomerActor) {
  customerScope(actor, "tickets.create");
  const [departments, services, domains] = await Promise.all([
    db.department.findMany({
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, slaPolicies: { select: { priority: true, firstResponseMinutes: true } }, calendar: { select: { alwaysOpen: true } } },
    }),
    can(actor, "services.view")
      ? db.service.findMany({ where: { customerId: actor.customerId, status: { notIn: ["terminated", "cancelled"] } }, orderBy: { name: "asc" }, select: { id: true, name: true, label: true } })
      : [],
    can(actor, "domains.view")
      ? db.domain.findMany({ where: { customerId: actor.customerId, status: { notIn: ["deleted", "transferred_away"] } }, orderBy: { name: "asc" }, select: { id: true, name: true } })
      : [],
  ]);
  return {
    departments: departments.map((d) => ({
      id: d.id,
      name: d.name,
      businessHoursOnly: d.calendar ? !d.calendar.alwaysOpen : false,
      targets: Object.fromEntries(d.slaPolicies.map((p) => [p.priority, p.firstResponseMinutes])) as Partial<Record<TicketPriority, number>>,
    })),
    services,
    domains,
  };
}
export type NewTicketOptions = Awaited<ReturnType<typeof newTicketOptions>>;
