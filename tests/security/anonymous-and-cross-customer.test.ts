// The security suite over HTTP against the built app: every route anonymously, forged middleware
// headers, other customers' objects, wrong presets, and server actions without a session.
import fs from "node:fs";
import { db } from "@/lib/db";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomer, createCustomerWithOwner, createTicket, createUser, unique } from "@/tests/helpers/factories";
import { BASE_URL, get, postCredentials, sessionCookie } from "@/tests/helpers/http-login";

const PUBLIC_PAGES = new Set(["/login", "/login/2fa", "/login/2fa/setup", "/forgot-password", "/request-access", "/_not-found", "/_global-error", "/icon.svg"]);
const PUBLIC_API = ["/api/auth/", "/api/health", "/api/webhooks/"];
// Pages opened by an emailed link: the token in the path is their only key.
const PUBLIC_LINK_PAGES = ["/reset-password/", "/invite/"];
// The built-in control panel stands in for a panel on its own host: a signed, expiring token is its only key.
const SIMULATED_PANEL = "/panel";
const SAMPLE = "00000000-0000-4000-8000-000000000000";
const DIST = process.env.NEXT_DIST_DIR || ".next";

/** Every page and route handler of the build, from Next's own manifest, with sample params. */
function allRoutes(): string[] {
  const manifest = JSON.parse(fs.readFileSync(`${DIST}/server/app-paths-manifest.json`, "utf8")) as Record<string, string>;
  const routes = Object.keys(manifest)
    .map((key) => key.replace(/\/(page|route)$/, "") || "/")
    .map((route) => route.replace(/\/\([^)]+\)/g, "") || "/")
    .map((route) => route.replace(/\[\.\.\.[^\]]+\]/g, "x").replace(/\[number\]/g, "T-000000").replace(/\[[^\]]+\]/g, SAMPLE));
  return [...new Set(routes)].filter((r) => !r.includes("favicon") && !r.startsWith("/_"));
}

const isPublic = (route: string) =>
  PUBLIC_PAGES.has(route) || PUBLIC_LINK_PAGES.some((p) => route.startsWith(p)) || PUBLIC_API.some((p) => route === p.replace(/\/$/, "") || route.startsWith(p)) || route === SIMULATED_PANEL || route.startsWith(`${SIMULATED_PANEL}/`);

describe("anonymous requests", () => {
  const routes = allRoutes().filter((r) => !isPublic(r));

  it("the simulated control panel opens nothing without a valid signed token", async () => {
    for (const path of ["/panel", "/panel?view=forged.token"]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 200]);
      const html = await res.text();
      expect(html).toContain("Session expired");
      expect(html).not.toContain("signed in as");
    }
    for (const path of ["/panel/sso", "/panel/sso?token=forged.token", `/panel/backups/${SAMPLE}/download?token=forged.token`]) {
      expect([path, (await get(path)).status]).toEqual([path, 403]);
    }
  });

  it("the build has the routes we expect to protect", () => {
    expect(routes).toEqual(expect.arrayContaining(["/dashboard", "/admin", "/account/security"]));
  });

  it.each(routes)("%s redirects to /login or answers 401", async (route) => {
    const res = await get(route);
    if (route.startsWith("/api/")) expect(res.status).toBe(401);
    else {
      expect([302, 303, 307, 308]).toContain(res.status);
      expect(new URL(res.headers.get("location")!, BASE_URL()).pathname).toBe("/login");
    }
  });

  it.each(routes.filter((r) => !r.startsWith("/api/")))("%s with a forged x-middleware-subrequest header gets no further", async (route) => {
    for (const forged of ["middleware", "middleware:middleware:middleware:middleware:middleware", "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware"]) {
      const res = await get(route, undefined, { "x-middleware-subrequest": forged });
      expect(res.status).not.toBe(200);
      if ([302, 303, 307, 308].includes(res.status)) expect(new URL(res.headers.get("location")!, BASE_URL()).pathname).toBe("/login");
    }
  });
});

