import "server-only";
import {
  type VerifyAuthenticationResponseOpts,
  type VerifyRegistrationResponseOpts,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor-types";
import { assertNotImpersonating } from "./impersonation";
import type { RequestInfo } from "./login";
import { verifyPassword } from "./password";
import {
  authenticationResponseSchema,
  registerSecurityKeySchema,
  removeSecurityKeySchema,
  securityKeyNameSchema,
} from "./security-key-schemas";
import { queueSecurityChangeEmail } from "./security-emails";
import { isThrottled, recordAttempt } from "./throttle";
import { markSecondFactorPassed, twoFactorThrottleKey } from "./two-factor";

// WebAuthn security keys (U2F/FIDO2) as a second factor, with @simplewebauthn/server 9.
// Every ceremony starts with a challenge stored in WebAuthnChallenge: tied to the session that asked,
// valid for five minutes, deleted when used (a replayed response finds nothing to match).

export const CHALLENGE_TTL_MS = 5 * 60_000;
/** More keys than anyone carries; stops a session from filling the table. */
export const MAX_SECURITY_KEYS = 10;

type Purpose = "register" | "authenticate";
type Transport = NonNullable<VerifyAuthenticationResponseOpts["authenticator"]["transports"]>[number];
type SessionRef = { sessionId: string; userId: string };

/**
 * The relying party: Portico's host and origin, from APP_URL. Browsers refuse an IP address as an
 * RP ID, so a loopback APP_URL (development, the browser tests) is served to WebAuthn as localhost.
 */
export function relyingParty(appUrl = getEnv().APP_URL): { rpID: string; origin: string; rpName: string } {
  const url = new URL(appUrl);
  if (url.hostname === "127.0.0.1" || url.hostname === "[::1]") url.hostname = "localhost";
  return { rpID: url.hostname, origin: url.origin, rpName: "Portico" };
}

async function storeChallenge(sessionId: string, purpose: Purpose, challenge: string, now = new Date()): Promise<void> {
  await db.$transaction([
    // Only the newest challenge of a session and purpose is valid; expired ones of anyone go too.
    db.webAuthnChallenge.deleteMany({ where: { OR: [{ sessionId, purpose }, { expiresAt: { lte: now } }] } }),
    db.webAuthnChallenge.create({ data: { sessionId, purpose, challenge, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) } }),
  ]);
}

/** True once: deleting the row is the check, so two racing responses cannot both use it. */
async function consumeChallenge(sessionId: string, purpose: Purpose, challenge: string): Promise<boolean> {
  const { count } = await db.webAuthnChallenge.deleteMany({ where: { sessionId, purpose, challenge, expiresAt: { gt: new Date() } } });
  return count === 1;
}

const descriptor = (key: { credentialId: string; transports: string[] }) => ({
  id: isoBase64URL.toBuffer(key.credentialId),
  type: "public-key" as const,
  transports: key.transports as Transport[],
});

const customerIdOf = (actor: Actor) => (actor.kind === "customer" ? actor.customerId : null);

export type SecurityKeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

/** The actor's own security keys, oldest first (never the public key or the credential id). */
export async function listSecurityKeys(actor: Actor): Promise<SecurityKeySummary[]> {
  return db.webAuthnCredential.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  });
}

export async function countSecurityKeys(userId: string): Promise<number> {
  return db.webAuthnCredential.count({ where: { userId } });
}

async function nameTaken(client: Pick<Prisma.TransactionClient, "webAuthnCredential">, userId: string, name: string): Promise<boolean> {
  return (await client.webAuthnCredential.count({ where: { userId, name: { equals: name, mode: "insensitive" } } })) > 0;
}

export type RegistrationOptionsResult =
  | { ok: true; options: Awaited<ReturnType<typeof generateRegistrationOptions>> }
  | { ok: false; reason: "name_taken" | "too_many" };

/**
 * Step 1 of adding a key: the options for navigator.credentials.create(). The name is checked now,
 * so nobody touches their key only to be told the name is taken.
 */
