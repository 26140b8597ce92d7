import "server-only";
import { randomBytes } from "node:crypto";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sha256 } from "@/lib/auth/crypto";
import { verifyPassword } from "@/lib/auth/password";
import { isThrottled, recordAttempt } from "@/lib/auth/throttle";
import { consumeTotpCode } from "@/lib/auth/totp";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { queueEmail } from "@/lib/notifications";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import { ProfileError, type RequestMeta } from "./profile";
import { emailChangeSchema } from "./profile-schemas";

// Changing the login email (issue 7): the user confirms with their password (or a 2FA code) in
// the same request; a link valid for 24 hours and usable once goes to the new address (only its
// hash is stored); the old address is told at once; the email changes only when the link is opened.

export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;

type Recipient = { name: string; email: string; locale: string };

function renderNotice(kind: "confirm" | "requested" | "changed", recipient: Recipient, values: { newEmail: string; oldEmail: string; url?: string }) {
  const { locale, t } = emailTranslator(recipient.locale);
  const securityUrl = `${getEnv().APP_URL}/account/security`;
  const blocks = [
    t("layout.greeting", { name: recipient.name }),
    t(`emailChange.${kind}.body`, { newEmail: values.newEmail, oldEmail: values.oldEmail }),
    ...(values.url ? [values.url, t("emailChange.confirm.expires")] : [t("security.ifNotYou", { url: securityUrl })]),
    t("layout.signature"),
  ];
  const footer = t("layout.securityFooter");
  return {
    subject: t(`emailChange.${kind}.subject`),
    text: [...blocks, "--", footer].join("\n\n"),
    html: renderEmailHtml({ locale, blocks, footer, links: [values.url ?? securityUrl] }),
  };
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Starts a change of the login email. Refused while a staff member impersonates the user, with a
 * wrong password or code (audited, throttled like sign-in), and for an address another login has.
 * Returns the token only for tests; the page never shows it.
 */
export async function requestEmailChange(actor: CustomerActor, input: unknown, meta: RequestMeta = {}, now = new Date()): Promise<{ id: string; token: string }> {
  if (actor.impersonator) throw new ProfileError("errors.impersonating");
  const parsed = emailChangeSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProfileError(issue?.message ?? "errors.invalid", issue?.path.join("."));
  }
  const { newEmail, password, code } = parsed.data;
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, name: true, locale: true, passwordHash: true, totpEnabledAt: true } });
  if (newEmail === user.email) throw new ProfileError("errors.sameEmail", "newEmail");

  const throttleKey = `email-change:${actor.userId}`;
  const ip = meta.ip ?? "unknown";
  if (await isThrottled(throttleKey, ip, now)) throw new ProfileError("errors.throttled", code ? "code" : "password");
  const confirmed = code && user.totpEnabledAt ? await consumeTotpCode(actor.userId, code) : password ? await verifyPassword(user.passwordHash, password) : false;
  if (!confirmed) {
    await recordAttempt(throttleKey, ip, false);
    await recordAuditEvent({ action: "account.email_change.refused", actorUserId: actor.userId, customerId: actor.customerId, targetType: "user", targetId: actor.userId, ip: meta.ip, userAgent: meta.userAgent });
    throw new ProfileError(code ? "errors.wrongCode" : "errors.wrongPassword", code ? "code" : "password");
  }
  if (await db.user.findUnique({ where: { email: newEmail }, select: { id: true } })) throw new ProfileError("errors.emailTaken", "newEmail");

  const token = randomBytes(32).toString("base64url");
  return db.$transaction(async (tx) => {
    // A newer request replaces the older ones: only the latest link works.
    await tx.emailChangeRequest.updateMany({ where: { userId: actor.userId, confirmedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const request = await tx.emailChangeRequest.create({ data: { userId: actor.userId, newEmail, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS) } });
    const url = `${getEnv().APP_URL}/account/profile/confirm-email/${token}`;
    const values = { newEmail, oldEmail: user.email };
    const confirm = renderNotice("confirm", { ...user, email: newEmail }, { ...values, url });
    await queueEmail(tx, { to: newEmail, subject: confirm.subject, text: confirm.text, html: confirm.html, category: "security", userId: actor.userId, dedupeKey: `email-change:${request.id}:confirm` });
    const told = renderNotice("requested", user, values);
    await queueEmail(tx, { to: user.email, subject: told.subject, text: told.text, html: told.html, category: "security", userId: actor.userId, dedupeKey: `email-change:${request.id}:requested` });
    await recordAuditEvent({ action: "account.email_change.requested", actorUserId: actor.userId, customerId: actor.customerId, targetType: "user", targetId: actor.userId, data: { changes: { email: { from: user.email, to: newEmail } } }, ip: meta.ip, userAgent: meta.userAgent }, tx);
    return { id: request.id, token };
  });
}

export type EmailChangeLink = { state: "ready"; newEmail: string } | { state: "invalid" | "expired" | "used" };

async function findLink(actor: CustomerActor, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  // Another user's link is "invalid": the token says nothing to someone else's session.
  return db.emailChangeRequest.findFirst({ where: { tokenHash: sha256(token), userId: actor.userId }, select: { id: true, newEmail: true, expiresAt: true, confirmedAt: true } });
}

/** What the confirmation page shows for a link, without using it (mail scanners open links too). */
export async function inspectEmailChange(actor: CustomerActor, token: string, now = new Date()): Promise<EmailChangeLink> {
  const request = await findLink(actor, token);
  if (!request) return { state: "invalid" };
  if (request.confirmedAt) return { state: "used" };
  if (request.expiresAt <= now) return { state: "expired" };
  return { state: "ready", newEmail: request.newEmail };
}

/** Uses the link: the login email becomes the new address, once; the old address is told. */
export async function confirmEmailChange(actor: CustomerActor, token: string, meta: RequestMeta = {}, now = new Date()): Promise<{ email: string }> {
  if (actor.impersonator) throw new ProfileError("errors.impersonating");
  const request = await findLink(actor, token);
  if (!request) throw new ProfileError("errors.tokenInvalid");
  if (request.confirmedAt) throw new ProfileError("errors.tokenUsed");
  if (request.expiresAt <= now) throw new ProfileError("errors.tokenExpired");
  try {
    return await db.$transaction(async (tx) => {
      // Conditional: of two clicks at once, one wins.
      const { count } = await tx.emailChangeRequest.updateMany({ where: { id: request.id, confirmedAt: null, expiresAt: { gt: now } }, data: { confirmedAt: now } });
      if (count !== 1) throw new ProfileError("errors.tokenUsed");
      const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, name: true, locale: true } });
      if (await tx.user.findFirst({ where: { email: request.newEmail, id: { not: actor.userId } }, select: { id: true } })) throw new ProfileError("errors.emailTaken");
      await tx.user.update({ where: { id: actor.userId }, data: { email: request.newEmail } });
      await tx.emailChangeRequest.updateMany({ where: { userId: actor.userId, confirmedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
      const told = renderNotice("changed", user, { newEmail: request.newEmail, oldEmail: user.email });
      await queueEmail(tx, { to: user.email, subject: told.subject, text: told.text, html: told.html, category: "security", userId: actor.userId, dedupeKey: `email-change:${request.id}:changed` });
      await recordAuditEvent({ action: "account.email.changed", actorUserId: actor.userId, customerId: actor.customerId, targetType: "user", targetId: actor.userId, data: { changes: { email: { from: user.email, to: request.newEmail } } }, ip: meta.ip, userAgent: meta.userAgent }, tx);
      return { email: request.newEmail };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ProfileError("errors.emailTaken");
    throw error;
  }
}