describe("security headers", () => {
  it("the app icon is served without a session", async () => {
    const res = await get("/icon.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
  });

  it("sets CSP with frame-ancestors, nosniff and a referrer policy", async () => {
    const res = await get("/login");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("the session cookie is HttpOnly and SameSite=Lax", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const res = await postCredentials(owner.email, DEFAULT_TEST_PASSWORD);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});

describe("objects of another customer", () => {
  let mine: Awaited<ReturnType<typeof world>>;
  let theirs: Awaited<ReturnType<typeof world>>;
  let cookie: string;

  async function world() {
    const { customer, owner } = await createCustomerWithOwner(db);
    const department = await db.department.upsert({ where: { slug: "technical" }, update: {}, create: { slug: "technical", name: "Technical" } });
    const service = await db.service.create({ data: { customerId: customer.id, kind: "hosting", name: "Web Hosting", status: "active" } });
    const domain = await db.domain.create({ data: { customerId: customer.id, name: `${unique("d")}.example`, status: "active", expiresAt: new Date(Date.now() + 86_400_000 * 90) } });
    const invoice = await db.invoice.create({ data: { customerId: customer.id, number: unique("INV"), status: "unpaid", currency: "EUR", totalMinor: BigInt(1990), dueDate: new Date() } });
    const ticket = await createTicket(db, customer.id, { departmentId: department.id, subject: "Help", status: "answered" });
    return { customer, owner, service, domain, invoice, ticket };
  }
  const urls = (w: typeof mine) => [`/services/${w.service.id}`, `/domains/${w.domain.id}`, `/billing/invoices/${w.invoice.id}`, `/support/tickets/${w.ticket.number}`];

  beforeAll(async () => {
    mine = await world();
    theirs = await world();
    cookie = await sessionCookie(mine.owner.email, DEFAULT_TEST_PASSWORD);
  });

  it("own objects open", async () => {
    for (const url of urls(mine)) expect([url, (await get(url, cookie)).status]).toEqual([url, 200]);
  });

  it("another customer's objects answer 404, like ids that do not exist", async () => {
    for (const url of [...urls(theirs), `/services/${SAMPLE}`, "/services/not-a-uuid", "/support/tickets/T-0"]) {
      expect([url, (await get(url, cookie)).status]).toEqual([url, 404]);
    }
  });

  it("a contact without the permission gets 404 for the section", async () => {
    const billing = await createUser(db);
    await addMember(db, billing.id, mine.customer.id, { preset: "billing" });
    const tech = await createUser(db);
    await addMember(db, tech.id, mine.customer.id, { preset: "technical" });
    const billingCookie = await sessionCookie(billing.email, DEFAULT_TEST_PASSWORD);
    const techCookie = await sessionCookie(tech.email, DEFAULT_TEST_PASSWORD);
    for (const url of ["/services", `/services/${mine.service.id}`, "/domains", `/domains/${mine.domain.id}`]) expect([url, (await get(url, billingCookie)).status]).toEqual([url, 404]);
    for (const url of ["/billing/invoices", `/billing/invoices/${mine.invoice.id}`]) expect([url, (await get(url, techCookie)).status]).toEqual([url, 404]);
    expect((await get("/billing/invoices", billingCookie)).status).toBe(200);
    expect((await get("/services", techCookie)).status).toBe(200);
  });

  it("a customer is sent away from /admin, staff pages stay closed", async () => {
    const res = await get("/admin", cookie);
    expect([302, 303, 307, 308]).toContain(res.status);
    expect(new URL(res.headers.get("location")!, BASE_URL()).pathname).toBe("/dashboard");
  });
});

describe("server actions without a session", () => {
  it("change nothing", async () => {
    const manifest = JSON.parse(fs.readFileSync(`${DIST}/server/server-reference-manifest.json`, "utf8")) as { node: Record<string, unknown> };
    const actionIds = Object.keys(manifest.node);
    expect(actionIds.length).toBeGreaterThan(3);
    const customer = await createCustomer(db);
    const before = { customers: await db.customer.findMany({ orderBy: { id: "asc" }, select: { id: true, requireTwoFactor: true } }), sessions: await db.session.count(), users: await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, locale: true, totpEnabledAt: true } }) };
    const payloads = [[{ required: "on" }], [{ code: "123456" }], [{ customerId: customer.id }], [{ locale: "hu" }], ["hu"], [customer.id]];
    // Every action × page × payload, a few requests at a time (there are well over a hundred actions).
    const calls = actionIds.flatMap((id) => ["/dashboard", "/login", "/account/security"].flatMap((path) => payloads.map((payload) => ({ id, path, payload }))));
    const statuses: [string, number][] = [];
    let next = 0;
    const worker = async () => {
      while (next < calls.length) {
        const { id, path, payload } = calls[next++];
        const res = await fetch(`${BASE_URL()}${path}`, {
          method: "POST",
          redirect: "manual",
          headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
          body: JSON.stringify(payload),
        });
        await res.arrayBuffer();
        statuses.push([`${id} ${path}`, res.status]);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(statuses).toHaveLength(calls.length);
    expect(statuses.filter(([, status]) => status >= 500)).toEqual([]);
    const after = { customers: await db.customer.findMany({ orderBy: { id: "asc" }, select: { id: true, requireTwoFactor: true } }), sessions: await db.session.count(), users: await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, locale: true, totpEnabledAt: true } }) };
    expect(after).toEqual(before);
  }, 300_000);
});

