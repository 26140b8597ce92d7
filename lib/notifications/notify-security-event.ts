import "server-only";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { queueEmail } from "./queue-email";
import { renderSecurityEmail, type SecurityEventKind } from "./render-security-email";

export type SecurityEvent = {
  userId: string;
  kind: SecurityEventKind;
  ip?: string | null;
  userAgent?: string | null;
  at?: Date;
  /** Optional: makes the notice idempotent for one event (e.g. `new_login:<sessionId>`). */
  dedupeKey?: string;
};

/**
 * Queues the security notice for `kind` to the user, in their language, inside the caller's
 * transaction. Returns null when the user does not exist.
 */
export async function notifySecurityEvent(tx: Prisma.TransactionClient, event: SecurityEvent): Promise<{ id: string; queued: boolean } | null> {
  const user = await tx.user.findUnique({ where: { id: event.userId }, select: { email: true, name: true, locale: true, timeZone: true } });
  if (!user) return null;
  const email = renderSecurityEmail({
    kind: event.kind,
    recipient: user,
    at: event.at ?? new Date(),
    ip: event.ip,
    userAgent: event.userAgent,
    appUrl: getEnv().APP_URL,
  });
  return queueEmail(tx, {
    to: user.email,
    subject: email.subject,
    text: email.text,
    html: email.html,
    category: "security",
    userId: event.userId,
    dedupeKey: event.dedupeKey,
  });
}
