import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";

export type EmailCategory = "security" | "account" | "billing" | "support" | "services" | "domains" | "announcements";

export type QueueEmailInput = {
  to: string;
  /** Reply-To, e.g. a ticket's routing address. */
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  category: EmailCategory;
  customerId?: string | null;
  userId?: string | null;
  /** One email per event: a second call with the same key does nothing (e.g. "invoice:<id>:issued:<userId>"). */
  dedupeKey?: string;
};

/**
 * Writes an email to the EmailMessage outbox. Pass the transaction of the change that causes the
 * email, so both commit or neither does; the worker sends it afterwards (lib/notifications/send-due-emails.ts).
 * Returns the message id and whether a new row was written (false: the dedupeKey was already used).
 */
export async function queueEmail(tx: Prisma.TransactionClient, input: QueueEmailInput): Promise<{ id: string; queued: boolean }> {
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(input.to)) throw new Error(`queueEmail: "${input.to}" is not an email address`);
  const id = randomUUID();
  // ON CONFLICT DO NOTHING rather than catching P2002: a failed INSERT would abort the caller's transaction.
  const { count } = await tx.emailMessage.createMany({
    data: [
      {
        id,
        toAddress: input.to,
        replyTo: input.replyTo ?? null,
        subject: input.subject,
        textBody: input.text,
        htmlBody: input.html ?? null,
        category: input.category,
        customerId: input.customerId ?? null,
        userId: input.userId ?? null,
        dedupeKey: input.dedupeKey ?? null,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 1) return { id, queued: true };
  const existing = await tx.emailMessage.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey }, select: { id: true } });
  return { id: existing.id, queued: false };
}
