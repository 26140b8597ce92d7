import { NextResponse } from "next/server";
import { stopImpersonation } from "@/lib/auth/impersonation";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { getSessionState } from "@/lib/auth/session";

// The impersonation banner's "Back to staff" (issue 7): a plain form post, so it works before any
// script has loaded. Ending the impersonation session is all it takes: the staff session is the
// cookie's all along (lib/auth/resolve-session.ts).

/** Same-origin form posts only: a route handler has no server action's origin check. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function POST(request: Request) {
  if (!sameOrigin(request)) return NextResponse.json({ error: "forbidden" }, { status: 403 });
  // A relative Location: request.url may name the server's own host (localhost) rather than the one the
  // browser used, and a form post redirected to another origin is blocked by the CSP's form-action.
  const to = (path: string) => new NextResponse(null, { status: 303, headers: { location: path } });
  const state = await getSessionState();
  if (state.status !== "active" || state.actor.kind !== "customer") return to("/login");
  const back = await stopImpersonation(state.actor, requestInfoFrom(request.headers));
  return to(back ? `/admin/customers/${back.customerId}` : "/dashboard");
}
