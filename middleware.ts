// Edge gate: redirects only (DESIGN §4). Every page, action and route handler checks again.
// Uses the edge-safe auth config: it decodes the JWT, never touches the database.
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

// "/panel": the built-in control panel (it stands in for cPanel or Plesk on their own host); its signed, expiring tokens are the check.
const PUBLIC_PREFIXES = ["/login", "/forgot-password", "/reset-password/", "/invite/", "/request-access", "/api/auth/", "/api/health", "/api/webhooks/", "/panel"];
const isPublic = (path: string) =>
  PUBLIC_PREFIXES.some((prefix) => (prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix || path.startsWith(`${prefix}/`)));

const isAttachmentDownload = (path: string) => /^\/(?:support|admin)\/tickets\/[^/]+\/attachments\/[^/]+$/.test(path);

function contentSecurityPolicy(nonce: string) {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export default auth((req) => {
  const path = req.nextUrl.pathname;
  const session = req.auth;
  const signedIn = Boolean(session?.sid);
  const to = (target: string) => NextResponse.redirect(new URL(target, req.nextUrl));

  if (!signedIn && !isPublic(path)) {
    if (path.startsWith("/api/")) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
    const login = new URL("/login", req.nextUrl);
    login.searchParams.set("next", path);
    return NextResponse.redirect(login);
  }
  if (signedIn && session && !path.startsWith("/api/auth/")) {
    // A session that has passed only the password step may only finish or abort the second step.
    if (session.stage === "password" && path !== "/login/2fa") return path.startsWith("/api/") ? NextResponse.json({ error: "unauthorized" }, { status: 401 }) : to("/login/2fa");
    if (session.stage === "enrol" && path !== "/login/2fa/setup") return path.startsWith("/api/") ? NextResponse.json({ error: "unauthorized" }, { status: 401 }) : to("/login/2fa/setup");
    if (!session.staff && (path === "/admin" || path.startsWith("/admin/"))) return to("/dashboard");
  }

  // A downloaded attachment is never a page: it gets the strictest policy. (Next keeps the first
  // CSP set on a response, so the route handler's own header would not replace ours.)
  if (isAttachmentDownload(path)) {
    const response = NextResponse.next();
    response.headers.set("content-security-policy", "default-src 'none'; sandbox");
    return response;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
});

export const config = {
  // next-auth's own endpoints answer for themselves (and would otherwise get a second CSRF cookie);
  // Next's own assets and the dev server's HMR socket under /_next are not pages.
  matcher: ["/((?!api/auth|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
