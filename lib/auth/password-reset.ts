import "server-only";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { safeTimeZone } from "@/i18n/locales";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { notifySecurityEvent } from "@/lib/notifications/notify-security-event";
import { queueEmail } from "@/lib/notifications/queue-email";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import { sha256 } from "./crypto";
import type { RequestInfo } from "./login";
import { hashPassword, passwordProblem, type PasswordProblem } from "./password";
import { isThrottled, recordAttempt } from "./throttle";

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
/**
 * Every request for a reset link takes at least this long, whether or not the address has an
 * account: the answer and its timing must not tell which addresses are registered.
 */
export const RESET_REQUEST_MIN_MS = 350;

/** Throttle keys (lib/auth/throttle.ts): requests per address, and wrong links per IP. */
const requestKey = (email: string) => `reset:${email}`;
const linkKey = (ip: string) => `reset-link:${ip}`;

/**
 * Emails a single-use link to set a new password, when `emailInput` belongs to an active account
 * and neither the address nor the IP asked too often. The caller shows the same answer in every
 * case (no return value on purpose), and every call takes at least RESET_REQUEST_MIN_MS.
 */
export async function requestPasswordReset(
  emailInput: string,
  info: RequestInfo,
  opts: { now?: Date; minDurationMs?: number } = {},
): Promise<void> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const email = emailInput.trim().toLowerCase();
  try {
    await issueResetLink(email, info, now);
  } finally {
    const wait = (opts.minDurationMs ?? RESET_REQUEST_MIN_MS) - (Date.now() - started);
    if (wait > 0) await sleep(wait);
  }
}

async function issueResetLink(email: string, info: RequestInfo, now: Date): Promise<void> {
  if (await isThrottled(requestKey(email), info.ip, now)) {
    await recordAuditEvent({ action: "auth.password_reset.throttled", ip: info.ip, userAgent: info.userAgent, data: { email } });
    return;
  }
  // Every request counts towards the limits, also for unknown addresses.
  await recordAttempt(requestKey(email), info.ip, false);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, locale: true, timeZone: true, disabledAt: true } });
  if (!user || user.disabledAt) {
    await recordAuditEvent({ action: "auth.password_reset.requested", ip: info.ip, userAgent: info.userAgent, data: { email, known: false } });
    return;
  }

  // 32 random bytes: only its SHA-256 is stored, so a database dump holds no usable link.
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_TOKEN_TTL_MS);
  await db.$transaction(async (tx) => {
    // A new link replaces older ones that were not used.
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    const row = await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: sha256(token), expiresAt, ip: info.ip, createdAt: now } });
    const email = renderPasswordResetEmail({ recipient: user, token, expiresAt, appUrl: getEnv().APP_URL });
    await queueEmail(tx, { to: user.email, ...email, category: "security", userId: user.id, dedupeKey: `password-reset:${row.id}` });
    await recordAuditEvent(
      { action: "auth.password_reset.requested", actorUserId: user.id, targetType: "User", targetId: user.id, ip: info.ip, userAgent: info.userAgent, data: { email: user.email, known: true } },
      tx,
    );
  });
}

type LiveToken = { id: string; userId: string };

/** The unused, unexpired link of an active account for `token`, or null (unknown, used and expired look the same). */
async function findLiveToken(token: string, now: Date): Promise<LiveToken | null> {
  if (!token || token.length > 200) return null;
  return db.passwordResetToken.findFirst({
    where: { tokenHash: sha256(token), usedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
    select: { id: true, userId: true },
  });
}

/** For the page: whether to show the form or "this link is invalid or has expired". */
export async function isResetLinkValid(token: string, now = new Date()): Promise<boolean> {
  return (await findLiveToken(token, now)) !== null;
}

export type ResetPasswordResult = { ok: true } | { ok: false; reason: "invalid" | "throttled" | PasswordProblem };

/**
 * Sets a new password with a reset link: the link is used up, every session of the user ends, the
 * change is audited and the user is told by email. It signs nobody in: the user signs in afterwards
 * with the new password and, when enrolled, their second factor.
 */
export async function resetPasswordWithToken(token: string, password: string, info: RequestInfo, opts: { now?: Date } = {}): Promise<ResetPasswordResult> {
  const now = opts.now ?? new Date();
  if (await isThrottled(linkKey(info.ip), info.ip, now)) return { ok: false, reason: "throttled" };
  const live = await findLiveToken(token, now);
  if (!live) {
    await recordAttempt(linkKey(info.ip), info.ip, false);
    return { ok: false, reason: "invalid" };
  }
  const problem = passwordProblem(password);
  if (problem) return { ok: false, reason: problem };

  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    // Claimed with a conditional update, so of two racing requests exactly one sets the password.
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: live.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) return { ok: false, reason: "invalid" } as const;
    await tx.passwordResetToken.updateMany({ where: { userId: live.userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: live.userId }, data: { passwordHash, passwordChangedAt: now } });
    const ended = await tx.session.updateMany({ where: { userId: live.userId, revokedAt: null }, data: { revokedAt: now } });
    await recordAuditEvent(
      { action: "auth.password.reset", actorUserId: live.userId, targetType: "User", targetId: live.userId, ip: info.ip, userAgent: info.userAgent, data: { revokedSessions: ended.count } },
      tx,
    );
    await notifySecurityEvent(tx, { userId: live.userId, kind: "password_reset", ip: info.ip, userAgent: info.userAgent, at: now, dedupeKey: `password-reset:${live.id}:changed` });
    return { ok: true } as const;
  });
}

/** The email with the link, in the recipient's language, with the expiry time in their time zone. */
export function renderPasswordResetEmail(input: {
  recipient: { name: string; email: string; locale: string; timeZone: string };
  token: string;
  expiresAt: Date;
  appUrl: string;
}): { subject: string; text: string; html: string } {
  const { locale, t } = emailTranslator(input.recipient.locale);
  const url = `${input.appUrl.replace(/\/+$/, "")}/reset-password/${input.token}`;
  const time = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: safeTimeZone(input.recipient.timeZone),
    timeZoneName: "short",
  }).format(input.expiresAt);
  const blocks = [
    t("layout.greeting", { name: input.recipient.name }),
    t("passwordReset.body", { email: input.recipient.email }),
    url,
    t("passwordReset.expires", { minutes: RESET_TOKEN_TTL_MS / 60_000, time }),
    t("passwordReset.ifNotYou"),
    t("layout.signature"),
  ];
  const footer = t("layout.securityFooter");
  return {
    subject: t("passwordReset.subject"),
    text: [...blocks, "--", footer].join("\n\n"),
    html: renderEmailHtml({ locale, blocks, footer, links: [url] }),
  };
}
