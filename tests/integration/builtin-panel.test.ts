// The built-in simulated control panel: accounts, quotas, name rules, uniqueness per server, a
// suspended account refusing changes, backups over time, and the signed SSO and download links.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/builtin-panel
import { gunzipSync } from "node:zlib";
import { db } from "@/lib/db";
import { BuiltinProvisioningModule, ProvisioningError, moduleFor, type PackageSpec, type ProvisionedService } from "@/lib/integrations/provisioning";
import { backupDownloadFor, consumeSsoToken, panelViewFor } from "@/lib/integrations/provisioning/builtin-links";
import { signPanelLink, verifyPanelPassword } from "@/lib/integrations/provisioning/builtin-secrets";
import { GET as downloadRoute } from "@/app/panel/backups/[id]/download/route";
import { GET as ssoRoute } from "@/app/panel/sso/route";
import SimulatedPanelPage from "@/app/panel/page";
import { renderToStaticMarkup } from "react-dom/server";
import { createCustomer, createService, unique } from "@/tests/helpers/factories";

const PACKAGE: PackageSpec = { packageName: "starter", diskQuotaMb: 1_000, bandwidthQuotaMb: 10_000, maxFtpAccounts: 2, maxDatabases: 2, maxMailboxes: 2, maxSubdomains: 1 };
const PASSWORD = "Panel-Pass-2041";

let clock = new Date("2041-06-01T10:00:00Z");
const panel = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0, backupSeconds: 30, clock: () => clock, appUrl: "https://portal.example.test" });
const hosting = panel.hosting;

async function createServer(module = "builtin") {
  return db.server.create({ data: { name: "Web test", hostname: `${unique("web")}.portico.test`, module } });
}

/** A pending hosting service with a panel account on `serverId` for `domain`. */
async function account(opts: { serverId?: string; domain?: string; pkg?: PackageSpec } = {}) {
  const serverId = opts.serverId ?? (await createServer()).id;
  const customer = await createCustomer(db);
  const row = await createService(db, customer.id, { status: "active" });
  const service: ProvisionedService = { id: row.id, kind: "hosting", serverId };
  const domain = opts.domain ?? `${unique("site")}.example`;
  const created = await panel.create(service, { serverId, domain, usernameHint: domain, password: PASSWORD, package: opts.pkg ?? PACKAGE });
  return { service, serverId, domain, created, customerId: customer.id };
}

const code = (promise: Promise<unknown>) => promise.then(() => "ok", (error: unknown) => (error instanceof ProvisioningError ? error.code : `unexpected: ${String(error)}`));

