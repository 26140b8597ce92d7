import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { RequestInfo } from "./login";
import { hashPassword, passwordProblem, type PasswordProblem, verifyPassword } from "./password";
import { queueSecurityChangeEmail } from "./security-emails";

export type ChangePasswordResult = { ok: true; revokedSessions: number } | { ok: false; reason: "wrong_current" | PasswordProblem };

/**
 * Sets a new password and ends every other session of the user on their next request
 * (the current one, if given, stays signed in) — unless `signOutOthers` is false, when the user
 * chose on the security page to stay signed in elsewhere.
 */
export async function changePassword(
  userId: string,
  current: string,
  next: string,
  opts: { keepSessionId?: string; info?: RequestInfo; signOutOthers?: boolean } = {},
): Promise<ChangePasswordResult> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, current))) return { ok: false, reason: "wrong_current" };
  const problem = passwordProblem(next);
  if (problem) return { ok: false, reason: problem };
  const passwordHash = await hashPassword(next);
  const revoked = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    const signOutOthers = opts.signOutOthers ?? true;
    const ended = signOutOthers
      ? await tx.session.updateMany({
          where: { userId, revokedAt: null, ...(opts.keepSessionId ? { id: { not: opts.keepSessionId } } : {}) },
          data: { revokedAt: new Date() },
        })
      : { count: 0 };
    await recordAuditEvent({ action: "auth.password.changed", actorUserId: userId, ip: opts.info?.ip, userAgent: opts.info?.userAgent, data: { revokedSessions: ended.count } }, tx);
    await queueSecurityChangeEmail(tx, { userId, change: signOutOthers ? "password_changed" : "password_changed_sessions_kept", ip: opts.info?.ip, userAgent: opts.info?.userAgent });
    return ended.count;
  });
  return { ok: true, revokedSessions: revoked };
}
