// Login fixture for HTTP tests: a real next-auth credentials sign-in, without the form.
export const BASE_URL = () => process.env.E2E_BASE_URL as string;

/** name=value pairs of Set-Cookie; a later cookie of the same name wins, as in a browser. */
function cookiesFrom(res: Response): string[] {
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(";")[0];
    jar.set(pair.slice(0, pair.indexOf("=")), pair);
  }
  return [...jar.values()];
}

/** Posts the credentials to next-auth's callback with a valid CSRF token; the raw response. */
export async function postCredentials(email: string, password: string): Promise<Response> {
  const csrf = await fetch(`${BASE_URL()}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${BASE_URL()}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesFrom(csrf).join("; ") },
    body: new URLSearchParams({ email, password, csrfToken }),
  });
}

/** Signs in through /api/auth/callback/credentials and returns the Cookie header of the session. */
export async function sessionCookie(email: string, password: string): Promise<string> {
  const res = await postCredentials(email, password);
  const session = cookiesFrom(res).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in of ${email} failed (${res.status} ${res.headers.get("location")})`);
  return session;
}

export async function get(path: string, cookie?: string, headers: Record<string, string> = {}) {
  return fetch(`${BASE_URL()}${path}`, { redirect: "manual", headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

/**
 * A signed-in session past its second factor, without the TOTP step: a live Session row plus the
 * next-auth JWT the app would issue for it (AUTH_SECRET is the one tests/e2e/run.ts gave the app).
 * For HTTP matrices over staff pages; the browser tests sign staff in through the real form.
 */
export async function verifiedSessionCookie(email: string): Promise<string> {
  const { randomUUID } = await import("node:crypto");
  const { db } = await import("@/lib/db");
  const { encode } = await import("next-auth/jwt");
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, staffRoleId: true } });
  const sid = randomUUID();
  const now = new Date();
  await db.session.create({ data: { id: sid, userId: user.id, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now, reauthenticatedAt: now } });
  const name = "authjs.session-token";
  const token = await encode({ token: { sub: sid, sid, stage: "done", staff: Boolean(user.staffRoleId) }, secret: process.env.AUTH_SECRET as string, salt: name, maxAge: 3600 });
  return `${name}=${token}`;
}
