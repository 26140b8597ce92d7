import "server-only";
import { type Actor, type CustomerActor, type StaffActor, assertCan, can } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma, TicketPriority, TicketSource, TicketStatus } from "@/lib/generated/prisma/client";
import { assertStaffDepartment, staffTicketScope, ticketScope } from "./access";
import { type ValidUpload, storeAttachments } from "./attachments";
import { newReplyToken, nextTicketNumber } from "./identifiers";
import type { NewTicketInput, RateTicketInput, StaffReplyInput } from "./schemas";
import { dueAtFor, slaTargets } from "./sla";
import { queueTicketEmails } from "./ticket-emails";

type Tx = Prisma.TransactionClient;

/** Storing five 10 MB files takes seconds; Prisma's 5 s default would cut a big upload short. */
const WRITE_TX = { timeout: 30_000, maxWait: 10_000 } as const;

/** Runs `fn` in the caller's transaction when given one (inbound mail records the message in the same commit), else in a new one. */
function inTransaction<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db.$transaction(fn, WRITE_TX);
}

/** A refusal the form shows next to a field or above it; the key is under "support". */
export class TicketError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "TicketError";
  }
}

const lockedTicketSelect = {
  id: true,
  number: true,
  customerId: true,
  departmentId: true,
  priority: true,
  status: true,
  firstRespondedAt: true,
  department: { select: { slug: true } },
} satisfies Prisma.TicketSelect;
type LockedTicket = Prisma.TicketGetPayload<{ select: typeof lockedTicketSelect }>;

/**
 * Finds the ticket within the actor's scope and locks its row for the rest of the transaction, so
 * two replies or a reply racing a close are applied one after the other. Not found → TicketError
 * "notFound" (the page answers 404; another customer's ticket looks like a missing one).
 */
async function lockTicket(tx: Tx, actor: Actor, number: string): Promise<LockedTicket> {
  const ticket = await tx.ticket.findFirst({ where: { number, ...ticketScope(actor) }, select: lockedTicketSelect });
  if (!ticket) throw new TicketError("errors.notFound");
  await tx.$executeRaw`SELECT 1 FROM "Ticket" WHERE id = ${ticket.id}::uuid FOR UPDATE`;
  // Re-read under the lock: the status may have changed while we waited.
  return tx.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: lockedTicketSelect });
}

/** The related service or domain, only if the contact may see that kind of object. */
async function resolveRelated(tx: Tx, actor: CustomerActor, relatedTo: string): Promise<{ serviceId: string | null; domainId: string | null }> {
  if (!relatedTo) return { serviceId: null, domainId: null };
  const [kind, id] = relatedTo.split(":") as ["service" | "domain", string];
  if (kind === "service" && can(actor, "services.view")) {
    const service = await tx.service.findFirst({ where: { id, customerId: actor.customerId }, select: { id: true } });
    if (service) return { serviceId: service.id, domainId: null };
  }
  if (kind === "domain" && can(actor, "domains.view")) {
    const domain = await tx.domain.findFirst({ where: { id, customerId: actor.customerId }, select: { id: true } });
    if (domain) return { serviceId: null, domainId: domain.id };
  }
  throw new TicketError("errors.invalidChoice", "relatedTo");
}

type MessageInput = {
  ticketId: string;
  authorKind: "customer" | "staff" | "system";
  author: { userId: string | null; name: string; email: string | null };
  body: string;
  internal?: boolean;
  source?: TicketSource;
  files?: ValidUpload[];
  at?: Date;
};

async function addMessage(tx: Tx, input: MessageInput) {
  const message = await tx.ticketMessage.create({
    data: {
      ticketId: input.ticketId,
      authorKind: input.authorKind,
      authorUserId: input.author.userId,
      authorName: input.author.name,
      authorEmail: input.author.email,
      body: input.body,
      internal: input.internal ?? false,
      source: input.source ?? "portal",
      ...(input.at ? { createdAt: input.at } : {}),
    },
    select: { id: true },
  });
  if (input.files?.length) await storeAttachments(tx, { ticketId: input.ticketId, messageId: message.id, files: input.files });
  return message;
}

export type OpenTicketInput = Omit<NewTicketInput, "relatedTo"> & { relatedTo?: string };

/**
 * A customer contact opens a ticket: number, first message, attachments, SLA due time, audit row
 * and the confirmation emails are written in one transaction.
 */
