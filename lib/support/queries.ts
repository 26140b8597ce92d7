import "server-only";
import { db } from "@/lib/db";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import type { Prisma, TicketStatus } from "@/lib/generated/prisma/client";
import { type TicketFilter, ticketNumberSchema } from "./schemas";

export const TICKETS_PAGE_SIZE = 20;

const STATUSES_BY_FILTER: Record<TicketFilter, Prisma.EnumTicketStatusFilter | TicketStatus | undefined> = {
  open: { not: "closed" },
  awaiting_reply: "answered",
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


/** Most recent activity first. */
export async function listTickets(actor: Actor, opts: { status?: TicketFilter; page?: number } = {}) {
  const customerId = customerScope(actor, "tickets.view");
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const status = STATUSES_BY_FILTER[opts.status ?? "all"];
  const where = { customerId, ...(status ? { status } : {}) } satisfies Prisma.TicketWhereInput;
  const [rows, total] = await Promise.all([
    db.ticket.findMany({
      where,
      select: ticketSelect,
      orderBy: [{ lastReplyAt: "desc" }, { number: "desc" }],
      skip: (page - 1) * TICKETS_PAGE_SIZE,
      take: TICKETS_PAGE_SIZE,
    }),
    db.ticket.count({ where }),
  ]);
  return { items: rows.map(flatten), total, page, pageSize: TICKETS_PAGE_SIZE };
}

/** Null when the number is malformed or the ticket belongs to another customer (the page answers 404). */
export async function getTicketByNumber(actor: Actor, number: string): Promise<TicketSummary | null> {
  const customerId = customerScope(actor, "tickets.view");
  if (!ticketNumberSchema.safeParse(number).success) return null;
  const row = await db.ticket.findFirst({ where: { number, customerId }, select: ticketSelect });
  return row && flatten(row);
}
