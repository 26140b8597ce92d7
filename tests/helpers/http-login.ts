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
