import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { EmailStatus, Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, can } from "@/lib/auth/actor-types";
import type { CustomerPermission } from "@/lib/auth/permissions";
import type { RequestInfo } from "@/lib/auth/login";
import { type EmailCategory, queueEmail } from "@/lib/notifications/queue-email";

export const EMAIL_LOG_PAGE_SIZE = 25;
/** "Resend to me": at most this many copies per user per hour. */
export const RESEND_LIMIT = { max: 5, windowMs: 60 * 60 * 1000 } as const;

/**
 * Who sees which emails of the customer: a category's emails need the permission of what they are
 * about; announcements are for every contact; security and account emails are personal (each
 * user sees only their own), except that contacts.manage also sees the account emails (invitations)
 * of the customer's people.
 */
const CATEGORY_PERMISSION: Record<Exclude<EmailCategory, "security" | "account">, CustomerPermission | null> = {
  billing: "billing.view",
  services: "services.view",
  domains: "domains.view",
  support: "tickets.view",
  announcements: null,
};

function visibleTo(actor: CustomerActor): Prisma.EmailMessageWhereInput {
  const shared: string[] = Object.entries(CATEGORY_PERMISSION)
    .filter(([, permission]) => permission === null || can(actor, permission))
    .map(([category]) => category);
  if (can(actor, "contacts.manage")) shared.push("account");
  return {
    OR: [
      { customerId: actor.customerId, category: { in: shared } },
      // Security notices are sent to a user, not for a customer (customerId is empty).
      { userId: actor.userId, category: { in: ["security", "account"] }, OR: [{ customerId: null }, { customerId: actor.customerId }] },
    ],
  };
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * Links carrying a secret (password reset, invitation, confirmation tokens: long base64url path
 * segments) are cut from what the log shows and resends: reading the log must not hand anyone, a
 * staff member acting as the contact included, a live link. Ids (UUIDs) stay.
 */
export function redactSecretLinks(body: string): string {
  return body.replace(/\/([A-Za-z0-9_-]{32,})(?=$|[^A-Za-z0-9_-])/g, (match, segment: string) => (isUuid(segment) ? match : "/[…]"));
}

export type EmailLogEntry = { id: string; createdAt: Date; toAddress: string; subject: string; status: EmailStatus; category: string };

export async function listCustomerEmails(actor: CustomerActor, page: number): Promise<{ items: EmailLogEntry[]; page: number; pageCount: number; total: number }> {
  const where = visibleTo(actor);
  const total = await db.emailMessage.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / EMAIL_LOG_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const items = await db.emailMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * EMAIL_LOG_PAGE_SIZE,
    take: EMAIL_LOG_PAGE_SIZE,
    select: { id: true, createdAt: true, toAddress: true, subject: true, status: true, category: true },
  });
  return { items, page: current, pageCount, total };
}

export type EmailLogDetail = EmailLogEntry & { sentAt: Date | null; text: string };

/** One email the actor may see, with its text part (secret links cut); null: not found. */
export async function getCustomerEmail(actor: CustomerActor, id: string): Promise<EmailLogDetail | null> {
  if (!isUuid(id)) return null;
  const message = await db.emailMessage.findFirst({
    where: { AND: [{ id }, visibleTo(actor)] },
    select: { id: true, createdAt: true, sentAt: true, toAddress: true, subject: true, status: true, category: true, textBody: true },
  });
  if (!message) return null;
  const { textBody, ...rest } = message;
  return { ...rest, text: redactSecretLinks(textBody) };
}

export type ResendResult = { ok: true; id: string } | { ok: false; reason: "not_found" | "rate_limited" };

/** Queues a copy of an email the actor may see to the actor's own address (a new message with its own dedupe key). */
export async function resendEmailToMe(actor: CustomerActor, id: string, info?: RequestInfo, now = new Date()): Promise<ResendResult> {
  if (!isUuid(id)) return { ok: false, reason: "not_found" };
  return db.$transaction(async (tx) => {
    const original = await tx.emailMessage.findFirst({
      where: { AND: [{ id }, visibleTo(actor)] },
      select: { id: true, subject: true, textBody: true, htmlBody: true, category: true },
    });
    if (!original) return { ok: false, reason: "not_found" } as const;
    const recent = await tx.auditEvent.count({
      where: { actorUserId: actor.userId, action: "account.email.resent", createdAt: { gte: new Date(now.getTime() - RESEND_LIMIT.windowMs) } },
    });
    if (recent >= RESEND_LIMIT.max) return { ok: false, reason: "rate_limited" } as const;
    const copy = await queueEmail(tx, {
      to: actor.email,
      subject: original.subject,
      text: redactSecretLinks(original.textBody),
      html: original.htmlBody ? redactSecretLinks(original.htmlBody) : undefined,
      category: original.category as EmailCategory,
      customerId: actor.customerId,
      userId: actor.userId,
      dedupeKey: `resend:${original.id}:${actor.userId}:${randomUUID()}`,
    });
    await recordAuditEvent(
      {
        action: "account.email.resent",
        actorUserId: actor.userId,
        customerId: actor.customerId,
        targetType: "EmailMessage",
        targetId: original.id,
        ip: info?.ip,
        userAgent: info?.userAgent,
        data: { copyId: copy.id, to: actor.email },
      },
      tx,
    );
    return { ok: true, id: copy.id } as const;
  });
}
