import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "./actor-types";
import { changePassword } from "./change-password";
import { assertNotImpersonating } from "./impersonation";
import type { RequestInfo } from "./login";
import { queueSecurityChangeEmail } from "./security-emails";
import type { ChangePasswordInput } from "./security-schemas";
import { isThrottled, recordAttempt } from "./throttle";
import { browserAndSystem, describeUserAgent } from "./user-agent";

// The user's own sessions and sign-in history on /account/security. Everything here is keyed by
// the actor's user id (sessions and logins belong to a person, not to a customer), so another
// user's session id simply matches nothing.

/** How far back the login history goes. */
export const LOGIN_HISTORY_DAYS = 90;
export const LOGIN_HISTORY_PAGE_SIZE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

const customerOf = (actor: Actor) => (actor.kind === "customer" ? actor.customerId : null);
// Wrong current passwords on the change form count against this key (not the login's), per user.
const reverifyKey = (userId: string) => `password-change:${userId}`;

export type ChangeOwnPasswordResult =
  | { ok: true; signedOut: number }
  | { ok: false; field: "currentPassword" | "newPassword"; error: "errors.wrongCurrent" | "errors.throttled" | "errors.passwordShort" | "errors.passwordLong" | "errors.passwordCommon" };

/** The password form: the current password (throttled per user), the policy, and optionally the other sessions signed out. */
export async function changeOwnPassword(actor: Actor, input: ChangePasswordInput, info: RequestInfo): Promise<ChangeOwnPasswordResult> {
  assertNotImpersonating(actor);
  const key = reverifyKey(actor.userId);
  if (await isThrottled(key, info.ip)) return { ok: false, field: "currentPassword", error: "errors.throttled" };
  const result = await changePassword(actor.userId, input.currentPassword, input.newPassword, { keepSessionId: actor.sessionId, info, signOutOthers: input.signOutOthers });
  if (result.ok) return { ok: true, signedOut: result.revokedSessions };
  switch (result.reason) {
    case "wrong_current":
      await recordAttempt(key, info.ip, false);
      return { ok: false, field: "currentPassword", error: "errors.wrongCurrent" };
    case "too_short":
      return { ok: false, field: "newPassword", error: "errors.passwordShort" };
    case "too_long":
      return { ok: false, field: "newPassword", error: "errors.passwordLong" };
    case "too_common":
      return { ok: false, field: "newPassword", error: "errors.passwordCommon" };
  }
}

export type SessionRow = {
  id: string;
  /** "Chrome 131 on Windows" (English, for labels), or null when the browser is not recognised. */
  device: string | null;
  /** "Chrome 131" and "Windows", for the page to put into its language. */
  browser: string | null;
  os: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
  /** Signed in with the password but the second factor is still missing. */
  pendingSecondFactor: boolean;
  /** A staff member's impersonation session (support acting as this user). */
  staffSupport: boolean;
};

/** The user's live sessions (not revoked, not expired), this one first, then by last activity. */
export async function listOwnSessions(actor: Actor, now = new Date()): Promise<SessionRow[]> {
  const rows = await db.session.findMany({
    where: { userId: actor.userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    take: 100,
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true, twoFactorVerifiedAt: true, impersonatorUserId: true },
  });
  return rows
    .map((row) => {
      return {
        id: row.id,
        device: describeUserAgent(row.userAgent),
        ...browserAndSystem(row.userAgent),
        ip: row.ip,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        current: row.id === actor.sessionId,
        pendingSecondFactor: row.twoFactorVerifiedAt === null,
        staffSupport: row.impersonatorUserId !== null,
      };
    })
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export type SignOutResult = { ok: true } | { ok: false; reason: "not_found" | "current" };

/**
 * Signs out one other session of the user: it is refused on its next request (the session row is
 * checked on every request). Another user's session id, a revoked or an expired one is "not found".
 */
export async function signOutSession(actor: Actor, sessionId: string, info: RequestInfo, now = new Date()): Promise<SignOutResult> {
  assertNotImpersonating(actor);
  if (sessionId === actor.sessionId) return { ok: false, reason: "current" };
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: sessionId, userId: actor.userId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
    if (count === 0) return { ok: false, reason: "not_found" } as const;
    await recordAuditEvent(
      { action: "auth.session.revoked", actorUserId: actor.userId, customerId: customerOf(actor), targetType: "session", targetId: sessionId, ip: info.ip, userAgent: info.userAgent, data: { by: "security_page" } },
      tx,
    );
    await queueSecurityChangeEmail(tx, { userId: actor.userId, change: "session_signed_out", ip: info.ip, userAgent: info.userAgent, at: now });
    return { ok: true } as const;
  });
}

/** "Sign out everywhere else": every live session of the user but this one. Returns how many ended. */
export async function signOutOtherSessions(actor: Actor, info: RequestInfo, now = new Date()): Promise<{ signedOut: number }> {
  assertNotImpersonating(actor);
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { userId: actor.userId, revokedAt: null, expiresAt: { gt: now }, id: { not: actor.sessionId } },
      data: { revokedAt: now },
    });
    if (count > 0) {
      await recordAuditEvent(
        { action: "auth.sessions.revoked_others", actorUserId: actor.userId, customerId: customerOf(actor), ip: info.ip, userAgent: info.userAgent, data: { signedOut: count } },
        tx,
      );
      await queueSecurityChangeEmail(tx, { userId: actor.userId, change: "sessions_signed_out", ip: info.ip, userAgent: info.userAgent, at: now });
    }
    return { signedOut: count };
  });
}

export type LoginHistoryRow = { id: string; succeeded: boolean; ip: string; browser: string | null; os: string | null; at: Date };

/** Sign-in attempts on the user's account (success and failure) in the last 90 days, newest first. */
export async function loginHistory(actor: Actor, page = 1, now = new Date()): Promise<{ rows: LoginHistoryRow[]; page: number; pageCount: number; total: number }> {
  const where = { userId: actor.userId, createdAt: { gte: new Date(now.getTime() - LOGIN_HISTORY_DAYS * DAY_MS) } };
  const total = await db.loginAttempt.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / LOGIN_HISTORY_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await db.loginAttempt.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * LOGIN_HISTORY_PAGE_SIZE,
    take: LOGIN_HISTORY_PAGE_SIZE,
    select: { id: true, succeeded: true, ip: true, userAgent: true, createdAt: true },
  });
  return {
    rows: rows.map((r) => ({ id: r.id.toString(), succeeded: r.succeeded, ip: r.ip, ...browserAndSystem(r.userAgent), at: r.createdAt })),
    page: current,
    pageCount,
    total,
  };
}
