// VoIP call records and housing traffic answer 404 to everyone who may not see them: another
// customer's owner, a contact without usage.voip / usage.traffic (the Billing preset, and a contact
// who may view services but not their usage), and for a service of the wrong kind; the CSV export
// answers the same 404 (401 without a session). The owner and the Technical preset get them. The
// staff pages for usage import and cancellation requests send customers to /dashboard and answer
// 404 to a support agent; their server actions answer "forbidden" and change nothing.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-types";
import { BASE_URL, get, sessionCookie, verifiedSessionCookie } from "@/tests/helpers/http-login";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomerWithOwner, createUser } from "@/tests/helpers/factories";
import * as cancellationActions from "@/app/(staff)/admin/services/cancellations/actions";
import * as importActions from "@/app/(staff)/admin/services/usage-import/actions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.53", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const DEMO_PASSWORD = "portico-demo-2026";
const REDIRECTS = [302, 303, 307, 308];
const locationOf = (res: Response) => new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname;

describe("call records and traffic over HTTP", () => {
  let voipId: string;
  let housingId: string;
  let hostingId: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const acme = { customer: { contractNumber: "C-1001" } };
    voipId = (await db.service.findFirstOrThrow({ where: { ...acme, kind: "voip" }, select: { id: true } })).id;
    housingId = (await db.service.findFirstOrThrow({ where: { ...acme, kind: "housing" }, select: { id: true } })).id;
    hostingId = (await db.service.findFirstOrThrow({ where: { ...acme, kind: "hosting", status: "active" }, select: { id: true } })).id;
    const acmeId = (await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } })).id;
    // A contact of Acme who may view services but not their usage.
    const viewer = await createUser(db);
    await addMember(db, viewer.id, acmeId, { permissions: ["services.view", "services.manage"], isOwner: false });
    for (const [key, email] of [
      ["owner", "owner@demo.portico.test"],
      ["tech", "tech@demo.portico.test"],
      ["billing", "billing@demo.portico.test"],
      ["other", "other@demo.portico.test"],
    ] as const) {
      cookies[key] = await sessionCookie(email, DEMO_PASSWORD);
    }
    cookies.viewer = await sessionCookie(viewer.email, DEFAULT_TEST_PASSWORD);
    cookies.admin = await verifiedSessionCookie("admin@demo.portico.test");
  });

  const callsPages = () => [`/services/${voipId}/calls`, `/services/${voipId}/calls?from=2020-01-01&to=2030-12-31&direction=inbound`];
  const csv = () => `/services/${voipId}/calls/csv?from=2020-01-01&to=2030-12-31`;
  const trafficPages = () => [`/services/${housingId}/traffic`, `/services/${housingId}/traffic?range=day`];

  it("shows the owner and the Technical preset the calls, the CSV and the traffic", async () => {
    for (const who of ["owner", "tech"]) {
      for (const url of [...callsPages(), ...trafficPages()]) expect([who, url, (await get(url, cookies[who])).status]).toEqual([who, url, 200]);
      const res = await get(csv(), cookies[who]);
      expect([who, res.status, res.headers.get("content-type"), res.headers.get("content-disposition")?.startsWith("attachment;")]).toEqual([who, 200, "text/csv; charset=utf-8", true]);
      const body = await res.text();
      expect(body.split("\r\n")[0]).toBe("started_at,time_zone,from,to,direction,duration_seconds,cost,currency");
      expect(body.split("\r\n").length).toBeGreaterThan(100);
    }
  });

  it("answers 404 to another customer's owner, for the pages and the CSV", async () => {
    for (const url of [...callsPages(), csv(), ...trafficPages()]) expect([url, (await get(url, cookies.other)).status]).toEqual([url, 404]);
  });

  it("answers 404 to contacts without usage.voip / usage.traffic (Billing preset; services without usage)", async () => {
    for (const who of ["billing", "viewer"]) {
      for (const url of [...callsPages(), csv(), ...trafficPages()]) expect([who, url, (await get(url, cookies[who])).status]).toEqual([who, url, 404]);
    }
  });

  it("answers 404 for a service of the wrong kind and for unknown or malformed ids", async () => {
    const urls = [
      `/services/${hostingId}/calls`,
      `/services/${hostingId}/calls/csv`,
      `/services/${housingId}/calls`,
      `/services/${voipId}/traffic`,
      `/services/${hostingId}/traffic`,
      "/services/00000000-0000-4000-8000-000000000000/calls",
      "/services/not-a-uuid/calls/csv",
      "/services/not-a-uuid/traffic",
    ];
    for (const url of urls) expect([url, (await get(url, cookies.owner)).status]).toEqual([url, 404]);
  });

  it("sends anonymous visitors to sign in (the CSV answers 401), and staff get no customer data", async () => {
    for (const url of [...callsPages(), ...trafficPages()]) {
      const res = await get(url);
      expect([url, REDIRECTS.includes(res.status), locationOf(res)]).toEqual([url, true, "/login"]);
    }
    expect([401, 307, 302, 303]).toContain((await get(csv())).status);
    expect((await get(csv(), cookies.admin)).status).toBe(404);
  });
});