describe("accounts", () => {
  it("creates an account with a username from the domain, a hashed password and the package's quotas", async () => {
    const { service, created, serverId } = await account({ domain: "acme-studio.vn" });
    expect(created).toMatchObject({ created: true, username: "acmestudio", domain: "acme-studio.vn", packageName: "starter", suspended: false, webmailUrl: "https://webmail.acme-studio.vn" });
    const server = await db.server.findUniqueOrThrow({ where: { id: serverId } });
    expect(created.controlPanelUrl).toBe(`https://${server.hostname}:2083`);
    const row = await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } });
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPanelPassword(row.passwordHash, PASSWORD)).toBe(true);
    expect(row).toMatchObject({ maxFtpAccounts: 2, maxDatabases: 2, diskQuotaMb: 1_000 });
    expect(await panel.accountInfo(service)).toMatchObject({ username: "acmestudio" });
  });

  it("is idempotent: a second create (even concurrent) returns the same account", async () => {
    const serverId = (await createServer()).id;
    const customer = await createCustomer(db);
    const row = await createService(db, customer.id);
    const service = { id: row.id, serverId };
    const spec = { serverId, domain: "idem.example", usernameHint: "idem.example", password: PASSWORD, package: PACKAGE };
    const [a, b] = await Promise.all([panel.create(service, spec), panel.create(service, spec)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.username).toBe(b.username);
    expect(await panel.create(service, spec)).toMatchObject({ created: false, username: a.username });
    expect(await db.panelAccount.count({ where: { serviceId: service.id } })).toBe(1);
  });

  it("keeps usernames unique per server: a clash gets a suffix, another server does not clash", async () => {
    const serverId = (await createServer()).id;
    const first = await account({ serverId, domain: "clash.example" });
    const second = await account({ serverId, domain: "clash.example.org" });
    const third = await account({ serverId, domain: "www.clash.com" });
    expect([first.created.username, second.created.username, third.created.username]).toEqual(["clash", "clashexample", "clash1"]);
    const elsewhere = await account({ domain: "clash.example" });
    expect(elsewhere.created.username).toBe("clash");
  });

  it("refuses a bad domain, a weak password, an unknown server and a terminated service", async () => {
    const serverId = (await createServer()).id;
    const customer = await createCustomer(db);
    const row = await createService(db, customer.id);
    const service = { id: row.id, serverId };
    const spec = { serverId, domain: "ok.example", usernameHint: "ok.example", password: PASSWORD, package: PACKAGE };
    expect(await code(panel.create(service, { ...spec, domain: "not a domain" }))).toBe("invalid_input");
    expect(await code(panel.create(service, { ...spec, password: "short" }))).toBe("invalid_input");
    expect(await code(panel.create(service, { ...spec, serverId: "00000000-0000-4000-8000-000000000000" }))).toBe("not_found");
    await db.service.update({ where: { id: row.id }, data: { status: "terminated", terminatedAt: new Date() } });
    expect(await code(panel.create(service, spec))).toBe("terminated");
    expect(await db.panelAccount.count({ where: { serviceId: row.id } })).toBe(0);
  });

  it("suspends and unsuspends the account with the service; a suspended account refuses changes but can be read", async () => {
    const { service } = await account();
    await hosting.createDatabase(service, { name: "wp", password: PASSWORD });
    expect(await panel.suspend(service, "abuse")).toEqual({ changed: true, status: "suspended" });
    expect((await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } })).suspended).toBe(true);

    expect(await code(hosting.createFtpAccount(service, { name: "dev", password: PASSWORD, directory: "/public_html", quotaMb: null }))).toBe("suspended");
    expect(await code(hosting.createBackup(service))).toBe("suspended");
    expect(await code(panel.resetPassword(service, "Another-Pass-1"))).toBe("suspended");
    expect(await code(panel.ssoUrl(service))).toBe("suspended");
    expect(await code(panel.changePackage(service, { ...PACKAGE, packageName: "business" }))).toBe("suspended");
    const [database] = await hosting.listDatabases(service);
    expect(await code(hosting.deleteDatabase(service, database.id))).toBe("suspended");
    expect(await hosting.listDatabases(service)).toHaveLength(1);

    expect(await panel.unsuspend(service)).toEqual({ changed: true, status: "active" });
    expect((await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } })).suspended).toBe(false);
    await hosting.deleteDatabase(service, database.id);
    expect(await hosting.listDatabases(service)).toEqual([]);
  });

  it("terminate removes the account and everything in it; later calls answer terminated", async () => {
    const { service } = await account({ domain: "gone.example" });
    await hosting.createMailbox(service, { localPart: "info", password: PASSWORD, quotaMb: 100 });
    expect(await panel.terminate(service)).toEqual({ changed: true, status: "terminated" });
    expect(await db.panelAccount.count({ where: { serviceId: service.id } })).toBe(0);
    expect(await db.panelMailbox.count({ where: { address: "info@gone.example" } })).toBe(0);
    expect(await code(hosting.listMailboxes(service))).toBe("terminated");
    expect(await code(panel.usage(service))).toBe("terminated");
    expect(await panel.accountInfo(service)).toBeNull();
  });

  it("changes package, refusing one the account has outgrown", async () => {
    const { service } = await account();
    await hosting.createFtpAccount(service, { name: "a", password: PASSWORD, directory: "/", quotaMb: null });
    await hosting.createFtpAccount(service, { name: "b", password: PASSWORD, directory: "/", quotaMb: null });
    expect(await panel.changePackage(service, PACKAGE)).toEqual({ changed: false });
    expect(await code(panel.changePackage(service, { ...PACKAGE, packageName: "tiny", maxFtpAccounts: 1 }))).toBe("quota_exceeded");
    expect(await panel.changePackage(service, { ...PACKAGE, packageName: "business", maxFtpAccounts: 10 })).toEqual({ changed: true });
    expect(await panel.accountInfo(service)).toMatchObject({ packageName: "business" });
    await hosting.createFtpAccount(service, { name: "c", password: PASSWORD, directory: "/", quotaMb: null });
  });

  it("resets the password (stored as a new hash)", async () => {
    const { service } = await account();
    await panel.resetPassword(service, "Brand-New-Pass-7");
    const row = await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } });
    expect(await verifyPanelPassword(row.passwordHash, "Brand-New-Pass-7")).toBe(true);
    expect(await verifyPanelPassword(row.passwordHash, PASSWORD)).toBe(false);
  });

  it("reports usage: base + databases + mailboxes, this month's bandwidth, the quotas", async () => {
    const { service } = await account();
    const db1 = await hosting.createDatabase(service, { name: "shop", password: PASSWORD });
    await db.panelDatabase.update({ where: { id: db1.id }, data: { sizeMb: 120 } });
    const box = await hosting.createMailbox(service, { localPart: "info", password: PASSWORD, quotaMb: 500 });
    await db.panelMailbox.update({ where: { id: box.id }, data: { usedMb: 80 } });
    await db.usageSample.createMany({
      data: [
        { serviceId: service.id, day: new Date("2041-05-31T00:00:00Z"), diskMb: 200, bandwidthMb: 999 },
        { serviceId: service.id, day: new Date("2041-06-01T00:00:00Z"), diskMb: 200, bandwidthMb: 300 },
      ],
    });
    expect(await panel.usage(service)).toEqual({ diskMb: 64 + 120 + 80, bandwidthMb: 300, diskQuotaMb: 1_000, bandwidthQuotaMb: 10_000 });
  });

  it("moduleFor picks the module by the service's server; an unknown module is a clear non-retryable error", async () => {
    const builtinServer = await createServer("builtin");
    const { service } = await account({ serverId: builtinServer.id });
    expect(await moduleFor(service).accountInfo(service)).toMatchObject({ domain: expect.any(String) });
    expect(await moduleFor({ id: service.id }).accountInfo(service)).toMatchObject({ domain: expect.any(String) });
    const strange = await createServer("cpanel-xyz");
    const error = await moduleFor({ id: service.id, serverId: strange.id })
      .suspend({ id: service.id, serverId: strange.id }, "abuse")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ProvisioningError", code: "unavailable", retryable: false });
    expect(await code(moduleFor({ id: service.id, serverId: strange.id }).hosting!.listDatabases(service))).toBe("unavailable");
  });
});

