import "server-only";
import * as OTPAuth from "otpauth";
import { db } from "@/lib/db";
import { decryptSecret, encryptSecret } from "./crypto";

const PERIOD = 30;
const ISSUER = "Portico";

function totpFor(secretBase32: string, label = "") {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/** The RFC 6238 time step a code matches (±1 step for clock drift), or null. */
export function matchingStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/**
 * Accepts a code for the user's confirmed secret at most once: the step is stored with a conditional
 * UPDATE, so two racing requests with the same code cannot both win.
 */
export async function consumeTotpCode(userId: string, code: string, now = Date.now()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecretEnc: true } });
  if (!user?.totpSecretEnc) return false;
  const step = matchingStep(decryptSecret(user.totpSecretEnc), code, now);
  if (step === null) return false;
  const won = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(step) } }] },
    data: { totpLastStep: BigInt(step) },
  });
  return won.count === 1;
}

export async function startTotpEnrolment(userId: string): Promise<string> {
  const secret = newTotpSecret();
  await db.user.update({ where: { id: userId }, data: { totpPendingSecretEnc: encryptSecret(secret) } });
  return secret;
}

export async function pendingTotpSecret(userId: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpPendingSecretEnc: true } });
  return user?.totpPendingSecretEnc ? decryptSecret(user.totpPendingSecretEnc) : null;
}

/** Whether the user has a confirmed authenticator app (a security key alone does not count here). */
export async function hasTotp(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(user?.totpEnabledAt);
}
