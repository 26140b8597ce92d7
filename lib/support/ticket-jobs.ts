import "server-only";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { type AppLocale, safeTimeZone } from "@/i18n/locales";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { StaffPermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma, TicketPriority, TicketStatus } from "@/lib/generated/prisma/client";
import { queueEmail } from "@/lib/notifications/queue-email";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import enSections from "@/messages/en/sections.json";
import huSections from "@/messages/hu/sections.json";
import skSections from "@/messages/sk/sections.json";
import viSections from "@/messages/vi/sections.json";
import { queueTicketEmails } from "./ticket-emails";

const PRIORITY_LABELS: Record<AppLocale, Record<TicketPriority, string>> = {
  en: enSections.sections.tickets.priority,
  vi: viSections.sections.tickets.priority,
  sk: skSections.sections.tickets.priority,
  hu: huSections.sections.tickets.priority,
};

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH_SIZE = 200;
// One run stops after this long and leaves the rest to the next tick, so a backlog cannot hold a
// job past its expiry (the queues expire jobs after 5 minutes).
const MAX_RUN_MS = 60_000;

/** Statuses in which staff do not owe an answer, so the SLA clock is not running. */
const NOT_WAITING_ON_STAFF: TicketStatus[] = ["closed", "answered", "on_hold"];
const TICKETS_PERMISSION: StaffPermission = "staff.tickets";
/** Author name stored on the system messages the jobs write (the thread shows an event text instead). */
const SYSTEM_AUTHOR = "Portico";

type Tx = Prisma.TransactionClient;
type ErrorLog = Pick<Console, "error">;

export type TicketJobOptions = {
  /** The clock; tests move it. */
  now?: Date;
  batchSize?: number;
  log?: ErrorLog;
};

/**
 * Runs `handle` for batches of candidates until fewer than a batch is left or the time budget is
 * spent. A candidate whose handler throws is logged and left out of the rest of this run (the next
 * run tries again), so one broken ticket cannot stop the others or keep the loop spinning.
 */
async function inBatches<T extends { id: string }>(
  options: TicketJobOptions & { deadline: number },
  find: (excludeIds: string[], take: number) => Promise<T[]>,
  handle: (candidate: T) => Promise<boolean>,
  label: string,
): Promise<{ done: number; failed: number }> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const log = options.log ?? console;
  const failedIds: string[] = [];
  let done = 0;
  for (;;) {
    const batch = await find(failedIds, batchSize);
    for (const candidate of batch) {
      try {
        if (await handle(candidate)) done++;
      } catch (error) {
        failedIds.push(candidate.id);
        log.error(`[support] ${label} failed for ticket ${candidate.id}:`, error);
      }
    }
    if (batch.length < batchSize || Date.now() > options.deadline) break;
  }
  return { done, failed: failedIds.length };
}

// ───────────── SLA escalation ─────────────

export type EscalationEmailInput = {
  locale: string;
  timeZone: string;
  recipientName: string;
  ticket: { number: string; subject: string; priority: TicketPriority; departmentName: string };
  dueAt: Date;
  appUrl: string;
};

/** The staff notice that a ticket passed its due time, in the recipient's language and time zone. */
export function renderEscalationEmail(input: EscalationEmailInput) {
  const { locale, t } = emailTranslator(input.locale);
  const due = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: safeTimeZone(input.timeZone),
    timeZoneName: "short",
  }).format(input.dueAt);
  const url = `${input.appUrl.replace(/\/+$/, "")}/admin/tickets/${encodeURIComponent(input.ticket.number)}`;
  const blocks = [
    t("layout.greeting", { name: input.recipientName }),
    t("support.escalated.intro", {
      subject: input.ticket.subject,
      number: input.ticket.number,
      department: input.ticket.departmentName,
      priority: PRIORITY_LABELS[locale][input.ticket.priority],
      due,
    }),
    url,
    t("layout.signature"),
  ];
  return {
    subject: `${t("support.escalated.subject", { subject: input.ticket.subject })} [${input.ticket.number}]`,
    text: blocks.join("\n\n"),
    html: renderEmailHtml({ locale, blocks, links: [url] }),
  };
}

/**
 * Staff told about an escalation: the assignee, and everyone who handles the ticket's department
 * (a role whose department list is empty or names it), as long as they are active and may work on
 * tickets at all — the same rule as the staff ticket list (lib/support/access.ts).
 */
async function escalationRecipients(tx: Tx, ticket: { assigneeId: string | null; departmentSlug: string }) {
  return tx.user.findMany({
    where: {
      disabledAt: null,
      staffRole: { permissions: { has: TICKETS_PERMISSION } },
      OR: [
        ...(ticket.assigneeId ? [{ id: ticket.assigneeId }] : []),
        { staffRole: { ticketDepartments: { isEmpty: true } } },
        { staffRole: { ticketDepartments: { has: ticket.departmentSlug } } },
      ],
    },
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, locale: true, timeZone: true },
  });
}

const overdueWhere = (now: Date): Prisma.TicketWhereInput => ({
  dueAt: { lt: now },
  status: { notIn: NOT_WAITING_ON_STAFF },
  // Escalated once per due time: a later due time (after a customer reply) escalates again.
  OR: [{ escalatedDueAt: null }, { NOT: { escalatedDueAt: { equals: db.ticket.fields.dueAt } } }],
});

/**
 * Escalates one ticket for the due time `dueAt` it was found with. The conditional update is the
 * claim: of two workers, the second waits for the first's row lock, then matches nothing, so the
 * message, audit row and emails are written once (the emails' dedupe keys are the second guard).
 */
