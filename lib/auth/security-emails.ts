import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifySecurityEvent } from "@/lib/notifications/notify-security-event";
import type { SecurityEventKind } from "@/lib/notifications/render-security-email";
import { describeUserAgent } from "./user-agent";

/** Every change to how a user signs in; each one emails the user (category "security", cannot be turned off). */
export type SecurityChange =
  | "password_changed"
  /** The password changed and the user chose to stay signed in elsewhere. */
  | "password_changed_sessions_kept"
  | "two_factor_enabled"
  | "two_factor_disabled"
  | "recovery_codes_regenerated"
  /** One other session signed out from the security page. */
  | "session_signed_out"
  /** "Sign out everywhere else". */
  | "sessions_signed_out"
  | "security_key_added"
  | "security_key_removed";

const KIND: Record<SecurityChange, SecurityEventKind> = {
  password_changed: "password_changed",
  password_changed_sessions_kept: "password_changed_sessions_kept",
  two_factor_enabled: "2fa_enabled",
  two_factor_disabled: "2fa_disabled",
  recovery_codes_regenerated: "recovery_codes_regenerated",
  session_signed_out: "session_signed_out",
  sessions_signed_out: "sessions_signed_out",
  security_key_added: "security_key_added",
  security_key_removed: "security_key_removed",
};

export type SecurityChangeEmail = {
  userId: string;
  change: SecurityChange;
  ip?: string | null;
  /** The raw User-Agent header of the request that made the change; the email names the browser ("Chrome 131 on Windows"). */
  userAgent?: string | null;
  at?: Date;
};

/**
 * Queues the email about a security change to the user, inside the caller's transaction (so it is
 * sent exactly when the change commits). Call it from every function that changes a password, a
 * second factor, recovery codes, security keys or signs sessions out.
 */
export async function queueSecurityChangeEmail(tx: Prisma.TransactionClient, input: SecurityChangeEmail): Promise<void> {
  await notifySecurityEvent(tx, {
    userId: input.userId,
    kind: KIND[input.change],
    ip: input.ip,
    userAgent: deviceLabel(input.userAgent),
    at: input.at,
  });
}

/** The browser as the emails name it: "Chrome 131 on Windows", or the raw header when it is not recognised. */
export function deviceLabel(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  return describeUserAgent(userAgent) ?? userAgent.slice(0, 200);
}