export async function securityKeyRegistrationOptions(actor: Actor, input: unknown): Promise<RegistrationOptionsResult> {
  assertNotImpersonating(actor);
  const { name } = securityKeyNameSchema.parse(input);
  const existing = await db.webAuthnCredential.findMany({ where: { userId: actor.userId }, select: { credentialId: true, transports: true, name: true } });
  if (existing.length >= MAX_SECURITY_KEYS) return { ok: false, reason: "too_many" };
  if (existing.some((k) => k.name.toLowerCase() === name.toLowerCase())) return { ok: false, reason: "name_taken" };
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userID: actor.userId,
    userName: actor.email,
    userDisplayName: actor.name,
    timeout: CHALLENGE_TTL_MS,
    attestationType: "none",
    excludeCredentials: existing.map(descriptor),
    // A second factor next to the password, not a passkey: nothing needs to live on the key.
    authenticatorSelection: { residentKey: "discouraged", requireResidentKey: false, userVerification: "preferred" },
  });
  await storeChallenge(actor.sessionId, "register", options.challenge);
  return { ok: true, options };
}

export type RegisterResult = { ok: true; id: string } | { ok: false; reason: "invalid" | "name_taken" | "too_many" };

/** Step 2: verifies the authenticator's answer to this session's challenge and stores the key. */
export async function registerSecurityKey(actor: Actor, input: unknown, info: RequestInfo): Promise<RegisterResult> {
  assertNotImpersonating(actor);
  const { name, response } = registerSecurityKeySchema.parse(input);
  const rp = relyingParty();
  let registration: Awaited<ReturnType<typeof verifyRegistrationResponse>> | null;
  try {
    registration = await verifyRegistrationResponse({
      response: response as VerifyRegistrationResponseOpts["response"],
      expectedChallenge: (challenge) => consumeChallenge(actor.sessionId, "register", challenge),
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
    });
  } catch {
    registration = null;
  }
  const verified = registration?.verified ? registration.registrationInfo : undefined;
  if (!verified) {
    await recordAuditEvent({ action: "auth.security_key.refused", actorUserId: actor.userId, customerId: customerIdOf(actor), ip: info.ip, userAgent: info.userAgent });
    return { ok: false, reason: "invalid" };
  }
  const credentialId = isoBase64URL.fromBuffer(verified.credentialID);
  return db.$transaction(async (tx): Promise<RegisterResult> => {
    // One writer per user at a time, so two tabs cannot both add a key of the same name.
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE id = ${actor.userId}::uuid FOR UPDATE`;
    if (await nameTaken(tx, actor.userId, name)) return { ok: false, reason: "name_taken" };
    if ((await tx.webAuthnCredential.count({ where: { userId: actor.userId } })) >= MAX_SECURITY_KEYS) return { ok: false, reason: "too_many" };
    if (await tx.webAuthnCredential.findUnique({ where: { credentialId }, select: { id: true } })) return { ok: false, reason: "invalid" };
    const key = await tx.webAuthnCredential.create({
      data: {
        userId: actor.userId,
        credentialId,
        publicKey: new Uint8Array(verified.credentialPublicKey),
        counter: BigInt(verified.counter),
        transports: response.response.transports ?? [],
        name,
      },
      select: { id: true },
    });
    await recordAuditEvent(
      { action: "auth.security_key.added", actorUserId: actor.userId, customerId: customerIdOf(actor), targetType: "security_key", targetId: key.id, ip: info.ip, userAgent: info.userAgent, data: { name } },
      tx,
    );
    await queueSecurityChangeEmail(tx, { userId: actor.userId, change: "security_key_added", ip: info.ip, userAgent: info.userAgent });
    return { ok: true, id: key.id };
  });
}

export type RemoveResult = { ok: true } | { ok: false; reason: "wrong_password" | "throttled" | "not_found" | "last_required" };

const reauthThrottleKey = (userId: string) => `reauth:${userId}`;

/**
 * Removes one of the actor's keys after the password is confirmed again. The last second factor of
 * someone who must have 2FA (staff, or a customer that requires it) stays.
 */
export async function removeSecurityKey(actor: Actor, input: unknown, info: RequestInfo): Promise<RemoveResult> {
  assertNotImpersonating(actor);
  const { id, password } = removeSecurityKeySchema.parse(input);
  const throttle = reauthThrottleKey(actor.userId);
  if (await isThrottled(throttle, info.ip)) return { ok: false, reason: "throttled" };
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordAttempt(throttle, info.ip, false, { userId: actor.userId, userAgent: info.userAgent });
    await recordAuditEvent({ action: "auth.reauthentication.failed", actorUserId: actor.userId, customerId: customerIdOf(actor), ip: info.ip, userAgent: info.userAgent });
    return { ok: false, reason: "wrong_password" };
  }
  return db.$transaction(async (tx): Promise<RemoveResult> => {
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE id = ${actor.userId}::uuid FOR UPDATE`;
    const key = await tx.webAuthnCredential.findFirst({ where: { id, userId: actor.userId }, select: { id: true, name: true } });
    if (!key) return { ok: false, reason: "not_found" };
    const owner = await tx.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { totpEnabledAt: true, staffRoleId: true, _count: { select: { webAuthnCredentials: true } } },
    });
    if (!owner.totpEnabledAt && owner._count.webAuthnCredentials === 1 && (owner.staffRoleId || (await customerRequiresTwoFactor(tx, actor)))) {
      return { ok: false, reason: "last_required" };
    }
    await tx.webAuthnCredential.delete({ where: { id: key.id } });
    await recordAuditEvent(
      { action: "auth.security_key.removed", actorUserId: actor.userId, customerId: customerIdOf(actor), targetType: "security_key", targetId: key.id, ip: info.ip, userAgent: info.userAgent, data: { name: key.name } },
      tx,
    );
    await queueSecurityChangeEmail(tx, { userId: actor.userId, change: "security_key_removed", ip: info.ip, userAgent: info.userAgent });
    return { ok: true };
  });
}