describe("staff usage import and cancellations over HTTP", () => {
  const pages = ["/admin/services/usage-import", "/admin/services/usage-import?q=Acme", "/admin/services/cancellations", "/admin/services/cancellations?status=any"];
  let customerCookie: string;
  let agentCookie: string;
  let adminCookie: string;

  beforeAll(async () => {
    customerCookie = await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD);
    agentCookie = await verifiedSessionCookie("agent@demo.portico.test");
    adminCookie = await verifiedSessionCookie("admin@demo.portico.test");
  });

  it("sends customers to /dashboard and anonymous visitors to sign in", async () => {
    for (const url of pages) {
      const asCustomer = await get(url, customerCookie);
      expect([url, REDIRECTS.includes(asCustomer.status), locationOf(asCustomer)]).toEqual([url, true, "/dashboard"]);
      const anonymous = await get(url);
      expect([url, REDIRECTS.includes(anonymous.status), locationOf(anonymous)]).toEqual([url, true, "/login"]);
    }
  });

  it("answers 404 to a support agent and opens for an administrator", async () => {
    for (const url of pages) expect([url, (await get(url, agentCookie)).status]).toEqual([url, 404]);
    for (const url of pages) expect([url, (await get(url, adminCookie)).status]).toEqual([url, 200]);
    const voip = await db.service.findFirstOrThrow({ where: { customer: { contractNumber: "C-1001" }, kind: "voip" }, select: { id: true } });
    const html = await (await get(`/admin/services/usage-import?service=${voip.id}`, adminCookie)).text();
    expect(html).toContain("external_id,started_at,from,to,direction,duration_seconds,cost,currency");
  });
});

type Persona = { label: string; sessionId: string; actor: Actor };

async function signedIn(label: string, userId: string, actor: Actor): Promise<Persona> {
  const sessionId = randomUUID();
  const now = new Date();
  await db.session.create({ data: { id: sessionId, userId, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now, reauthenticatedAt: now } });
  return { label, sessionId, actor };
}

describe("staff usage and cancellation server actions", () => {
  let admin: Persona;
  let refused: Persona[];
  let voipId: string;
  let requestId: string;
  const CSV = "external_id,started_at,from,to,direction,duration_seconds,cost,currency\nsec-1,2026-01-05T10:00:00Z,+842838234567,+84912345678,outbound,60,0.05,EUR";

  beforeAll(async () => {
    const adminUser = await createUser(db, { staffRole: "administrator", totpSecret: "JBSWY3DPEHPK3PXP" });
    admin = await signedIn("administrator", adminUser.id, await staffActorFor(adminUser.id));
    const agentUser = await createUser(db, { staffRole: "support_agent", totpSecret: "JBSWY3DPEHPK3PXP" });
    const { customer, owner } = await createCustomerWithOwner(db);
    refused = [await signedIn("support_agent", agentUser.id, await staffActorFor(agentUser.id)), await signedIn("customer owner", owner.id, await customerActorFor(owner.id, customer.id))];
    const service = await db.service.create({ data: { customerId: customer.id, kind: "voip", name: "Security VoIP", status: "active", nextDueDate: new Date("2036-01-20T00:00:00Z") } });
    voipId = service.id;
    requestId = (await db.cancellationRequest.create({ data: { serviceId: service.id, customerId: customer.id, requestedByUserId: owner.id, timing: "immediate", reason: "Security test cancellation", effectiveOn: new Date("2026-01-05T00:00:00Z") } })).id;
  });

  afterEach(() => {
    mockSessionId.current = null;
  });

  const calls = (): [name: string, call: () => Promise<unknown>][] => [
    ["importUsageAction", () => importActions.importUsageAction({ serviceId: voipId, kind: "calls", csv: CSV })],
    ["processCancellationAction", () => cancellationActions.processCancellationAction({ requestId, decision: "approve", note: "" })],
  ];

  const state = async () => ({
    calls: await db.callRecord.count({ where: { serviceId: voipId } }),
    request: await db.cancellationRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } }),
    jobs: await db.provisioningJob.count({ where: { serviceId: voipId } }),
    audits: await db.auditEvent.count({ where: { targetId: voipId } }),
  });

  it("covers every exported server action", () => {
    expect(calls().map(([name]) => name).sort()).toEqual([...Object.keys(importActions), ...Object.keys(cancellationActions)].sort());
  });

  it.each(["support_agent", "customer owner"])("answers 'forbidden' to a %s, and nothing changes", async (label) => {
    mockSessionId.current = refused.find((p) => p.label === label)!.sessionId;
    const before = await state();
    for (const [name, call] of calls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
    expect(await state()).toEqual(before);
  });

  it("lets an administrator import and decide", async () => {
    mockSessionId.current = admin.sessionId;
    expect(await importActions.importUsageAction({ serviceId: voipId, kind: "calls", csv: CSV })).toEqual({ ok: true, data: { status: "imported", rows: 1, inserted: 1, duplicates: 0 } });
    expect(await cancellationActions.processCancellationAction({ requestId, decision: "approve", note: "" })).toMatchObject({ ok: true, data: { status: "processed", jobQueued: true } });
    expect(await state()).toMatchObject({ calls: 1, request: { status: "processed" }, jobs: 1 });
  });
});
