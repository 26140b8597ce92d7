// The customer's service page (lib/services/service-page.ts): the frame and its tabs by kind and
// permission, the overview with its login box, the control-panel login (services.manage, audited
// without the link), the show-once password and the password reset (one at a time, done by the
// runner). Another customer's service is null / "not found" everywhere.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/service-overview
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { BuiltinProvisioningModule, ProvisioningError, type ProvisioningModule } from "@/lib/integrations/provisioning";
import { verifyPanelPassword } from "@/lib/integrations/provisioning/builtin-secrets";
import { getInitialPasswordOnce, runDueProvisioningJobs } from "@/lib/services/provisioning-jobs";
import { ServicePageError, getServiceFrame, getServiceOverview, issueControlPanelLogin, requestPasswordReset } from "@/lib/services/service-page";
import { currentServiceTab, serviceTabs } from "@/lib/services/service-tabs";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createDomain, createUser, unique } from "@/tests/helpers/factories";

const PASSWORD = "Strong-Hosting-Pass-42";
const panel = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0 });
const quiet = { warn: () => {}, error: () => {} };

let serverId: string;
let customerId: string;
let owner: CustomerActor;
let viewer: CustomerActor;
let billingContact: CustomerActor;
let otherOwner: CustomerActor;

async function hostingService(cid: string) {
  const domain = `${unique("site")}.example`;
  const service = await db.service.create({ data: { customerId: cid, kind: "hosting", name: "Web Hosting Business", status: "active", serverId, domain, billingCycle: "annual", recurringMinor: BigInt(5_990) } });
  const account = await panel.create({ id: service.id, kind: "hosting", serverId }, { serverId, domain, usernameHint: domain, password: PASSWORD, package: { packageName: "business", diskQuotaMb: 1_000, bandwidthQuotaMb: null, maxFtpAccounts: 5, maxDatabases: 5, maxMailboxes: 5, maxSubdomains: 5 } });
  await db.service.update({ where: { id: service.id }, data: { username: account.username } });
  return { id: service.id, domain, username: account.username };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof ServicePageError ? error.key : error instanceof PermissionDenied ? "forbidden" : `unexpected: ${String(error)}`),
  );

// The runner acts on every due job of the worker's database (shared with other files and the seed).
const settleDueJobs = () => db.provisioningJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });
beforeEach(settleDueJobs);
afterEach(settleDueJobs);

beforeAll(async () => {
  serverId = (await db.server.create({ data: { name: "Overview test", hostname: `${unique("web")}.portico.test`, module: "builtin", location: "Bratislava" } })).id;
  customerId = (await createCustomer(db)).id;
  const otherCustomerId = (await createCustomer(db)).id;
  const [o, v, b, x] = await Promise.all([createUser(db), createUser(db), createUser(db), createUser(db)]);
  await addMember(db, o.id, customerId, { preset: "owner" });
  await addMember(db, v.id, customerId, { preset: "technical", permissions: ["services.view", "domains.view"] });
  await addMember(db, b.id, customerId, { preset: "billing" });
  await addMember(db, x.id, otherCustomerId, { preset: "owner" });
  [owner, viewer, billingContact, otherOwner] = await Promise.all([customerActorFor(o.id, customerId), customerActorFor(v.id, customerId), customerActorFor(b.id, customerId), customerActorFor(x.id, otherCustomerId)]);
});

afterAll(async () => {
  await db.$disconnect();
});

describe("serviceTabs", () => {
  const all = () => true;
  const keys = (kind: "hosting" | "voip" | "housing" | "vps", opts: { account?: boolean; terminated?: boolean; can?: (p: string) => boolean } = {}) =>
    serviceTabs({ id: "s1", kind, hasPanelAccount: opts.account ?? true, terminated: opts.terminated ?? false }, opts.can ?? all).map((t) => t.key);

  it("shows each kind its own parts, and the manage tabs only with services.manage", () => {
    expect(keys("hosting")).toEqual(["overview", "usage", "backups", "ftp", "databases", "email", "subdomains", "upgrade", "cancel"]);
    expect(keys("voip")).toEqual(["overview", "calls", "upgrade", "cancel"]);
    expect(keys("housing")).toEqual(["overview", "traffic", "upgrade", "cancel"]);
    expect(keys("vps")).toEqual(["overview", "upgrade", "cancel"]);
    expect(keys("voip", { can: (p) => p === "services.view" })).toEqual(["overview"]);
    expect(keys("hosting", { can: (p) => p !== "services.manage" })).toEqual(["overview", "usage", "backups", "ftp", "databases", "email", "subdomains"]);
  });

  it("hides the hosting tools before the account exists and everything but the overview and usage once terminated", () => {
    expect(keys("hosting", { account: false })).toEqual(["overview", "usage", "upgrade", "cancel"]);
    expect(keys("hosting", { terminated: true })).toEqual(["overview", "usage"]);
  });

  it("marks the longest matching tab as current", () => {
    const tabs = serviceTabs({ id: "s1", kind: "hosting", hasPanelAccount: true, terminated: false }, all);
    expect(currentServiceTab(tabs, "/services/s1")).toBe("overview");
    expect(currentServiceTab(tabs, "/services/s1/email/m1")).toBe("email");
    expect(currentServiceTab(tabs, "/services/s2/ftp")).toBeNull();
  });
});