export async function openTicket(actor: CustomerActor, input: OpenTicketInput, files: ValidUpload[] = [], opts: { source?: TicketSource; now?: Date; tx?: Tx } = {}) {
  assertCan(actor, "tickets.create");
  const now = opts.now ?? new Date();
  return inTransaction(opts.tx, async (tx) => {
    const department = await tx.department.findUnique({ where: { id: input.departmentId }, select: { id: true } });
    if (!department) throw new TicketError("errors.invalidChoice", "departmentId");
    const related = await resolveRelated(tx, actor, input.relatedTo ?? "");
    const targets = await slaTargets(tx, department.id, input.priority);
    const ticket = await tx.ticket.create({
      data: {
        number: await nextTicketNumber(tx),
        replyToken: newReplyToken(),
        customerId: actor.customerId,
        departmentId: department.id,
        subject: input.subject,
        priority: input.priority,
        status: "open",
        source: opts.source ?? "portal",
        contactUserId: actor.userId,
        ...related,
        dueAt: dueAtFor(targets, now, false),
        lastReplyAt: now,
        createdAt: now,
      },
      select: { id: true, number: true },
    });
    await addMessage(tx, {
      ticketId: ticket.id,
      authorKind: "customer",
      author: { userId: actor.userId, name: actor.name, email: actor.email },
      body: input.body,
      source: opts.source,
      files,
      at: now,
    });
    await recordAuditEvent({ action: "support.ticket.opened", actorUserId: actor.userId, customerId: actor.customerId, targetType: "ticket", targetId: ticket.id, data: { number: ticket.number } }, tx);
    await queueTicketEmails(tx, { ticketId: ticket.id, event: "opened", authorUserId: actor.userId, body: input.body });
    return ticket;
  });
}

/**
 * A reply in the thread. A customer's reply puts the ticket back in the staff queue with the
 * next-response target; a staff reply answers it (or sets the chosen status) and stops the clock.
 * Internal notes change nothing but the thread, and nobody outside staff is told.
 */
export async function replyToTicket(actor: Actor, input: StaffReplyInput | { number: string; body: string }, files: ValidUpload[] = [], opts: { source?: TicketSource; now?: Date; tx?: Tx } = {}) {
  const now = opts.now ?? new Date();
  const internal = "internal" in input && input.internal;
  if (actor.kind === "customer") assertCan(actor, "tickets.create");
  return inTransaction(opts.tx, async (tx) => {
    const ticket = await lockTicket(tx, actor, input.number);
    const message = await addMessage(tx, {
      ticketId: ticket.id,
      authorKind: actor.kind === "customer" ? "customer" : "staff",
      author: { userId: actor.userId, name: actor.name, email: actor.email },
      body: input.body,
      internal: actor.kind === "staff" && internal,
      source: opts.source,
      files,
      at: now,
    });
    if (actor.kind === "staff" && internal) {
      await recordAuditEvent({ action: "support.ticket.note_added", actorUserId: actor.userId, customerId: ticket.customerId, targetType: "ticket", targetId: ticket.id }, tx);
      return { messageId: message.id, status: ticket.status };
    }
    let data: Prisma.TicketUpdateInput;
    if (actor.kind === "customer") {
      const targets = await slaTargets(tx, ticket.departmentId, ticket.priority);
      data = { status: "customer_reply", dueAt: dueAtFor(targets, now, ticket.firstRespondedAt !== null), closedAt: null, escalatedAt: null };
    } else {
      const status = "status" in input ? input.status : "answered";
      const stillOurs = status === "in_progress";
      data = {
        status,
        firstRespondedAt: ticket.firstRespondedAt ?? now,
        // In progress: we still owe an answer, on the next-response clock. Otherwise the clock stops.
        dueAt: stillOurs ? dueAtFor(await slaTargets(tx, ticket.departmentId, ticket.priority), now, true) : null,
        escalatedAt: null,
        closedAt: status === "closed" ? now : null,
      };
    }
    await tx.ticket.update({ where: { id: ticket.id }, data: { ...data, lastReplyAt: now } });
    await recordAuditEvent({ action: "support.ticket.replied", actorUserId: actor.userId, customerId: ticket.customerId, targetType: "ticket", targetId: ticket.id }, tx);
    await queueTicketEmails(tx, {
      ticketId: ticket.id,
      event: actor.kind === "customer" ? "customer_replied" : "staff_replied",
      authorUserId: actor.userId,
      body: input.body,
      messageId: message.id,
    });
    return { messageId: message.id, status: data.status as TicketStatus };
  });
}

/** Closing by the customer or staff; a closed ticket stays readable and can be reopened by the customer. */
export async function closeTicket(actor: Actor, number: string, opts: { now?: Date } = {}) {
  if (actor.kind === "customer") assertCan(actor, "tickets.create");
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ticket = await lockTicket(tx, actor, number);
    if (ticket.status === "closed") return { changed: false };
    await tx.ticket.update({ where: { id: ticket.id }, data: { status: "closed", closedAt: now, dueAt: null } });
    await addMessage(tx, { ticketId: ticket.id, authorKind: "system", author: { userId: actor.userId, name: actor.name, email: null }, body: "closed", at: now });
    await recordAuditEvent({ action: "support.ticket.closed", actorUserId: actor.userId, customerId: ticket.customerId, targetType: "ticket", targetId: ticket.id }, tx);
    return { changed: true };
  });
}