async function customerRequiresTwoFactor(tx: Prisma.TransactionClient, actor: Actor): Promise<boolean> {
  if (actor.kind !== "customer") return false;
  const customer = await tx.customer.findUnique({ where: { id: actor.customerId }, select: { requireTwoFactor: true } });
  return customer?.requireTwoFactor ?? false;
}

/** At sign-in (/login/2fa): the options for navigator.credentials.get() with the user's keys; null without keys. */
export async function securityKeyAuthenticationOptions(session: SessionRef) {
  const keys = await db.webAuthnCredential.findMany({ where: { userId: session.userId }, select: { credentialId: true, transports: true } });
  if (!keys.length) return null;
  const rp = relyingParty();
  const options = await generateAuthenticationOptions({ rpID: rp.rpID, allowCredentials: keys.map(descriptor), userVerification: "preferred", timeout: CHALLENGE_TTL_MS });
  await storeChallenge(session.sessionId, "authenticate", options.challenge);
  return options;
}

export type AssertionResult = { ok: true } | { ok: false; reason: "invalid" | "throttled" };

/**
 * The second factor by security key: the assertion must answer this session's challenge, come from
 * one of this user's keys and carry a higher signature counter than last time (unless the key keeps
 * none: both 0). Passing marks the session exactly as a TOTP code does.
 */
export async function passSecurityKeyChallenge(session: SessionRef, input: unknown, info: RequestInfo): Promise<AssertionResult> {
  const throttle = twoFactorThrottleKey(session.userId);
  if (await isThrottled(throttle, info.ip)) return { ok: false, reason: "throttled" };
  const refuse = async (why: string): Promise<AssertionResult> => {
    await recordAttempt(throttle, info.ip, false, { userId: session.userId, userAgent: info.userAgent });
    await recordAuditEvent({ action: "auth.2fa.security_key.failed", actorUserId: session.userId, ip: info.ip, userAgent: info.userAgent, data: { why } });
    return { ok: false, reason: "invalid" };
  };
  const parsed = authenticationResponseSchema.safeParse(input);
  if (!parsed.success) return refuse("malformed");
  const response = parsed.data;
  const key = await db.webAuthnCredential.findFirst({ where: { credentialId: response.id, userId: session.userId } });
  if (!key) return refuse("unknown_key");
  const rp = relyingParty();
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response: response as VerifyAuthenticationResponseOpts["response"],
      expectedChallenge: (challenge) => consumeChallenge(session.sessionId, "authenticate", challenge),
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      authenticator: { credentialID: isoBase64URL.toBuffer(key.credentialId), credentialPublicKey: new Uint8Array(key.publicKey), counter: Number(key.counter), transports: key.transports as Transport[] },
      requireUserVerification: false,
    });
    if (!result.verified) return refuse("signature");
    newCounter = result.authenticationInfo.newCounter;
  } catch (error) {
    return refuse(error instanceof Error && /counter/i.test(error.message) ? "counter" : "verification");
  }
  const passed = await db.$transaction(async (tx) => {
    // The counter read above must still be current: of two racing uses of one assertion, one wins.
    const { count } = await tx.webAuthnCredential.updateMany({ where: { id: key.id, counter: key.counter }, data: { counter: BigInt(newCounter), lastUsedAt: new Date() } });
    if (count !== 1) return false;
    await markSecondFactorPassed(tx, session, "auth.2fa.security_key.used", info, { keyId: key.id, name: key.name });
    return true;
  });
  return passed ? { ok: true } : refuse("counter");
}
