// The staff side of services refuses everyone without the permission: over HTTP against the built
// app, anonymous visitors are sent to /login and customers to /dashboard from /admin/services and a
// service page; a support agent (no staff.services, no staff.settings) gets the staff area's 404 for
// them and for the server pages, an administrator gets them. In-process, every server action of the
// service page and of the server pages answers "forbidden" to a support agent and to a customer, and
// nothing changes in the database; an administrator's call goes through, so the refusals are real.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-types";
import { BASE_URL, get, sessionCookie, verifiedSessionCookie } from "@/tests/helpers/http-login";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { DEFAULT_TEST_PASSWORD, createCustomerWithOwner, createUser } from "@/tests/helpers/factories";
import * as serviceActions from "@/app/(staff)/admin/services/[id]/actions";
import * as serverActions from "@/app/(staff)/admin/settings/servers/actions";

// next-auth reads the session cookie from the request; for the in-process part the test says which session it is.
const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.52", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const REDIRECTS = [302, 303, 307, 308];
const locationOf = (res: Response) => new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname;

type Persona = { label: string; sessionId: string; actor: Actor };

async function signedIn(label: string, userId: string, actor: Actor): Promise<Persona> {
  const sessionId = randomUUID();
  const now = new Date();
  await db.session.create({ data: { id: sessionId, userId, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now, reauthenticatedAt: now } });
  return { label, sessionId, actor };
}

describe("staff services over HTTP", () => {
  let serviceId: string;
  let serverId: string;
  let customerCookie: string;
  let agentCookie: string;
  let adminCookie: string;

  beforeAll(async () => {
    const acmeService = await db.service.findFirstOrThrow({ where: { customer: { contractNumber: "C-1001" } }, select: { id: true } });
    serviceId = acmeService.id;
    serverId = (await db.server.findFirstOrThrow({ select: { id: true } })).id;
    const { owner } = await createCustomerWithOwner(db);
    customerCookie = await sessionCookie(owner.email, DEFAULT_TEST_PASSWORD);
    agentCookie = await verifiedSessionCookie("agent@demo.portico.test");
    adminCookie = await verifiedSessionCookie("admin@demo.portico.test");
  });

  const servicePages = () => ["/admin/services", `/admin/services/${serviceId}`, "/admin/services?q=Acme&status=active"];
  const serverPages = () => ["/admin/settings/servers", "/admin/settings/servers/new", `/admin/settings/servers/${serverId}`];

  it("sends anonymous visitors to sign in", async () => {
    for (const url of [...servicePages(), ...serverPages()]) {
      const res = await get(url);
      expect([url, REDIRECTS.includes(res.status), locationOf(res)]).toEqual([url, true, "/login"]);
    }
  });

  it("sends a customer back to the dashboard", async () => {
    for (const url of [...servicePages(), ...serverPages()]) {
      const res = await get(url, customerCookie);
      expect([url, REDIRECTS.includes(res.status), locationOf(res)]).toEqual([url, true, "/dashboard"]);
    }
  });

  it("answers 404 to a support agent (the demo agent@), who holds neither staff.services nor staff.settings", async () => {
    for (const url of [...servicePages(), ...serverPages()]) expect([url, (await get(url, agentCookie)).status]).toEqual([url, 404]);
  });

  it("opens the pages for an administrator; an unknown or malformed id is a 404", async () => {
    for (const url of [...servicePages(), ...serverPages()]) expect([url, (await get(url, adminCookie)).status]).toEqual([url, 200]);
    for (const url of ["/admin/services/00000000-0000-4000-8000-000000000000", "/admin/services/not-a-uuid", "/admin/settings/servers/not-a-uuid"]) {
      expect([url, (await get(url, adminCookie)).status]).toEqual([url, 404]);
    }
  });

  it("shows Services in the administrator's menu and not in the agent's", async () => {
    const adminHtml = await (await get("/admin", adminCookie)).text();
    const agentHtml = await (await get("/admin", agentCookie)).text();
    expect(adminHtml).toContain('href="/admin/services"');
    expect(agentHtml).not.toContain('href="/admin/services"');
  });
});

