import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createTranslator } from "use-intl/core";
import { type AppLocale, DEFAULT_LOCALE, isLocale } from "@/i18n/locales";
import { type Actor, type CustomerActor, type StaffActor, can } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { getEnv, supportEmailAddress } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type BlobStorage, defaultStorage } from "@/lib/integrations/storage";
import type { InboundMail } from "@/lib/integrations/mail/inbound";
import en from "@/messages/en/inbound.json";
import hu from "@/messages/hu/inbound.json";
import sk from "@/messages/sk/inbound.json";
import vi from "@/messages/vi/inbound.json";
import { assertStaffDepartment, staffTicketScope } from "./access";
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_MAX_MB,
  type AttachmentDownload,
  type AttachmentErrorCode,
  type ValidUpload,
  cleanFileName,
  storeAttachments,
  validateUploads,
} from "./attachments";
import { cleanSubject, parseTicketToken, stripQuotedReply } from "./email-reply";
import { contactActorFor } from "./email-actor";
import { newReplyToken, nextTicketNumber } from "./identifiers";
import { TICKET_BODY_MAX, TICKET_SUBJECT_MAX } from "./schemas";
import { dueAtFor, slaTargets } from "./sla";
import { queueTicketEmails } from "./ticket-emails";
import { TicketError, openTicket, replyToTicket } from "./tickets";

type Tx = Prisma.TransactionClient;

const MESSAGES: Record<AppLocale, typeof en> = { en, vi, sk, hu };

export type InboundOutcome = "reply" | "new_ticket" | "held" | "duplicate" | "ignored";
export type ProcessInboundMailResult = { outcome: InboundOutcome; ticketNumber?: string };

/** Why a message waits for staff; written to the audit row. */
export type HoldReason = "unknown_sender" | "not_permitted" | "unknown_ticket" | "no_department" | "ambiguous_customer";

/** A refusal the inbox form shows; the key is under "inbound". */
export class InboundEmailError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "InboundEmailError";
  }
}

// The effect of a message (a ticket with up to 5 × 10 MB of files) runs inside this transaction.
const TRANSACTION_OPTIONS = { timeout: 120_000, maxWait: 10_000 };
// The record of a message keeps its text for staff; a mail larger than this is cut.
const STORED_TEXT_MAX = 200_000;
// Postgres refuses unique-index entries over ~2.7 kB; a longer Message-ID is stored as its hash.
const MESSAGE_ID_MAX = 900;
// Precedence values of list, bulk and autoresponder mail (RFC 3834 §2, common practice).
const AUTOMATED_PRECEDENCE = new Set(["bulk", "junk", "auto_reply"]);
// Senders of delivery reports: answering them only makes mail loops.
const BOUNCE_SENDERS = /^(?:mailer-daemon|postmaster)$/i;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const lower = (address: string) => address.trim().toLowerCase();

/** `support+t.x@example.com` → `support@example.com`: plus tags do not make another mailbox. */
function mailbox(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return lower(address);
  return `${address.slice(0, at).split("+")[0]}@${address.slice(at + 1)}`.toLowerCase();
}

function messageIdKey(messageId: string): string {
  return messageId.length <= MESSAGE_ID_MAX ? messageId : `<sha256.${createHash("sha256").update(messageId).digest("hex")}@inbound.invalid>`;
}

function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function translatorFor(locale: string) {
  const appLocale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return createTranslator({ locale: appLocale, messages: MESSAGES[appLocale], namespace: "inbound.note" });
}

// Markdown would otherwise turn a file name like "[x](y)" or "*a*" into a link or emphasis.
const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()<>#+\-.!|~]/g, "\\$&");

type RefusedFile = { fileName: string; code: AttachmentErrorCode };

/**
 * The files of a mail checked by the same rules as the portal's uploads. The portal refuses the
 * whole form so the user can fix it; a sender cannot see a form, so the valid files are kept and
 * the refused ones are listed in the message instead.
 */