describe("hosting resources", () => {
  it("FTP: name@domain logins, directory rules, quota and uniqueness per server", async () => {
    const serverId = (await createServer()).id;
    const { service, domain } = await account({ serverId });
    const ftp = await hosting.createFtpAccount(service, { name: "Deploy", password: PASSWORD, directory: "public_html//", quotaMb: 500 });
    expect(ftp).toMatchObject({ login: `deploy@${domain}`, directory: "/public_html", quotaMb: 500 });
    expect(await code(hosting.createFtpAccount(service, { name: "deploy", password: PASSWORD, directory: "/", quotaMb: null }))).toBe("name_taken");
    expect(await code(hosting.createFtpAccount(service, { name: "bad name", password: PASSWORD, directory: "/", quotaMb: null }))).toBe("invalid_input");
    expect(await code(hosting.createFtpAccount(service, { name: "x", password: PASSWORD, directory: "../../etc", quotaMb: null }))).toBe("invalid_input");
    expect(await code(hosting.createFtpAccount(service, { name: "x", password: "weak", directory: "/", quotaMb: null }))).toBe("invalid_input");
    expect(await code(hosting.createFtpAccount(service, { name: "x", password: PASSWORD, directory: "/", quotaMb: 5_000 }))).toBe("quota_exceeded");
    await hosting.createFtpAccount(service, { name: "second", password: PASSWORD, directory: "/", quotaMb: null });
    expect(await code(hosting.createFtpAccount(service, { name: "third", password: PASSWORD, directory: "/", quotaMb: null }))).toBe("quota_exceeded");

    await hosting.changeFtpPassword(service, ftp.id, "Changed-Pass-9");
    const stored = await db.panelFtpAccount.findUniqueOrThrow({ where: { id: ftp.id } });
    expect(await verifyPanelPassword(stored.passwordHash, "Changed-Pass-9")).toBe(true);
    await hosting.deleteFtpAccount(service, ftp.id);
    expect((await hosting.listFtpAccounts(service)).map((f) => f.login)).toEqual([`second@${domain}`]);
  });

  it("quota checks hold under concurrent creates", async () => {
    const { service } = await account();
    const results = await Promise.all(["a", "b", "c", "d"].map((name) => code(hosting.createFtpAccount(service, { name, password: PASSWORD, directory: "/", quotaMb: null }))));
    expect(results.filter((r) => r === "ok")).toHaveLength(2);
    expect(results.filter((r) => r === "quota_exceeded")).toHaveLength(2);
    expect(await hosting.listFtpAccounts(service)).toHaveLength(2);
  });

  it("another account's resource, or a malformed id, is not found", async () => {
    const mine = await account();
    const theirs = await account();
    const ftp = await hosting.createFtpAccount(theirs.service, { name: "deploy", password: PASSWORD, directory: "/", quotaMb: null });
    expect(await code(hosting.deleteFtpAccount(mine.service, ftp.id))).toBe("not_found");
    expect(await code(hosting.changeFtpPassword(mine.service, "not-a-uuid", PASSWORD))).toBe("not_found");
    expect(await hosting.listFtpAccounts(theirs.service)).toHaveLength(1);
    expect(await code(hosting.listFtpAccounts({ id: "00000000-0000-4000-8000-000000000000" }))).toBe("not_found");
  });

  it("databases: <username>_<name> up to 64 characters, unique on the server, quota", async () => {
    const { service, created } = await account({ domain: "dbsite.example" });
    const database = await hosting.createDatabase(service, { name: "WP", password: PASSWORD });
    expect(database).toMatchObject({ name: `${created.username}_wp`, dbUser: `${created.username}_wp`, sizeMb: 1 });
    expect(await code(hosting.createDatabase(service, { name: `${created.username}_wp`, password: PASSWORD }))).toBe("name_taken");
    expect(await code(hosting.createDatabase(service, { name: "a".repeat(64 - created.username.length), password: PASSWORD }))).toBe("invalid_input");
    expect(await code(hosting.createDatabase(service, { name: "wp-site", password: PASSWORD }))).toBe("invalid_input");
    await hosting.createDatabase(service, { name: "a".repeat(63 - created.username.length), password: PASSWORD });
    expect(await code(hosting.createDatabase(service, { name: "third", password: PASSWORD }))).toBe("quota_exceeded");
  });

  it("refuses new data once the disk is full", async () => {
    const { service } = await account({ pkg: { ...PACKAGE, diskQuotaMb: 100 } });
    const box = await hosting.createMailbox(service, { localPart: "info", password: PASSWORD, quotaMb: 50 });
    await db.panelMailbox.update({ where: { id: box.id }, data: { usedMb: 40 } });
    expect(await code(hosting.createDatabase(service, { name: "wp", password: PASSWORD }))).toBe("quota_exceeded");
    expect(await code(hosting.createMailbox(service, { localPart: "sales", password: PASSWORD, quotaMb: 10 }))).toBe("quota_exceeded");
  });

  it("mailboxes, auto-responders and aliases", async () => {
    const { service, domain } = await account();
    const box = await hosting.createMailbox(service, { localPart: "Info", password: PASSWORD, quotaMb: 200 });
    expect(box).toMatchObject({ address: `info@${domain}`, quotaMb: 200, usedMb: 0, autoReply: { enabled: false, subject: null, body: null, until: null } });
    expect(await code(hosting.createMailbox(service, { localPart: "info", password: PASSWORD, quotaMb: null }))).toBe("name_taken");
    expect(await code(hosting.createMailbox(service, { localPart: ".bad", password: PASSWORD, quotaMb: null }))).toBe("invalid_input");

    const away = await hosting.updateMailbox(service, box.id, { autoReply: { enabled: true, subject: "Away", body: "Back on Monday.", until: "2041-06-30" } });
    expect(away.autoReply).toEqual({ enabled: true, subject: "Away", body: "Back on Monday.", until: "2041-06-30" });
    expect(await code(hosting.updateMailbox(service, box.id, { autoReply: { enabled: true, subject: "", body: "x", until: null } }))).toBe("invalid_input");
    expect(await code(hosting.updateMailbox(service, box.id, { autoReply: { enabled: false, subject: null, body: null, until: "2041-02-30" } }))).toBe("invalid_input");
    expect(await code(hosting.updateMailbox(service, box.id, { quotaMb: 5_000 }))).toBe("quota_exceeded");
    expect((await hosting.updateMailbox(service, box.id, { quotaMb: null, password: "Mail-Pass-2041" })).quotaMb).toBeNull();

    const alias = await hosting.createAlias(service, { localPart: "sales", destination: `info@${domain}` });
    expect(alias).toMatchObject({ source: `sales@${domain}`, destination: `info@${domain}` });
    expect(await code(hosting.createAlias(service, { localPart: "sales", destination: "someone@example.com" }))).toBe("name_taken");
    expect(await code(hosting.createAlias(service, { localPart: "info", destination: "someone@example.com" }))).toBe("name_taken");
    expect(await code(hosting.createMailbox(service, { localPart: "sales", password: PASSWORD, quotaMb: null }))).toBe("name_taken");
    expect(await code(hosting.createAlias(service, { localPart: "loop", destination: `loop@${domain}` }))).toBe("invalid_input");
    expect(await code(hosting.createAlias(service, { localPart: "x", destination: "not-an-address" }))).toBe("invalid_input");
    await hosting.deleteAlias(service, alias.id);
    await hosting.deleteMailbox(service, box.id);
    expect(await hosting.listMailboxes(service)).toEqual([]);
    expect(await hosting.listAliases(service)).toEqual([]);

    await hosting.createMailbox(service, { localPart: "a", password: PASSWORD, quotaMb: null });
    await hosting.createMailbox(service, { localPart: "b", password: PASSWORD, quotaMb: null });
    expect(await code(hosting.createMailbox(service, { localPart: "c", password: PASSWORD, quotaMb: null }))).toBe("quota_exceeded");
  });

  it("subdomains: RFC 1035 labels, reserved names, quota", async () => {
    const { service, domain } = await account();
    expect(await code(hosting.createSubdomain(service, { label: "2blog", documentRoot: "/public_html/blog" }))).toBe("invalid_input");
    expect(await code(hosting.createSubdomain(service, { label: "www", documentRoot: "/public_html/www" }))).toBe("name_taken");
    expect(await code(hosting.createSubdomain(service, { label: "blog", documentRoot: "../x" }))).toBe("invalid_input");
    const sub = await hosting.createSubdomain(service, { label: "Blog", documentRoot: "public_html/blog" });
    expect(sub).toMatchObject({ fqdn: `blog.${domain}`, documentRoot: "/public_html/blog" });
    expect(await code(hosting.createSubdomain(service, { label: "shop", documentRoot: "/public_html/shop" }))).toBe("quota_exceeded");
    await hosting.deleteSubdomain(service, sub.id);
    await hosting.createSubdomain(service, { label: "shop", documentRoot: "/public_html/shop" });
    expect((await hosting.listSubdomains(service)).map((s) => s.fqdn)).toEqual([`shop.${domain}`]);
  });
});