async function escalateTicket(id: string, dueAt: Date, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const claim = await tx.ticket.updateMany({
      where: { id, dueAt, status: { notIn: NOT_WAITING_ON_STAFF }, OR: [{ escalatedDueAt: null }, { escalatedDueAt: { not: dueAt } }] },
      data: { escalatedDueAt: dueAt, escalatedAt: now },
    });
    if (claim.count === 0) return false;

    const ticket = await tx.ticket.findUniqueOrThrow({
      where: { id },
      select: { number: true, subject: true, priority: true, customerId: true, assigneeId: true, department: { select: { slug: true, name: true } } },
    });
    // Internal: the customer does not need to read that we are late; staff see it in the thread.
    await tx.ticketMessage.create({
      data: { ticketId: id, authorKind: "system", authorName: SYSTEM_AUTHOR, body: "escalated", internal: true, createdAt: now },
    });

    const recipients = await escalationRecipients(tx, { assigneeId: ticket.assigneeId, departmentSlug: ticket.department.slug });
    const appUrl = getEnv().APP_URL;
    for (const r of recipients) {
      const email = renderEscalationEmail({
        locale: r.locale,
        timeZone: r.timeZone,
        recipientName: r.name,
        ticket: { number: ticket.number, subject: ticket.subject, priority: ticket.priority, departmentName: ticket.department.name },
        dueAt,
        appUrl,
      });
      await queueEmail(tx, {
        to: r.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        category: "support",
        // A staff notice, not mail of the customer's account: no customerId.
        userId: r.id,
        dedupeKey: `ticket:${id}:escalated:${dueAt.toISOString()}:${r.id}`,
      });
    }

    await recordAuditEvent(
      {
        action: "support.ticket.escalated",
        customerId: ticket.customerId,
        targetType: "ticket",
        targetId: id,
        data: { number: ticket.number, dueAt: dueAt.toISOString(), assigneeId: ticket.assigneeId, notified: recipients.length },
      },
      tx,
    );
    return true;
  });
}

/**
 * Escalates every ticket past its due time that staff still owe an answer and that was not yet
 * escalated for that due time: a marker on the ticket, an internal system message, an audit row
 * and an email to the assignee and the department's staff. Safe to run twice or in two workers.
 */
export async function escalateOverdueTickets(options: TicketJobOptions = {}): Promise<{ escalated: number; failed: number }> {
  const now = options.now ?? new Date();
  const { done, failed } = await inBatches(
    { ...options, deadline: Date.now() + MAX_RUN_MS },
    (excludeIds, take) =>
      db.ticket.findMany({
        where: { ...overdueWhere(now), id: { notIn: excludeIds } },
        orderBy: [{ dueAt: "asc" }, { id: "asc" }],
        take,
        select: { id: true, dueAt: true },
      }),
    // dueAt is set: overdueWhere filters on it.
    (ticket) => escalateTicket(ticket.id, ticket.dueAt!, now),
    "escalation",
  );
  return { escalated: done, failed };
}

// ───────────── Auto-close ─────────────

/**
 * Closes one answered ticket, only if it is still answered with the last reply it was found with:
 * a customer reply that lands meanwhile changes both, and wins. The conditional update is also
 * the claim against a second worker (it waits for the row lock, then matches nothing).
 */
async function autoCloseTicket(id: string, lastReplyAt: Date, afterDays: number, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const claim = await tx.ticket.updateMany({
      where: { id, status: "answered", lastReplyAt },
      data: { status: "closed", closedAt: now, dueAt: null },
    });
    if (claim.count === 0) return false;

    const ticket = await tx.ticket.findUniqueOrThrow({ where: { id }, select: { number: true, customerId: true } });
    const message = await tx.ticketMessage.create({
      data: { ticketId: id, authorKind: "system", authorName: SYSTEM_AUTHOR, body: "auto_closed", createdAt: now },
      select: { id: true },
    });
    await recordAuditEvent(
      { action: "support.ticket.auto_closed", customerId: ticket.customerId, targetType: "ticket", targetId: id, data: { number: ticket.number, afterDays } },
      tx,
    );
    await queueTicketEmails(tx, { ticketId: id, event: "auto_closed", authorUserId: null, body: "", messageId: message.id });
    return true;
  });
}

/**
 * Closes tickets left "answered" (waiting for the customer) for their department's
 * autoCloseAfterDays, with a public system message and a notice to the customer. Departments
 * without a limit are left alone. Safe to run twice or in two workers.
 */
export async function autoCloseAnsweredTickets(options: TicketJobOptions = {}): Promise<{ closed: number; failed: number }> {
  const now = options.now ?? new Date();
  const deadline = Date.now() + MAX_RUN_MS;
  const departments = await db.department.findMany({
    // Null is "never"; zero or less reads as a slip, not as "close the moment we answer".
    where: { autoCloseAfterDays: { gt: 0 } },
    orderBy: { position: "asc" },
    select: { id: true, autoCloseAfterDays: true },
  });
  const totals = { closed: 0, failed: 0 };
  for (const department of departments) {
    const afterDays = department.autoCloseAfterDays!;
    const cutoff = new Date(now.getTime() - afterDays * DAY_MS);
    if (Date.now() > deadline) break;
    const { done, failed } = await inBatches(
      { ...options, deadline },
      (excludeIds, take) =>
        db.ticket.findMany({
          where: { departmentId: department.id, status: "answered", lastReplyAt: { lte: cutoff }, id: { notIn: excludeIds } },
          orderBy: [{ lastReplyAt: "asc" }, { id: "asc" }],
          take,
          select: { id: true, lastReplyAt: true },
        }),
      (ticket) => autoCloseTicket(ticket.id, ticket.lastReplyAt, afterDays, now),
      "auto-close",
    );
    totals.closed += done;
    totals.failed += failed;
  }
  return totals;
}
