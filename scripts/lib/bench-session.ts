// Logs the bench owner in without the form: a live `Session` row plus the next-auth JWT cookie that
// the app would have issued for it (same secret, salt = cookie name, payload of lib/auth/config.ts).
import { randomUUID } from "node:crypto";
import { createBenchSession } from "./bench-seed";

/** The cookie name next-auth uses over plain http (https adds the `__Secure-` prefix). */
export const SESSION_COOKIE = "authjs.session-token";
const TTL_SECONDS = 12 * 60 * 60;

export async function benchOwnerCookie(databaseUrl: string, authSecret: string): Promise<string> {
  const sid = randomUUID();
  await createBenchSession(databaseUrl, sid, TTL_SECONDS);
  const { encode } = await import("next-auth/jwt");
  const token = await encode({
    token: { sub: sid, sid, stage: "done", staff: false },
    secret: authSecret,
    salt: SESSION_COOKIE,
    maxAge: TTL_SECONDS,
  });
  return `${SESSION_COOKIE}=${token}`;
}