function screenAttachments(mail: InboundMail): { files: ValidUpload[]; refused: RefusedFile[] } {
  const fromFetch: RefusedFile[] = mail.rejected.map((r) => ({ fileName: cleanFileName(r.fileName), code: r.reason }));
  const inputs = mail.attachments.map((a) => ({ name: a.fileName, bytes: a.content }));
  const checked = validateUploads(inputs);
  if (checked.ok) return { files: checked.files, refused: fromFetch };
  const bad = new Set(checked.errors.map((e) => e.index));
  // The files that passed on their own pass again as a smaller set; this makes them ValidUploads.
  const kept = validateUploads(inputs.filter((_, index) => !bad.has(index)));
  return {
    files: kept.ok ? kept.files : [],
    refused: [...fromFetch, ...checked.errors.map((e) => ({ fileName: e.fileName, code: e.code }))],
  };
}

/** The body with a note of refused attachments appended, in the reader's language; within TICKET_BODY_MAX. */
function withRefusedNote(body: string, refused: RefusedFile[], locale: string, max = TICKET_BODY_MAX): string {
  if (!refused.length) return clamp(body, max);
  const t = translatorFor(locale);
  const lines = refused.map((file) =>
    t("item", { fileName: escapeMarkdown(file.fileName), reason: t(`reasons.${file.code}`, { max: ATTACHMENT_LIMITS.maxFiles, maxMb: ATTACHMENT_MAX_MB }) }),
  );
  const note = `\n\n---\n\n${t("title")}\n\n${lines.map((line) => `- ${line}`).join("\n")}`;
  return `${clamp(body, Math.max(0, max - note.length))}${note}`.trim();
}

/** A subject for a new ticket: the cleaned subject, else the first line of the text, else the sender. */
function ticketSubject(mail: InboundMail, body: string): string {
  const firstLine = body.split("\n").find((line) => line.trim())?.trim() ?? "";
  const subject = cleanSubject(mail.subject) || firstLine || mail.from.address;
  return clamp(subject, TICKET_SUBJECT_MAX);
}

/** Auto-replies, bounces, bulk mail and our own mail coming back: recorded, never answered. */
function isAutomated(mail: InboundMail, ownMailboxes: ReadonlySet<string>): boolean {
  if (!mail.from.address) return true;
  if (mail.autoSubmitted && mail.autoSubmitted !== "no") return true;
  if (mail.precedence && AUTOMATED_PRECEDENCE.has(mail.precedence)) return true;
  const local = mail.from.address.slice(0, mail.from.address.lastIndexOf("@"));
  if (BOUNCE_SENDERS.test(local)) return true;
  return ownMailboxes.has(mailbox(mail.from.address));
}

/** The membership rows of the sender's login, if the address belongs to an enabled user. */
async function senderOf(tx: Tx, address: string) {
  return tx.user.findFirst({
    where: { email: lower(address), disabledAt: null },
    select: { id: true, locale: true, memberships: { select: { customerId: true, permissions: true } } },
  });
}

// ---------------------------------------------------------------------------------------------
// Routing: what a message becomes
// ---------------------------------------------------------------------------------------------

type Department = { id: string; slug: string; email: string };

type Route =
  | { kind: "reply"; actor: CustomerActor; ticket: { id: string; number: string } }
  | { kind: "new_ticket"; actor: CustomerActor; department: Department }
  | { kind: "held"; reason: HoldReason; userId: string | null };