/** The customer reopens a closed ticket: it goes back to the queue on the next-response clock. */
export async function reopenTicket(actor: CustomerActor, number: string, opts: { now?: Date } = {}) {
  assertCan(actor, "tickets.create");
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ticket = await lockTicket(tx, actor, number);
    if (ticket.status !== "closed") return { changed: false };
    const targets = await slaTargets(tx, ticket.departmentId, ticket.priority);
    await tx.ticket.update({
      where: { id: ticket.id },
      data: { status: "customer_reply", closedAt: null, dueAt: dueAtFor(targets, now, ticket.firstRespondedAt !== null), escalatedAt: null, lastReplyAt: now },
    });
    await addMessage(tx, { ticketId: ticket.id, authorKind: "system", author: { userId: actor.userId, name: actor.name, email: null }, body: "reopened", at: now });
    await recordAuditEvent({ action: "support.ticket.reopened", actorUserId: actor.userId, customerId: ticket.customerId, targetType: "ticket", targetId: ticket.id }, tx);
    return { changed: true };
  });
}

/** Rating the answer, only once the ticket is closed; rating again replaces the earlier one. */
export async function rateTicket(actor: CustomerActor, input: RateTicketInput, opts: { now?: Date } = {}) {
  assertCan(actor, "tickets.view");
  return db.$transaction(async (tx) => {
    const ticket = await lockTicket(tx, actor, input.number);
    if (ticket.status !== "closed") throw new TicketError("errors.rateOnlyClosed");
    await tx.ticket.update({ where: { id: ticket.id }, data: { rating: input.rating, ratingComment: input.comment || null, ratedAt: opts.now ?? new Date() } });
    await recordAuditEvent({ action: "support.ticket.rated", actorUserId: actor.userId, customerId: ticket.customerId, targetType: "ticket", targetId: ticket.id, data: { rating: input.rating } }, tx);
  });
}

/**
 * Staff change department, priority, status, assignee or linked service. Moving to another
 * department or priority recomputes the due time from when the clock started (the last customer
 * message), so a re-prioritised ticket does not get a fresh target.
 */
export async function updateTicket(actor: StaffActor, input: { number: string; departmentId: string; priority: TicketPriority; status: TicketStatus; assigneeId: string | null; serviceId: string | null }, opts: { now?: Date } = {}) {
  staffTicketScope(actor);
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ticket = await lockTicket(tx, actor, input.number);
    const department = await tx.department.findUnique({ where: { id: input.departmentId }, select: { id: true, slug: true } });
    if (!department) throw new TicketError("errors.invalidChoice", "departmentId");
    assertStaffDepartment(actor, department.slug);
    if (input.assigneeId) {
      // The assignee must be able to open the ticket: staff of every department, or of this one.
      const assignee = await tx.user.findFirst({
        where: {
          id: input.assigneeId,
          disabledAt: null,
          staffRole: { permissions: { has: "staff.tickets" }, OR: [{ ticketDepartments: { isEmpty: true } }, { ticketDepartments: { has: department.slug } }] },
        },
        select: { id: true },
      });
      if (!assignee) throw new TicketError("errors.invalidChoice", "assigneeId");
    }
    if (input.serviceId) {
      const service = await tx.service.findFirst({ where: { id: input.serviceId, customerId: ticket.customerId }, select: { id: true } });
      if (!service) throw new TicketError("errors.invalidChoice", "serviceId");
    }
    const current = await tx.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { assigneeId: true, serviceId: true, dueAt: true } });
    const data: Prisma.TicketUncheckedUpdateInput = { departmentId: department.id, priority: input.priority, status: input.status, assigneeId: input.assigneeId, serviceId: input.serviceId };
    const awaitingStaff = input.status === "open" || input.status === "customer_reply" || input.status === "in_progress";
    if (!awaitingStaff) data.dueAt = null;
    if (input.status === "closed" && ticket.status !== "closed") data.closedAt = now;
    if (input.status !== "closed") data.closedAt = null;
    const clockChanged = department.id !== ticket.departmentId || input.priority !== ticket.priority || (awaitingStaff && !current.dueAt);
    if (awaitingStaff && clockChanged) {
      const lastCustomerMessage = await tx.ticketMessage.findFirst({ where: { ticketId: ticket.id, authorKind: "customer" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
      const since = ticket.status === "on_hold" || ticket.status === "answered" ? now : (lastCustomerMessage?.createdAt ?? now);
      data.dueAt = dueAtFor(await slaTargets(tx, department.id, input.priority), since, ticket.firstRespondedAt !== null);
      data.escalatedAt = null;
    }
    await tx.ticket.update({ where: { id: ticket.id }, data });
    if (input.status === "closed" && ticket.status !== "closed") {
      await addMessage(tx, { ticketId: ticket.id, authorKind: "system", author: { userId: actor.userId, name: actor.name, email: null }, body: "closed", at: now });
    }
    const changes = {
      ...(department.id !== ticket.departmentId ? { department: department.slug } : {}),
      ...(input.priority !== ticket.priority ? { priority: input.priority } : {}),
      ...(input.status !== ticket.status ? { status: input.status } : {}),
      ...(input.assigneeId !== current.assigneeId ? { assigneeId: input.assigneeId } : {}),
      ...(input.serviceId !== current.serviceId ? { serviceId: input.serviceId } : {}),
    };
    if (Object.keys(changes).length) {
      await recordAuditEvent({ action: "support.ticket.updated", actorUserId: actor.userId, customerId: ticket.customerId, targetType: "ticket", targetId: ticket.id, data: changes }, tx);
    }
    return { changes };
  });
}