describe("backups", () => {
  it("run for a while, then are ready; restore goes restoring → ready; one at a time", async () => {
    clock = new Date("2041-06-01T10:00:00Z");
    const { service } = await account();
    const started = await hosting.createBackup(service);
    expect(started).toMatchObject({ status: "running", kind: "manual", sizeMb: 64, completedAt: null });
    expect(await code(hosting.createBackup(service))).toBe("invalid_state");
    expect(await code(hosting.backupDownloadUrl(service, started.id))).toBe("invalid_state");
    expect(await code(hosting.restoreBackup(service, started.id))).toBe("invalid_state");

    clock = new Date("2041-06-01T10:00:29Z");
    expect((await hosting.listBackups(service))[0].status).toBe("running");
    clock = new Date("2041-06-01T10:00:30Z");
    const [ready] = await hosting.listBackups(service);
    expect(ready).toMatchObject({ id: started.id, status: "ready", completedAt: new Date("2041-06-01T10:00:30Z"), restoredAt: null });

    clock = new Date("2041-06-01T11:00:00Z");
    const restoring = await hosting.restoreBackup(service, started.id);
    expect(restoring).toMatchObject({ status: "restoring", restoredAt: null });
    expect(await code(hosting.createBackup(service))).toBe("invalid_state");
    clock = new Date("2041-06-01T11:00:45Z");
    expect((await hosting.listBackups(service))[0]).toMatchObject({ status: "ready", restoredAt: new Date("2041-06-01T11:00:30Z") });
    expect(await code(hosting.restoreBackup(service, "00000000-0000-4000-8000-000000000000"))).toBe("not_found");
  });

  it("hands out a signed, expiring download link whose route streams a .tar.gz", async () => {
    clock = new Date();
    const { service, created } = await account();
    const backup = await hosting.createBackup(service);
    clock = new Date(Date.now() + 31_000);
    const { url, expiresAt } = await hosting.backupDownloadUrl(service, backup.id);
    expect(url).toMatch(new RegExp(`^https://portal\\.example\\.test/panel/backups/${backup.id}/download\\?token=`));
    expect(expiresAt.getTime() - clock.getTime()).toBe(15 * 60_000 - (clock.getTime() % 1000));

    const path = new URL(url);
    const response = await downloadRoute(new Request(`http://localhost${path.pathname}${path.search}`), { params: Promise.resolve({ id: backup.id }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="backup-${created.username}-\\d{8}T\\d{6}\\.tar\\.gz"$`));
    const tar = gunzipSync(Buffer.from(await response.arrayBuffer()));
    expect(tar.toString("latin1")).toContain(`Backup of ${created.username}`);

    // Another backup's id with this token, a forged and an expired token: 403.
    const other = await account();
    const otherBackup = await hosting.createBackup(other.service);
    const wrong = await downloadRoute(new Request(`http://localhost/panel/backups/${otherBackup.id}/download${path.search}`), { params: Promise.resolve({ id: otherBackup.id }) });
    expect(wrong.status).toBe(403);
    const forged = signPanelLink({ kind: "download", sub: backup.id, ttlSeconds: 900, secret: "f".repeat(40) }).token;
    expect(await backupDownloadFor(backup.id, forged)).toEqual({ ok: false, status: 403 });
    const token = path.searchParams.get("token");
    expect(await backupDownloadFor(backup.id, token, new Date(expiresAt.getTime() + 1000))).toEqual({ ok: false, status: 403 });
    const ssoToken = signPanelLink({ kind: "sso", sub: backup.id, ttlSeconds: 60 }).token;
    expect(await backupDownloadFor(backup.id, ssoToken)).toEqual({ ok: false, status: 403 });
    // A valid token for a backup that is gone: 404.
    await db.panelBackup.delete({ where: { id: backup.id } });
    expect(await backupDownloadFor(backup.id, token)).toEqual({ ok: false, status: 404 });
  });
});

describe("single sign-on", () => {
  it("gives a one-time link valid for a minute that opens the panel view", async () => {
    clock = new Date();
    const { service, created } = await account();
    const { url, expiresAt } = await panel.ssoUrl(service, { now: clock });
    expect(expiresAt.getTime() - clock.getTime()).toBeLessThanOrEqual(60_000);
    expect(expiresAt.getTime() - clock.getTime()).toBeGreaterThan(58_000);
    const path = new URL(url);
    expect(path.pathname).toBe("/panel/sso");

    const first = await ssoRoute(new Request(`http://localhost${path.pathname}${path.search}`));
    expect(first.status).toBe(303);
    const location = first.headers.get("location")!;
    expect(location).toMatch(/^\/panel\?view=/);
    const view = await panelViewFor(new URL(location, "http://localhost").searchParams.get("view"));
    expect(view).toMatchObject({ username: created.username, packageName: "starter", suspended: false, counts: { ftp: 0, databases: 0 } });

    const html = renderToStaticMarkup(await SimulatedPanelPage({ searchParams: Promise.resolve({ view: new URL(location, "http://localhost").searchParams.get("view")! }) }));
    expect(html).toContain(`Simulated control panel — signed in as ${created.username}`);
    expect(renderToStaticMarkup(await SimulatedPanelPage({ searchParams: Promise.resolve({ view: "forged.token" }) }))).toContain("Session expired");
    expect(renderToStaticMarkup(await SimulatedPanelPage({ searchParams: Promise.resolve({}) }))).not.toContain("signed in as");

    // Single use: the same link again is refused.
    const again = await ssoRoute(new Request(`http://localhost${path.pathname}${path.search}`));
    expect(again.status).toBe(403);
    expect(await again.text()).toMatch(/already used/);
  });

  it("lets only one of two simultaneous uses through", async () => {
    const { service } = await account();
    const { url } = await panel.ssoUrl(service);
    const token = new URL(url).searchParams.get("token");
    const results = await Promise.all([consumeSsoToken(token), consumeSsoToken(token), consumeSsoToken(token)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "used")).toHaveLength(2);
  });

  it("refuses expired, forged and wrong-kind tokens, and a view token that is not one", async () => {
    const { service } = await account();
    const issued = new Date(Date.now() - 61_000);
    const { url } = await panel.ssoUrl(service, { now: issued });
    expect(await consumeSsoToken(new URL(url).searchParams.get("token"))).toEqual({ ok: false, reason: "expired" });
    const account_ = await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } });
    expect(await consumeSsoToken(signPanelLink({ kind: "sso", sub: account_.id, ttlSeconds: 60, secret: "z".repeat(40) }).token)).toEqual({ ok: false, reason: "bad_signature" });
    expect(await consumeSsoToken(signPanelLink({ kind: "view", sub: account_.id, ttlSeconds: 60 }).token)).toEqual({ ok: false, reason: "wrong_kind" });
    expect(await consumeSsoToken(null)).toEqual({ ok: false, reason: "malformed" });
    const forgedRoute = await ssoRoute(new Request("http://localhost/panel/sso?token=abc.def"));
    expect(forgedRoute.status).toBe(403);
    expect(await panelViewFor(signPanelLink({ kind: "sso", sub: account_.id, ttlSeconds: 60 }).token)).toBeNull();
    expect(await panelViewFor("garbage")).toBeNull();
  });
});

