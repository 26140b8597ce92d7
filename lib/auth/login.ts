import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { SESSION_MAX_AGE_SECONDS, type SessionStage } from "./config";
import { rememberBrowserAtLogin } from "./known-devices";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { hasSecondFactor, secondFactorSelect } from "./second-factor";
import { isThrottled, recordAttempt } from "./throttle";

export type RequestInfo = { ip: string; userAgent: string | null };

export type PasswordLoginResult =
  | { ok: true; sessionId: string; stage: SessionStage; staff: boolean }
  | { ok: false; reason: "invalid" | "throttled" };

const userForLogin = {
  id: true,
  email: true,
  passwordHash: true,
  disabledAt: true,
  ...secondFactorSelect,
  staffRoleId: true,
  memberships: { orderBy: { createdAt: "asc" }, select: { customerId: true, customer: { select: { requireTwoFactor: true } } } },
} as const;

type LoginUser = { totpEnabledAt: Date | null; webAuthnCredentials: readonly unknown[]; staffRoleId: string | null };

/** What a fresh session still needs: a challenge, an enrolment (staff, or required by the customer), or nothing. */
export function stageAfterPassword(user: LoginUser, activeCustomerRequires2fa: boolean): SessionStage {
  if (hasSecondFactor(user)) return "password";
  if (user.staffRoleId || activeCustomerRequires2fa) return "enrol";
  return "done";
}

export async function loginWithPassword(emailInput: string, password: string, info: RequestInfo): Promise<PasswordLoginResult> {
  const email = emailInput.trim().toLowerCase();
  if (await isThrottled(email, info.ip)) {
    await recordAuditEvent({ action: "auth.login.throttled", ip: info.ip, userAgent: info.userAgent, data: { email } });
    return { ok: false, reason: "throttled" };
  }
  const user = await db.user.findUnique({ where: { email }, select: userForLogin });
  // Unknown and disabled accounts take the same path and time as a wrong password.
  const valid = user && !user.disabledAt ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid || user.disabledAt) {
    await recordAttempt(email, info.ip, false, { userId: user?.id, userAgent: info.userAgent });
    await recordAuditEvent({ action: "auth.login.failed", actorUserId: user?.id, ip: info.ip, userAgent: info.userAgent, data: { email } });
    return { ok: false, reason: "invalid" };
  }

  const first = user.memberships[0];
  const stage = stageAfterPassword(user, first?.customer.requireTwoFactor ?? false);
  const session = await db.$transaction(async (tx) => {
    const created = await tx.session.create({
      data: {
        userId: user.id,
        expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
        twoFactorVerifiedAt: stage === "done" ? new Date() : null,
        activeCustomerId: first?.customerId ?? null,
        ip: info.ip,
        userAgent: info.userAgent?.slice(0, 500),
      },
    });
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await tx.loginAttempt.create({ data: { email, ip: info.ip, succeeded: true, userId: user.id, userAgent: info.userAgent?.slice(0, 500) } });
    // A browser not seen before for this user gets the "new sign-in" email (lib/auth/known-devices.ts).
    await rememberBrowserAtLogin(tx, { userId: user.id, sessionId: created.id, ip: info.ip, userAgent: info.userAgent });
    await recordAuditEvent(
      { action: "auth.login.succeeded", actorUserId: user.id, customerId: first?.customerId, ip: info.ip, userAgent: info.userAgent, data: { stage } },
      tx,
    );
    return created;
  });
  return { ok: true, sessionId: session.id, stage, staff: Boolean(user.staffRoleId) };
}

/** Ends one session (logout or revoke). Returns false when it was not live. */
export async function revokeSession(sessionId: string, userId: string): Promise<boolean> {
  const revoked = await db.session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return revoked.count === 1;
}