describe("the session cookie is checked against the database on every request", () => {
  const location = (res: Response) => new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname;

  it("a revoked session row ends the session on the next request", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const cookie = await sessionCookie(owner.email, DEFAULT_TEST_PASSWORD);
    expect((await get("/dashboard", cookie)).status).toBe(200);
    await db.session.updateMany({ where: { userId: owner.id }, data: { revokedAt: new Date() } });
    const res = await get("/dashboard", cookie);
    expect([302, 303, 307, 308]).toContain(res.status);
    expect(location(res)).toBe("/login");
  });

  it("a disabled user is out on the next request", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const cookie = await sessionCookie(owner.email, DEFAULT_TEST_PASSWORD);
    await db.user.update({ where: { id: owner.id }, data: { disabledAt: new Date() } });
    expect(location(await get("/dashboard", cookie))).toBe("/login");
  });

  it("a permission taken away applies to the very next request", async () => {
    const customer = await createCustomer(db);
    const tech = await createUser(db);
    const membership = await addMember(db, tech.id, customer.id, { preset: "technical" });
    const cookie = await sessionCookie(tech.email, DEFAULT_TEST_PASSWORD);
    expect((await get("/services", cookie)).status).toBe(200);
    await db.membership.update({ where: { id: membership.id }, data: { permissions: ["tickets.view"] } });
    expect((await get("/services", cookie)).status).toBe(404);
  });

  it("a forged or tampered session cookie is anonymous", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const cookie = await sessionCookie(owner.email, DEFAULT_TEST_PASSWORD);
    // One character of the signature changed (to one it is not already).
    const tampered = cookie.slice(0, -6) + (cookie.at(-6) === "A" ? "B" : "A") + cookie.slice(-5);
    expect(tampered).not.toBe(cookie);
    expect(location(await get("/dashboard", tampered))).toBe("/login");
    expect(location(await get("/dashboard", "authjs.session-token=eyJhbGciOiJub25lIn0.eyJzaWQiOiJ4In0."))).toBe("/login");
  });
});

