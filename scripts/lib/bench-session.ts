// Logs the bench users in without the form: a live `Session` row plus the next-auth JWT cookie that
// the app would have issued for it (same secret, salt = cookie name, payload of lib/auth/config.ts).
import { randomUUID } from "node:crypto";
import { type BenchRole, createBenchSession } from "./bench-seed";

/** The cookie name next-auth uses over plain http (https adds the `__Secure-` prefix). */
export const SESSION_COOKIE = "authjs.session-token";
const TTL_SECONDS = 12 * 60 * 60;

async function benchCookie(databaseUrl: string, authSecret: string, role: BenchRole): Promise<string> {
  const sid = randomUUID();
  await createBenchSession(databaseUrl, role, sid, TTL_SECONDS);
  const { encode } = await import("next-auth/jwt");
  const token = await encode({
    // `staff` steers middleware.ts (customers are sent away from /admin); the page checks the row again.
    token: { sub: sid, sid, stage: "done", staff: role === "staff" },
    secret: authSecret,
    salt: SESSION_COOKIE,
    maxAge: TTL_SECONDS,
  });
  return `${SESSION_COOKIE}=${token}`;
}

/** The bench owner (customer BENCH-0001, every customer permission). */
export function benchOwnerCookie(databaseUrl: string, authSecret: string): Promise<string> {
  return benchCookie(databaseUrl, authSecret, "owner");
}

/** The bench staff administrator, past the second factor. */
export function benchStaffCookie(databaseUrl: string, authSecret: string): Promise<string> {
  return benchCookie(databaseUrl, authSecret, "staff");
}