describe("failures", () => {
  it("scripted failures (failTimes) fail the next calls with a retryable error and change nothing", async () => {
    const flaky = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0, failTimes: { create: 2, createFtpAccount: 1 } });
    const serverId = (await createServer()).id;
    const customer = await createCustomer(db);
    const row = await createService(db, customer.id);
    const service = { id: row.id, serverId };
    const spec = { serverId, domain: "flaky.example", usernameHint: "flaky.example", password: PASSWORD, package: PACKAGE };
    for (let i = 0; i < 2; i++) {
      const error = await flaky.create(service, spec).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "unavailable", retryable: true });
      expect(await db.panelAccount.count({ where: { serviceId: row.id } })).toBe(0);
    }
    expect((await flaky.create(service, spec)).created).toBe(true);
    expect(await code(flaky.hosting.createFtpAccount(service, { name: "x", password: PASSWORD, directory: "/", quotaMb: null }))).toBe("unavailable");
    expect(await code(flaky.hosting.createFtpAccount(service, { name: "x", password: PASSWORD, directory: "/", quotaMb: null }))).toBe("ok");
  });

  it("takes its time when asked to", async () => {
    const slow = new BuiltinProvisioningModule({ delayMs: 120, failureRate: 0 });
    const { service } = await account();
    const started = Date.now();
    await slow.resetPassword(service, "Slow-Pass-2041");
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});