async function routeMail(tx: Tx, mail: InboundMail, departments: Department[]): Promise<Route> {
  const sender = await senderOf(tx, mail.from.address);
  const token = parseTicketToken(mail);

  if (token) {
    const ticket = await tx.ticket.findUnique({ where: { replyToken: token }, select: { id: true, number: true, customerId: true } });
    if (!ticket) return { kind: "held", reason: "unknown_ticket", userId: sender?.id ?? null };
    if (!sender) return { kind: "held", reason: "unknown_sender", userId: null };
    // The ticket's customer decides, whatever other customers the sender belongs to.
    const actor = await contactActorFor(sender.id, ticket.customerId, tx);
    if (!actor || !can(actor, "tickets.create") || !can(actor, "tickets.view")) return { kind: "held", reason: "not_permitted", userId: sender.id };
    return { kind: "reply", actor, ticket };
  }

  // To before Cc: the address the sender meant first.
  const byMailbox = new Map(departments.map((d) => [mailbox(d.email), d]));
  const department = [...mail.to, ...mail.cc].map((address) => byMailbox.get(mailbox(address))).find(Boolean);
  if (!sender) return { kind: "held", reason: "unknown_sender", userId: null };
  if (!department) return { kind: "held", reason: "no_department", userId: sender.id };

  const allowed = sender.memberships.filter((m) => m.permissions.includes("tickets.create"));
  if (allowed.length === 0) return { kind: "held", reason: "not_permitted", userId: sender.id };
  // A person working for two customers: staff decide whose ticket this is.
  if (allowed.length > 1) return { kind: "held", reason: "ambiguous_customer", userId: sender.id };
  const actor = await contactActorFor(sender.id, allowed[0].customerId, tx);
  if (!actor || !can(actor, "tickets.create")) return { kind: "held", reason: "not_permitted", userId: sender.id };
  return { kind: "new_ticket", actor, department };
}

// ---------------------------------------------------------------------------------------------
// Intake
// ---------------------------------------------------------------------------------------------

/**
 * Records the message once per Message-ID: ON CONFLICT DO NOTHING inside the caller's transaction.
 * A concurrent second delivery waits on the unique index until this transaction ends, then finds
 * the row (duplicate) or, if this one rolled back, takes over. Null means "already recorded".
 */
