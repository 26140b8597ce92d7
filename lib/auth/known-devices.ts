import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifySecurityEvent } from "@/lib/notifications/notify-security-event";
import { deviceLabel } from "./security-emails";
import { normalisedBrowserKey } from "./user-agent";

/** KnownDevice.fingerprint: sha256 of the browser and system without version ("chrome|windows"), hex. */
export function browserFingerprint(userAgent: string | null | undefined): string {
  return createHash("sha256").update(normalisedBrowserKey(userAgent)).digest("hex");
}

/**
 * Remembers the browser of a successful sign-in and emails the user when it is one not seen before.
 * The first browser a user ever signs in with is only remembered: there is nothing to compare it
 * with, and every existing user would otherwise get a "new sign-in" email on their next login.
 * Runs in the login's transaction; the email's dedupe key is the session, so a retry sends one.
 */
export async function rememberBrowserAtLogin(
  tx: Prisma.TransactionClient,
  input: { userId: string; sessionId: string; ip: string; userAgent: string | null; now?: Date },
): Promise<{ newBrowser: boolean; emailed: boolean }> {
  const now = input.now ?? new Date();
  const fingerprint = browserFingerprint(input.userAgent);
  const hadAny = (await tx.knownDevice.count({ where: { userId: input.userId } })) > 0;
  // ON CONFLICT DO NOTHING: two sign-ins from one new browser at once count it new only once.
  const { count } = await tx.knownDevice.createMany({ data: [{ userId: input.userId, fingerprint, firstSeenAt: now, lastSeenAt: now }], skipDuplicates: true });
  if (count === 0) {
    await tx.knownDevice.update({ where: { userId_fingerprint: { userId: input.userId, fingerprint } }, data: { lastSeenAt: now } });
    return { newBrowser: false, emailed: false };
  }
  if (!hadAny) return { newBrowser: true, emailed: false };
  await notifySecurityEvent(tx, {
    userId: input.userId,
    kind: "new_login",
    ip: input.ip,
    userAgent: deviceLabel(input.userAgent),
    at: now,
    dedupeKey: `new_login:${input.sessionId}`,
  });
  return { newBrowser: true, emailed: true };
}