describe("the frame and the overview", () => {
  it("give the owner the service with its login box, and another customer nothing", async () => {
    const service = await hostingService(customerId);
    const domain = await createDomain(db, customerId, { name: service.domain });
    const frame = await getServiceFrame(owner, service.id);
    expect(frame).toMatchObject({ id: service.id, name: "Web Hosting Business", status: "active" });
    expect(frame!.tabs.map((t) => t.key)).toContain("ftp");

    const overview = await getServiceOverview(owner, service.id, { module: panel });
    expect(overview).toMatchObject({
      kind: "hosting",
      billingCycle: "annual",
      price: { amountMinor: BigInt(5_990), currency: expect.any(String) },
      server: { name: "Overview test", location: "Bratislava" },
      login: { username: service.username, domain: service.domain, controlPanelUrl: expect.stringContaining(":2083"), webmailUrl: expect.any(String) },
      dnsDomain: { domainId: domain.id, name: service.domain },
      canManage: true,
      resetPending: false,
    });

    expect(await getServiceFrame(otherOwner, service.id)).toBeNull();
    expect(await getServiceOverview(otherOwner, service.id)).toBeNull();
    expect(await getServiceOverview(owner, "not-a-uuid")).toBeNull();
    await expect(getServiceOverview(billingContact, service.id)).rejects.toBeInstanceOf(PermissionDenied);
    expect(await getServiceOverview(viewer, service.id, { module: panel })).toMatchObject({ canManage: false, passwordWaiting: false });
  });

  it("still opens when the control panel is down: the login box says so", async () => {
    const service = await hostingService(customerId);
    const down = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0 });
    jest.spyOn(down, "accountInfo").mockRejectedValue(new ProvisioningError("unavailable", "panel down"));
    expect((await getServiceOverview(owner, service.id, { module: down }))?.login).toEqual({ username: service.username, domain: service.domain, controlPanelUrl: "", webmailUrl: "" });
  });
});

describe("control-panel login", () => {
  it("issues a one-time link to services.manage only, audited without the link", async () => {
    const service = await hostingService(customerId);
    const link = await issueControlPanelLogin(owner, service.id, { ip: "203.0.113.9", userAgent: "jest" }, { module: panel });
    expect(link.url).toMatch(/\/panel\/sso\?token=/);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { customerId, action: "services.sso.issued", targetId: service.id } });
    expect(audit).toMatchObject({ actorUserId: owner.userId, ip: "203.0.113.9" });
    expect(JSON.stringify(audit.data)).not.toContain(new URL(link.url, "http://x").searchParams.get("token")!);

    expect(await refusal(issueControlPanelLogin(viewer, service.id, {}, { module: panel }))).toBe("forbidden");
    expect(await refusal(issueControlPanelLogin(billingContact, service.id, {}, { module: panel }))).toBe("forbidden");
    expect(await refusal(issueControlPanelLogin(otherOwner, service.id, {}, { module: panel }))).toBe("errors.notFound");
    expect(await db.auditEvent.count({ where: { action: "services.sso.issued", targetId: service.id } })).toBe(1);
  });

  it("is refused for a suspended service and explained when the panel is down", async () => {
    const service = await hostingService(customerId);
    const down: ProvisioningModule = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 1 });
    expect(await refusal(issueControlPanelLogin(owner, service.id, {}, { module: down }))).toBe("errors.panelUnavailable");
    await db.service.update({ where: { id: service.id }, data: { status: "suspended" } });
    expect(await refusal(issueControlPanelLogin(owner, service.id, {}, { module: panel }))).toBe("errors.notActive");
    expect(await db.auditEvent.count({ where: { action: "services.sso.issued", targetId: service.id } })).toBe(0);
  });
});

describe("password reset", () => {
  it("queues one reset at a time; the runner sets the new password, which is shown once", async () => {
    const service = await hostingService(customerId);
    expect(await refusal(requestPasswordReset(viewer, service.id))).toBe("forbidden");
    expect(await refusal(requestPasswordReset(otherOwner, service.id))).toBe("errors.notFound");

    const [first, second] = await Promise.all([refusal(requestPasswordReset(owner, service.id)), refusal(requestPasswordReset(owner, service.id))]);
    expect([first, second].sort()).toEqual(["errors.resetPending", "ok"]);
    expect(await db.provisioningJob.count({ where: { serviceId: service.id, operation: "reset_password" } })).toBe(1);
    expect(await getServiceOverview(owner, service.id, { module: panel })).toMatchObject({ resetPending: true, passwordWaiting: false });
    expect(await db.auditEvent.count({ where: { action: "services.password.reset_requested", targetId: service.id } })).toBe(1);

    expect(await runDueProvisioningJobs({ module: () => panel, log: quiet })).toMatchObject({ done: 1 });
    expect(await getServiceOverview(owner, service.id, { module: panel })).toMatchObject({ resetPending: false, passwordWaiting: true });
    expect(await getServiceOverview(viewer, service.id, { module: panel })).toMatchObject({ passwordWaiting: false });
    const password = await getInitialPasswordOnce(owner, service.id);
    expect(password).toEqual(expect.any(String));
    const account = await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } });
    expect(await verifyPanelPassword(account.passwordHash, password!)).toBe(true);
    expect(await verifyPanelPassword(account.passwordHash, PASSWORD)).toBe(false);
    expect(await getInitialPasswordOnce(owner, service.id)).toBeNull();
    // A second reset is possible once the first has finished.
    expect(await refusal(requestPasswordReset(owner, service.id))).toBe("ok");
  });

  it("is refused for a service without a panel account", async () => {
    const vps = await db.service.create({ data: { customerId, kind: "vps", name: "VPS 4", status: "active" } });
    expect(await refusal(requestPasswordReset(owner, vps.id))).toBe("errors.noAccount");
    expect(await refusal(issueControlPanelLogin(owner, vps.id))).toBe("errors.noAccount");
    expect(await getServiceOverview(owner, vps.id)).toMatchObject({ login: null });
  });
});