describe("every portal route as every customer persona of the seed", () => {
  const PERSONAS = ["owner", "billing", "tech", "other"] as const;
  // 200 = opens, 404 = hidden like a missing page, "/dashboard" = sent there.
  const EXPECTED: Record<string, Record<(typeof PERSONAS)[number], 200 | 404 | string>> = {
    "/dashboard": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/services": { owner: 200, billing: 404, tech: 200, other: 200 },
    "/services/order": { owner: 200, billing: 200, tech: 404, other: 200 },
    "/services/order/cart": { owner: 200, billing: 200, tech: 404, other: 200 },
    "/domains": { owner: 200, billing: 404, tech: 200, other: 200 },
    "/domains/search": { owner: 200, billing: 404, tech: 200, other: 200 },
    "/domains/transfer": { owner: 200, billing: 404, tech: 200, other: 200 },
    "/billing": { owner: 200, billing: 200, tech: 404, other: 200 },
    "/billing/invoices": { owner: 200, billing: 200, tech: 404, other: 200 },
    "/billing/credit": { owner: 200, billing: 200, tech: 404, other: 200 },
    "/billing/quotes": { owner: 200, billing: 200, tech: 404, other: 200 },
    "/support/tickets": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/support/tickets/new": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/support/kb": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/support/announcements": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/support/network-status": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/account/security": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/account/profile": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/account/activity": { owner: 200, billing: 404, tech: 404, other: 200 },
    "/account/activity/export": { owner: 200, billing: 404, tech: 404, other: 200 },
    "/account/contacts": { owner: 200, billing: 404, tech: 404, other: 200 },
    "/account/notifications": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/account/emails": { owner: 200, billing: 200, tech: 200, other: 200 },
    "/admin": { owner: "/dashboard", billing: "/dashboard", tech: "/dashboard", other: "/dashboard" },
    // Every staff page sends a customer to their dashboard (tests/security/support.test.ts checks staff roles).
    ...Object.fromEntries(
      [
        "/admin/catalog",
        "/admin/catalog/new",
        "/admin/catalog/tax-rates",
        "/admin/catalog/tlds",
        "/admin/catalog/tlds/new",
        "/admin/customers",
        "/admin/customers/access-requests",
        "/admin/customers/profile-changes",
        "/admin/domains",
        "/admin/invoices",
        "/admin/invoices/credit",
        "/admin/invoices/import",
        "/admin/invoices/new",
        "/admin/invoices/report",
        "/admin/invoices/report/csv",
        "/admin/kb",
        "/admin/kb/announcements",
        "/admin/kb/announcements/new",
        "/admin/kb/articles/new",
        "/admin/kb/categories",
        "/admin/kb/categories/new",
        "/admin/network",
        "/admin/network/new",
        "/admin/quotes",
        "/admin/quotes/new",
        "/admin/settings",
        "/admin/services",
        "/admin/services/cancellations",
        "/admin/services/usage-import",
        "/admin/settings/departments/new",
        "/admin/settings/staff",
        "/admin/settings/servers",
        "/admin/settings/servers/new",
        "/admin/tickets",
        "/admin/tickets/canned",
        "/admin/tickets/inbox",
      ].map((route) => [route, { owner: "/dashboard", billing: "/dashboard", tech: "/dashboard", other: "/dashboard" }]),
    ),
  };
  const cookies: Partial<Record<(typeof PERSONAS)[number], string>> = {};

  beforeAll(async () => {
    for (const persona of PERSONAS) cookies[persona] = await sessionCookie(`${persona}@demo.portico.test`, "portico-demo-2026");
  });

  it("covers every portal page of the build", () => {
    const portalPages = allRoutes().filter((r) => !r.startsWith("/api/") && !isPublic(r) && !r.includes(SAMPLE) && !r.includes("T-000000") && r !== "/");
    expect(portalPages.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))("%s answers each persona as its permissions say", async (route) => {
    for (const persona of PERSONAS) {
      const res = await get(route, cookies[persona]);
      const expected = EXPECTED[route][persona];
      if (typeof expected === "number") expect([persona, res.status]).toEqual([persona, expected]);
      else expect([persona, new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname]).toEqual([persona, expected]);
    }
  });
});