describe("staff services server actions", () => {
  let admin: Persona;
  let refused: Persona[];
  let serviceId: string;
  let customerId: string;
  let jobId: string;
  let serverId: string;

  beforeAll(async () => {
    const adminUser = await createUser(db, { staffRole: "administrator", totpSecret: "JBSWY3DPEHPK3PXP" });
    admin = await signedIn("administrator", adminUser.id, await staffActorFor(adminUser.id));
    const agentUser = await createUser(db, { staffRole: "support_agent", totpSecret: "JBSWY3DPEHPK3PXP" });
    const { customer, owner } = await createCustomerWithOwner(db);
    customerId = customer.id;
    refused = [await signedIn("support_agent", agentUser.id, await staffActorFor(agentUser.id)), await signedIn("customer owner", owner.id, await customerActorFor(owner.id, customer.id))];
    serviceId = (await db.service.create({ data: { customerId, kind: "hosting", name: "Security test hosting", status: "active" } })).id;
    jobId = (await db.provisioningJob.create({ data: { serviceId, operation: "create", status: "failed", attempts: 6, lastError: "boom" } })).id;
    serverId = (await db.server.create({ data: { name: "Security spare", hostname: `spare-${randomUUID().slice(0, 8)}.example.net` } })).id;
  });

  afterEach(() => {
    mockSessionId.current = null;
  });

  /** Every server action of the service page and the server pages, with input their schemas accept. */
  const calls = (): [name: string, call: () => Promise<unknown>][] => [
    ["requestModuleActionAction", () => serviceActions.requestModuleActionAction({ serviceId, operation: "suspend", reason: "sneaky suspension" })],
    ["retryJobAction", () => serviceActions.retryJobAction({ jobId })],
    ["markJobDoneAction", () => serviceActions.markJobDoneAction({ jobId, note: "sneaky" })],
    ["createServerAction", () => serverActions.createServerAction({ name: "Sneaky", hostname: `sneaky-${randomUUID().slice(0, 8)}.example.net`, location: "", module: "builtin" })],
    ["updateServerAction", () => serverActions.updateServerAction({ id: serverId, name: "Sneaky", hostname: `sneaky-${randomUUID().slice(0, 8)}.example.net`, location: "", module: "builtin" })],
    ["deleteServerAction", () => serverActions.deleteServerAction({ id: serverId })],
  ];

  const state = async () => ({
    jobs: await db.provisioningJob.findMany({ where: { serviceId }, select: { id: true, status: true, attempts: true } }),
    service: await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { status: true, provisioningState: true, suspendReason: true } }),
    server: await db.server.findUnique({ where: { id: serverId }, select: { name: true, hostname: true } }),
    servers: await db.server.count(),
    audits: await db.auditEvent.count({ where: { OR: [{ customerId }, { targetType: "server" }] } }),
  });

  it("covers every exported server action", () => {
    expect(calls().map(([name]) => name).sort()).toEqual([...Object.keys(serviceActions), ...Object.keys(serverActions)].sort());
  });

  it.each(["support_agent", "customer owner"])("answers 'forbidden' to a %s, and nothing changes", async (label) => {
    mockSessionId.current = refused.find((p) => p.label === label)!.sessionId;
    const before = await state();
    for (const [name, call] of calls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
    expect(await state()).toEqual(before);
  });

  it("lets an administrator queue the suspension", async () => {
    mockSessionId.current = admin.sessionId;
    const result = (await serviceActions.requestModuleActionAction({ serviceId, operation: "suspend", reason: "abuse report" })) as { ok: boolean; data?: { created: boolean } };
    expect(result).toMatchObject({ ok: true, data: { created: true } });
    const job = await db.provisioningJob.findFirstOrThrow({ where: { serviceId, operation: "suspend" } });
    expect(job.payload).toEqual({ reason: "staff: abuse report" });
  });
});
