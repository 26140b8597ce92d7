import "server-only";
import { db } from "@/lib/db";
import { type AuditAction, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifySecurityEvent } from "@/lib/notifications/notify-security-event";
import type { Actor, CustomerActor } from "./actor-types";
import { encryptSecret } from "./crypto";
import type { RequestInfo } from "./login";
import { consumeRecoveryCode, issueRecoveryCodes } from "./recovery-codes";
import { queueSecurityChangeEmail } from "./security-emails";
import { PermissionDenied } from "./errors";
import { isThrottled, recordAttempt } from "./throttle";
import { consumeTotpCode, matchingStep, pendingTotpSecret } from "./totp";
import { assertNotImpersonating } from "./impersonation";

export type ChallengeResult = { ok: true; usedRecoveryCode: boolean } | { ok: false; reason: "invalid" | "throttled" };

/** Failed second-factor attempts (codes and security keys) count against this key. */
export const twoFactorThrottleKey = (userId: string) => `2fa:${userId}`;

/** Second step of a login: a TOTP code (never twice) or a single-use recovery code. */
export async function passTwoFactorChallenge(session: { sessionId: string; userId: string }, code: string, info: RequestInfo): Promise<ChallengeResult> {
  const key = twoFactorThrottleKey(session.userId);
  if (await isThrottled(key, info.ip)) return { ok: false, reason: "throttled" };
  const isTotp = /^\d{3}\s?\d{3}$/.test(code.trim());
  const passed = isTotp ? await consumeTotpCode(session.userId, code) : await consumeRecoveryCode(session.userId, code);
  if (!passed) {
    await recordAttempt(key, info.ip, false);
    await recordAuditEvent({ action: "auth.2fa.challenge.failed", actorUserId: session.userId, ip: info.ip, userAgent: info.userAgent });
    return { ok: false, reason: "invalid" };
  }
  await db.$transaction((tx) => markSecondFactorPassed(tx, session, isTotp ? "auth.2fa.challenge.succeeded" : "auth.2fa.recovery_code.used", info));
  return { ok: true, usedRecoveryCode: !isTotp };
}

/** The session has passed its second factor (a TOTP code, a recovery code or a security key, lib/auth/webauthn.ts). */
export async function markSecondFactorPassed(
  tx: Prisma.TransactionClient,
  session: { sessionId: string; userId: string },
  action: AuditAction,
  info: RequestInfo,
  data?: Prisma.InputJsonValue,
): Promise<void> {
  const now = new Date();
  await tx.session.update({ where: { id: session.sessionId }, data: { twoFactorVerifiedAt: now, reauthenticatedAt: now } });
  await recordAuditEvent({ action, actorUserId: session.userId, ip: info.ip, userAgent: info.userAgent, data }, tx);
}

export type EnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: "invalid" | "no_pending" | "already_enabled" };

/** Confirms the pending secret with a code: turns TOTP on, issues recovery codes, verifies this session. */
export async function confirmTotpEnrolment(session: { sessionId: string; userId: string }, code: string, info: RequestInfo): Promise<EnrolmentResult> {
  const user = await db.user.findUnique({ where: { id: session.userId }, select: { totpEnabledAt: true } });
  if (user?.totpEnabledAt) return { ok: false, reason: "already_enabled" };
  const secret = await pendingTotpSecret(session.userId);
  if (!secret) return { ok: false, reason: "no_pending" };
  const step = matchingStep(secret, code);
  if (step === null) return { ok: false, reason: "invalid" };
  const recoveryCodes = await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({
      where: { id: session.userId },
      data: { totpSecretEnc: encryptSecret(secret), totpPendingSecretEnc: null, totpEnabledAt: now, totpLastStep: BigInt(step) },
    });
    await tx.session.update({ where: { id: session.sessionId }, data: { twoFactorVerifiedAt: now, reauthenticatedAt: now } });
    const codes = await issueRecoveryCodes(session.userId, tx);
    await recordAuditEvent({ action: "auth.2fa.enrolled", actorUserId: session.userId, ip: info.ip, userAgent: info.userAgent }, tx);
    await notifySecurityEvent(tx, { userId: session.userId, kind: "2fa_enabled", ip: info.ip, userAgent: info.userAgent });
    return codes;
  });
  return { ok: true, recoveryCodes };
}

/** Staff and contacts of a customer that requires 2FA may not turn it off. */
export function mayDisableTwoFactor(actor: Actor, customerRequires2fa: boolean): boolean {
  return actor.kind === "customer" && !customerRequires2fa;
}

export async function disableTwoFactor(actor: CustomerActor, code: string, info: RequestInfo): Promise<{ ok: boolean; reason?: "invalid" | "not_allowed" }> {
  assertNotImpersonating(actor);
  const customer = await db.customer.findUnique({ where: { id: actor.customerId }, select: { requireTwoFactor: true } });
  if (!mayDisableTwoFactor(actor, customer?.requireTwoFactor ?? false)) return { ok: false, reason: "not_allowed" };
  if (!(await consumeTotpCode(actor.userId, code))) return { ok: false, reason: "invalid" };
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { totpSecretEnc: null, totpPendingSecretEnc: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await recordAuditEvent({ action: "auth.2fa.disabled", actorUserId: actor.userId, customerId: actor.customerId, ip: info.ip, userAgent: info.userAgent }, tx);
    await notifySecurityEvent(tx, { userId: actor.userId, kind: "2fa_disabled", ip: info.ip, userAgent: info.userAgent });
  });
  return { ok: true };
}

export async function regenerateRecoveryCodes(actor: Actor, code: string, info: RequestInfo): Promise<{ ok: true; codes: string[] } | { ok: false }> {
  assertNotImpersonating(actor);
  if (!(await consumeTotpCode(actor.userId, code))) return { ok: false };
  const codes = await db.$transaction(async (tx) => {
    const fresh = await issueRecoveryCodes(actor.userId, tx);
    await recordAuditEvent(
      { action: "auth.2fa.recovery_codes.regenerated", actorUserId: actor.userId, customerId: actor.kind === "customer" ? actor.customerId : null, ip: info.ip, userAgent: info.userAgent },
      tx,
    );
    await queueSecurityChangeEmail(tx, { userId: actor.userId, change: "recovery_codes_regenerated", ip: info.ip, userAgent: info.userAgent });
    return fresh;
  });
  return { ok: true, codes };
}

/**
 * An owner (account.manage) makes a second factor mandatory for every contact of the customer.
 * Only an owner who uses 2FA may turn it on, or they would lock themselves into enrolment.
 */
export async function setCustomerTwoFactorRequirement(actor: CustomerActor, required: boolean, info: RequestInfo): Promise<{ ok: true } | { ok: false; reason: "own_2fa_first" }> {
  assertNotImpersonating(actor);
  if (!actor.isOwner || !actor.permissions.has("account.manage")) throw new PermissionDenied("account.manage");
  if (required && !actor.twoFactorEnabled) return { ok: false, reason: "own_2fa_first" };
  await db.$transaction(async (tx) => {
    await tx.customer.update({ where: { id: actor.customerId }, data: { requireTwoFactor: required } });
    await recordAuditEvent(
      { action: "account.2fa_requirement.changed", actorUserId: actor.userId, customerId: actor.customerId, ip: info.ip, userAgent: info.userAgent, data: { required } },
      tx,
    );
  });
  return { ok: true };
}
