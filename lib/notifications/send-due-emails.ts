import "server-only";
import { db as defaultDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { MailSendError, mailTransportFor, type MailTransport } from "@/lib/integrations/mail";

/** After this many failed attempts a message is given up on (status `failed`). */
export const MAX_ATTEMPTS = 6;
/** First retry after 30 s, then 60 s, 120 s … (about 15 minutes in all). */
export const RETRY_BASE_MS = 30_000;
/** A message stays `sending` this long; if its worker died meanwhile, another worker takes it over. */
export const SENDING_LEASE_MS = 5 * 60_000;

export const retryDelayMs = (attempt: number) => RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1);

export type SendDueEmailsOptions = {
  db?: PrismaClient;
  transport?: MailTransport;
  from?: string;
  /** The clock; tests move it forward to reach a retry. */
  now?: Date;
  batchSize?: number;
};

export type SendDueEmailsResult = { claimed: number; delivered: number; retrying: number; failed: number };

type ClaimedMessage = { id: string; toAddress: string; replyTo: string | null; subject: string; textBody: string; htmlBody: string | null; attempts: number };

/**
 * Sends one batch of due outbox messages. Safe to run in many workers at once: a message is
 * claimed (queued → sending) by exactly one of them with FOR UPDATE SKIP LOCKED, and the
 * EmailMessage id travels as the provider's idempotency key, so a retry never sends twice.
 */
export async function sendDueEmails(options: SendDueEmailsOptions = {}): Promise<SendDueEmailsResult> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 50;
  const transport = options.transport ?? mailTransportFor(getEnv());
  const from = options.from ?? getEnv().EMAIL_FROM;
  const leaseUntil = new Date(now.getTime() + SENDING_LEASE_MS);

  // Due: queued (new or waiting for a retry), or `sending` whose lease ran out (crashed worker).
  // Timestamps are UTC without time zone; `::timestamp` keeps a parameter's UTC wall time.
  const claimed = await db.$queryRaw<ClaimedMessage[]>`
    UPDATE "EmailMessage" AS m
    SET "status" = 'sending', "attempts" = m."attempts" + 1, "nextAttemptAt" = ${leaseUntil}::timestamp
    FROM (
      SELECT "id" FROM "EmailMessage"
      WHERE "status" IN ('queued', 'sending') AND "nextAttemptAt" <= ${now}::timestamp
      ORDER BY "nextAttemptAt"
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE m."id" = due."id"
    RETURNING m."id", m."toAddress", m."replyTo", m."subject", m."textBody", m."htmlBody", m."attempts"`;

  const result: SendDueEmailsResult = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  for (const message of claimed) {
    try {
      const { providerId } = await transport.send({
        id: message.id,
        from,
        to: message.toAddress,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        subject: message.subject,
        text: message.textBody,
        ...(message.htmlBody ? { html: message.htmlBody } : {}),
      });
      await db.emailMessage.updateMany({
        where: { id: message.id, status: "sending" },
        data: { status: transport.deliveredStatus, providerId, sentAt: new Date(), lastError: null },
      });
      result.delivered++;
    } catch (error) {
      const permanent = error instanceof MailSendError && !error.retryable;
      const giveUp = permanent || message.attempts >= MAX_ATTEMPTS;
      await db.emailMessage.updateMany({
        where: { id: message.id, status: "sending" },
        data: {
          status: giveUp ? "failed" : "queued",
          lastError: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
        },
      });
      if (giveUp) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}
