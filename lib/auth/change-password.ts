import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { notifySecurityEvent } from "@/lib/notifications/notify-security-event";
import type { RequestInfo } from "./login";
import { hashPassword, passwordProblem, type PasswordProblem, verifyPassword } from "./password";

export type ChangePasswordResult = { ok: true; revokedSessions: number } | { ok: false; reason: "wrong_current" | PasswordProblem };

/**
 * Sets a new password and ends every other session of the user on their next request
 * (the current one, if given, stays signed in).
 */
export async function changePassword(
  userId: string,
  current: string,
  next: string,
  opts: { keepSessionId?: string; info?: RequestInfo } = {},
): Promise<ChangePasswordResult> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, current))) return { ok: false, reason: "wrong_current" };
  const problem = passwordProblem(next);
  if (problem) return { ok: false, reason: problem };
  const passwordHash = await hashPassword(next);
  const revoked = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    const ended = await tx.session.updateMany({
      where: { userId, revokedAt: null, ...(opts.keepSessionId ? { id: { not: opts.keepSessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    await recordAuditEvent({ action: "auth.password.changed", actorUserId: userId, ip: opts.info?.ip, userAgent: opts.info?.userAgent, data: { revokedSessions: ended.count } }, tx);
    await notifySecurityEvent(tx, { userId, kind: "password_changed", ip: opts.info?.ip, userAgent: opts.info?.userAgent });
    return ended.count;
  });
  return { ok: true, revokedSessions: revoked };
}
