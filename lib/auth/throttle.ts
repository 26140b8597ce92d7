import "server-only";
import { db } from "@/lib/db";

// Kept in Postgres, not in memory, so the limit holds across every web instance.
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 5,
  maxFailuresPerIp: 30,
} as const;

/** Keys: a lower-cased email for passwords, `2fa:<userId>` for second-factor codes. */
export async function isThrottled(key: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const [byAccount, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { email: key, succeeded: false, createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }),
  ]);
  return byAccount >= THROTTLE.maxFailuresPerAccount || byIp >= THROTTLE.maxFailuresPerIp;
}

/** `who`: the account the key belongs to and the browser, for the login history of /account/security. */
export async function recordAttempt(key: string, ip: string, succeeded: boolean, who: { userId?: string | null; userAgent?: string | null } = {}): Promise<void> {
  await db.loginAttempt.create({ data: { email: key, ip, succeeded, userId: who.userId ?? null, userAgent: who.userAgent?.slice(0, 500) ?? null } });
}