async function claimMessage(tx: Tx, mail: InboundMail): Promise<string | null> {
  const id = randomUUID();
  const { count } = await tx.inboundEmail.createMany({
    data: [
      {
        id,
        messageId: messageIdKey(mail.messageId),
        fromAddress: lower(mail.from.address),
        fromName: mail.from.name,
        toAddresses: [...new Set([...mail.to, ...mail.cc].map(lower))],
        subject: clamp(mail.subject, 998),
        text: clamp(mail.text, STORED_TEXT_MAX),
        // Final status is set below, in the same transaction.
        status: "held",
        receivedAt: mail.receivedAt,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1 ? id : null;
}

/**
 * Turns one received message into its effect, exactly once per Message-ID:
 * a reply on the ticket its token names (quoted history stripped), a new ticket for a known
 * contact writing to a department address, or a record held for staff. Auto-replies, bounces and
 * our own mail are recorded and otherwise ignored.
 *
 * The record is written first and the effect happens before its transaction commits, so a second
 * delivery of the same message (even one arriving at the same moment) is answered "duplicate".
 * openTicket/replyToTicket write in this same transaction, so the record and its effect commit
 * together: a crash in between leaves neither, and the redelivery does the work once.
 */
export async function processInboundMail(mail: InboundMail, opts: { now?: Date } = {}): Promise<ProcessInboundMailResult> {
  const now = opts.now ?? new Date();
  const supportMailbox = mailbox(supportEmailAddress(getEnv()));
  return db.$transaction(async (tx) => {
    const inboundEmailId = await claimMessage(tx, mail);
    if (!inboundEmailId) return { outcome: "duplicate" };

    const departments = (await tx.department.findMany({ where: { email: { not: null } }, select: { id: true, slug: true, email: true } })).flatMap((d) =>
      d.email ? [{ ...d, email: lower(d.email) }] : [],
    );
    const ownMailboxes = new Set([supportMailbox, ...departments.map((d) => mailbox(d.email))]);
    if (isAutomated(mail, ownMailboxes)) {
      await tx.inboundEmail.update({ where: { id: inboundEmailId }, data: { status: "rejected", decidedAt: now } });
      return { outcome: "ignored" };
    }

    const route = await routeMail(tx, mail, departments);
    const { files, refused } = screenAttachments(mail);

    if (route.kind !== "held") {
      try {
        const result = route.kind === "reply" ? await reply(tx, mail, route, files, refused, now) : await newTicket(tx, mail, route, files, refused, now);
        await tx.inboundEmail.update({ where: { id: inboundEmailId }, data: { status: "processed", ticketId: result.ticketId } });
        return { outcome: route.kind, ticketNumber: result.number };
      } catch (error) {
        // Refused by the ticket rules after all (permissions changed meanwhile): staff decide.
        if (!(error instanceof TicketError || error instanceof PermissionDenied)) throw error;
        return hold(tx, inboundEmailId, mail, { reason: "not_permitted", userId: route.actor.userId }, files, refused);
      }
    }
    return hold(tx, inboundEmailId, mail, route, files, refused);
  }, TRANSACTION_OPTIONS);
}

async function reply(tx: Tx, mail: InboundMail, route: Extract<Route, { kind: "reply" }>, files: ValidUpload[], refused: RefusedFile[], now: Date) {
  const body = withRefusedNote(stripQuotedReply(mail.text), refused, route.actor.locale);
  // A reply reopens a closed ticket: replyToTicket puts it back to customer_reply.
  await replyToTicket(route.actor, { number: route.ticket.number, body }, files, { source: "email", now, tx });
  return { ticketId: route.ticket.id, number: route.ticket.number };
}

async function newTicket(tx: Tx, mail: InboundMail, route: Extract<Route, { kind: "new_ticket" }>, files: ValidUpload[], refused: RefusedFile[], now: Date) {
  const text = mail.text.trim();
  const body = withRefusedNote(text, refused, route.actor.locale);
  const ticket = await openTicket(
    route.actor,
    { departmentId: route.department.id, priority: "normal", subject: ticketSubject(mail, text), body },
    files,
    { source: "email", now, tx },
  );
  // openTicket leaves the author out of its emails (in the portal they see the ticket at once).
  // By email the confirmation is the sender's only receipt, and its subject tag routes their
  // replies; the other recipients' copies are skipped by the outbox's dedupe key.
  await queueTicketEmails(tx, { ticketId: ticket.id, event: "opened", authorUserId: null, body });
  return { ticketId: ticket.id, number: ticket.number };
}

async function hold(
  tx: Tx,
  inboundEmailId: string,
  mail: InboundMail,
  route: { reason: HoldReason; userId: string | null },
  files: ValidUpload[],
  refused: RefusedFile[],
): Promise<ProcessInboundMailResult> {
  // Staff read the record; the note of refused files goes into its text (in the default language).
  const text = withRefusedNote(clamp(mail.text, STORED_TEXT_MAX), refused, DEFAULT_LOCALE, STORED_TEXT_MAX);
  await tx.inboundEmail.update({ where: { id: inboundEmailId }, data: { status: "held", text } });
  // The valid files stay on the held record (no ticket yet); they move to the ticket on accept.
  await storeAttachments(tx, { inboundEmailId, files });
  await recordAuditEvent(
    { action: "support.inbound_email.held", actorUserId: route.userId, targetType: "inbound_email", targetId: inboundEmailId, data: { reason: route.reason, from: lower(mail.from.address) } },
    tx,
  );
  return { outcome: "held" };
}

// ---------------------------------------------------------------------------------------------
// Staff: held mail
// ---------------------------------------------------------------------------------------------

/**
 * Held mail a staff member may decide on: everything for staff of every department; for staff of
 * some departments, mail sent to those departments' addresses.
 */
async function heldScope(client: Pick<Tx, "department">, actor: StaffActor): Promise<Prisma.InboundEmailWhereInput> {
  staffTicketScope(actor);
  if (!actor.ticketDepartments) return { status: "held" };
  const departments = await client.department.findMany({ where: { slug: { in: [...actor.ticketDepartments] }, email: { not: null } }, select: { email: true } });
  return { status: "held", toAddresses: { hasSome: departments.flatMap((d) => (d.email ? [lower(d.email)] : [])) } };
}

/** Locks a held message for a decision; another staff member deciding at the same time waits, then sees it decided. */
async function lockHeld(tx: Tx, actor: StaffActor, inboundEmailId: string) {
  const scope = await heldScope(tx, actor);
  const found = await tx.inboundEmail.findFirst({ where: { id: inboundEmailId, ...scope, status: undefined }, select: { id: true } });
  if (!found) throw new InboundEmailError("errors.notFound");
  await tx.$executeRaw`SELECT 1 FROM "InboundEmail" WHERE id = ${found.id}::uuid FOR UPDATE`;
  const row = await tx.inboundEmail.findUniqueOrThrow({
    where: { id: found.id },
    select: { id: true, status: true, fromAddress: true, fromName: true, subject: true, text: true },
  });
  if (row.status !== "held") throw new InboundEmailError("errors.alreadyDecided");
  return row;
}

export const HELD_PAGE_SIZE = 20;
const EXCERPT_LENGTH = 280;

export type HeldEmailListItem = {
  id: string;
  fromAddress: string;
  fromName: string | null;
  /** To and Cc, lower-cased. */
  toAddresses: string[];
  subject: string;
  receivedAt: Date;
  excerpt: string;
  attachments: { id: string; fileName: string; size: number }[];
  /** Prefills the accept form: the customer of the ticket the mail names, or the sender's only customer. */
  suggestedContractNumber: string | null;
  suggestedDepartmentId: string | null;
  /** The ticket the mail's token names, when the staff member may see it. */
  ticketNumber: string | null;
};

export type HeldEmailList = {
  items: HeldEmailListItem[];
  total: number;
  page: number;
  pageCount: number;
  /** Departments this staff member may accept mail into. */
  departments: { id: string; name: string }[];
};

/** One page of held mail, newest first, with what the accept form needs. Staff with staff.tickets only. */
export async function listHeldEmails(actor: StaffActor, page = 1): Promise<HeldEmailList> {
  const where = await heldScope(db, actor);
  const departmentScope = actor.ticketDepartments ? { slug: { in: [...actor.ticketDepartments] } } : {};
  const [total, departments] = await Promise.all([
    db.inboundEmail.count({ where }),
    db.department.findMany({ where: departmentScope, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, email: true } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / HELD_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const rows = await db.inboundEmail.findMany({
    where,
    orderBy: [{ receivedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * HELD_PAGE_SIZE,
    take: HELD_PAGE_SIZE,
    select: {
      id: true,
      fromAddress: true,
      fromName: true,
      subject: true,
      text: true,
      receivedAt: true,
      toAddresses: true,
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, fileName: true, size: true } },
    },
  });

  // Suggestions, looked up for the whole page at once.
  const tokens = new Map(rows.map((r) => [r.id, parseTicketToken({ to: r.toAddresses, cc: [], subject: r.subject })]));
  const tokenList = [...new Set([...tokens.values()].filter((t): t is string => Boolean(t)))];
  const [tickets, senders] = await Promise.all([
    tokenList.length
      ? db.ticket.findMany({
          where: { replyToken: { in: tokenList }, ...staffTicketScope(actor) },
          select: { replyToken: true, number: true, departmentId: true, customer: { select: { contractNumber: true } } },
        })
      : [],
    db.user.findMany({
      where: { email: { in: [...new Set(rows.map((r) => r.fromAddress))] }, disabledAt: null },
      select: { email: true, memberships: { select: { customer: { select: { contractNumber: true } } } } },
    }),
  ]);
  const ticketByToken = new Map(tickets.map((t) => [t.replyToken, t]));
  const contractsBySender = new Map(senders.map((s) => [s.email, s.memberships.map((m) => m.customer.contractNumber)]));
  const departmentByMailbox = new Map(departments.flatMap((d) => (d.email ? [[mailbox(d.email), d.id] as const] : [])));

  const items = rows.map((r): HeldEmailListItem => {
    const token = tokens.get(r.id);
    const ticket = token ? ticketByToken.get(token) : undefined;
    const contracts = contractsBySender.get(r.fromAddress) ?? [];
    const addressedDepartment = r.toAddresses.map((a) => departmentByMailbox.get(mailbox(a))).find(Boolean) ?? null;
    return {
      id: r.id,
      fromAddress: r.fromAddress,
      fromName: r.fromName,
      toAddresses: r.toAddresses,
      subject: r.subject,
      receivedAt: r.receivedAt,
      excerpt: clamp(r.text.replace(/\s+/g, " ").trim(), EXCERPT_LENGTH),
      attachments: r.attachments,
      suggestedContractNumber: ticket?.customer.contractNumber ?? (contracts.length === 1 ? contracts[0] : null),
      suggestedDepartmentId: ticket?.departmentId ?? addressedDepartment,
      ticketNumber: ticket?.number ?? null,
    };
  });
  return { items, total, page: current, pageCount, departments: departments.map((d) => ({ id: d.id, name: d.name })) };
}

export type AcceptHeldEmailInput = {
  inboundEmailId: string;
  departmentId: string;
  /** The contact the ticket belongs to; by default the member of that customer with the sender's address, if any. */
  contactUserId?: string | null;
} & ({ customerId: string } | { contractNumber: string });

/**
 * Staff accept a held message: it becomes a new ticket (source email, priority normal) of the
 * chosen customer in the chosen department, with the held text as the first message and the
 * held files moved onto it. The customer's ticket contacts get the usual confirmation.
 */
export async function acceptHeldEmail(actor: StaffActor, input: AcceptHeldEmailInput, opts: { now?: Date } = {}): Promise<{ ticketNumber: string }> {
  staffTicketScope(actor);
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const department = await tx.department.findUnique({ where: { id: input.departmentId }, select: { id: true, slug: true } });
    if (!department) throw new InboundEmailError("errors.departmentRequired", "departmentId");
    assertStaffDepartment(actor, department.slug);
    const customer = await tx.customer.findUnique({
      where: "customerId" in input ? { id: input.customerId } : { contractNumber: input.contractNumber.trim() },
      select: { id: true },
    });
    if (!customer) throw new InboundEmailError("errors.customerNotFound", "contractNumber");

    const held = await lockHeld(tx, actor, input.inboundEmailId);
    const contact = await chooseContact(tx, customer.id, held.fromAddress, input.contactUserId ?? null);

    const targets = await slaTargets(tx, department.id, "normal");
    const body = clamp(held.text, TICKET_BODY_MAX);
    const ticket = await tx.ticket.create({
      data: {
        number: await nextTicketNumber(tx),
        replyToken: newReplyToken(),
        customerId: customer.id,
        departmentId: department.id,
        subject: clamp(cleanSubject(held.subject) || body.split("\n").find((l) => l.trim())?.trim() || held.fromAddress, TICKET_SUBJECT_MAX),
        priority: "normal",
        status: "open",
        source: "email",
        contactUserId: contact?.id ?? null,
        dueAt: dueAtFor(targets, now, false),
        lastReplyAt: now,
        createdAt: now,
      },
      select: { id: true, number: true },
    });
    const message = await tx.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        authorKind: "customer",
        authorUserId: contact?.id ?? null,
        authorName: contact?.name ?? held.fromName ?? held.fromAddress,
        authorEmail: held.fromAddress,
        body,
        source: "email",
        createdAt: now,
      },
      select: { id: true },
    });
    // inboundEmailId is cleared: the record cascades its files, and they are the ticket's now.
    await tx.attachment.updateMany({ where: { inboundEmailId: held.id }, data: { ticketId: ticket.id, messageId: message.id, inboundEmailId: null } });
    await tx.inboundEmail.update({ where: { id: held.id }, data: { status: "accepted", ticketId: ticket.id, decidedById: actor.userId, decidedAt: now } });
    await recordAuditEvent({ action: "support.ticket.opened", actorUserId: actor.userId, customerId: customer.id, targetType: "ticket", targetId: ticket.id, data: { number: ticket.number, inboundEmailId: held.id } }, tx);
    await recordAuditEvent({ action: "support.inbound_email.accepted", actorUserId: actor.userId, customerId: customer.id, targetType: "inbound_email", targetId: held.id, data: { ticket: ticket.number } }, tx);
    await queueTicketEmails(tx, { ticketId: ticket.id, event: "opened", authorUserId: null, body });
    return { ticketNumber: ticket.number };
  }, TRANSACTION_OPTIONS);
}

/** The ticket's contact: the one staff chose (must be a member), else the member with the sender's address, else none. */
async function chooseContact(tx: Tx, customerId: string, fromAddress: string, contactUserId: string | null) {
  const where = contactUserId ? { id: contactUserId } : { email: lower(fromAddress) };
  const user = await tx.user.findFirst({ where: { ...where, disabledAt: null, memberships: { some: { customerId } } }, select: { id: true, name: true } });
  if (contactUserId && !user) throw new InboundEmailError("errors.contactNotMember", "contactUserId");
  return user;
}

/** Staff reject a held message: no ticket; its files are deleted, the record stays (status rejected). */
export async function rejectHeldEmail(actor: StaffActor, input: { inboundEmailId: string }, opts: { now?: Date; storage?: BlobStorage } = {}): Promise<void> {
  staffTicketScope(actor);
  const now = opts.now ?? new Date();
  const keys = await db.$transaction(async (tx) => {
    const held = await lockHeld(tx, actor, input.inboundEmailId);
    const files = await tx.attachment.findMany({ where: { inboundEmailId: held.id }, select: { storageKey: true } });
    await tx.attachment.deleteMany({ where: { inboundEmailId: held.id } });
    await tx.inboundEmail.update({ where: { id: held.id }, data: { status: "rejected", decidedById: actor.userId, decidedAt: now } });
    await recordAuditEvent({ action: "support.inbound_email.rejected", actorUserId: actor.userId, targetType: "inbound_email", targetId: held.id, data: { from: held.fromAddress } }, tx);
    return files.map((f) => f.storageKey);
  });
  // Bytes go after the commit: a storage outside Postgres cannot roll back with it.
  const storage = opts.storage ?? defaultStorage();
  for (const key of keys) await storage.delete(key);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A held message's file for staff who may decide on it; null (→ 404) for anyone else or anything else. */
export async function getHeldAttachmentForDownload(
  actor: Actor | null,
  params: { inboundEmailId: string; attachmentId: string },
  storage: BlobStorage = defaultStorage(),
): Promise<AttachmentDownload | null> {
  if (actor?.kind !== "staff" || !can(actor, "staff.tickets")) return null;
  if (!UUID.test(params.inboundEmailId) || !UUID.test(params.attachmentId)) return null;
  const scope = await heldScope(db, actor);
  const row = await db.attachment.findFirst({
    where: { id: params.attachmentId, inboundEmail: { is: { ...scope, id: params.inboundEmailId } } },
    select: { fileName: true, contentType: true, storageKey: true },
  });
  const data = row ? await storage.get(row.storageKey) : null;
  return row && data ? { fileName: row.fileName, contentType: row.contentType, size: data.length, data } : null;
}
