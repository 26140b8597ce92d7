// The hosting tools of the service page (lib/services/hosting.ts, hosting-mail.ts) over the
// built-in panel: every change needs services.manage on the service's own customer (another
// customer's technical contact gets "not found", the Billing preset, a view-only contact and staff
// are refused, and nothing changes in the Panel* tables); quota limits, taken names and a suspended
// account are refused with the form's message keys and change nothing; a panel outage is explained;
// each change leaves one audit row with the customer and without the password; the DNS link.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/hosting-resources
import { db } from "@/lib/db";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { BuiltinProvisioningModule, type PackageSpec, ProvisioningError, type ProvisioningModule } from "@/lib/integrations/provisioning";
import { verifyPanelPassword } from "@/lib/integrations/provisioning/builtin-secrets";
import {
  HostingError,
  changeHostingDatabasePassword,
  changeHostingFtpPassword,
  createHostingBackup,
  createHostingDatabase,
  createHostingFtpAccount,
  createHostingSubdomain,
  deleteHostingDatabase,
  deleteHostingFtpAccount,
  deleteHostingSubdomain,
  getHostingBackups,
  getHostingDatabases,
  getHostingFtpAccounts,
  getHostingSubdomains,
  hostingBackupDownloadLink,
  restoreHostingBackup,
} from "@/lib/services/hosting";
import {
  changeHostingMailboxPassword,
  changeHostingMailboxQuota,
  createHostingAlias,
  createHostingMailbox,
  deleteHostingAlias,
  deleteHostingMailbox,
  getHostingMail,
  getHostingMailbox,
  setHostingAutoReply,
} from "@/lib/services/hosting-mail";
import { createFtpSchema, createSubdomainSchema, hostingPasswordProblem } from "@/lib/services/hosting-schemas";
import { isAcceptablePanelPassword } from "@/lib/integrations/provisioning/builtin-names";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createDomain, createUser, unique } from "@/tests/helpers/factories";

const PASSWORD = "Strong-Hosting-Pass-42";
const BUSINESS: PackageSpec = { packageName: "business", diskQuotaMb: 2_000, bandwidthQuotaMb: 10_000, maxFtpAccounts: 5, maxDatabases: 5, maxMailboxes: 5, maxSubdomains: 5 };
const TINY: PackageSpec = { packageName: "tiny", diskQuotaMb: 100, bandwidthQuotaMb: 1_000, maxFtpAccounts: 1, maxDatabases: 1, maxMailboxes: 1, maxSubdomains: 1 };

// Builds the accounts the way the provisioning job does (through the module, no delay, no failures).
const panel = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0 });

let serverId: string;
let customerId: string;
let otherCustomerId: string;
let owner: CustomerActor;
let tech: CustomerActor;
let viewer: CustomerActor;
let billingContact: CustomerActor;
let otherTech: CustomerActor;
let admin: StaffActor;

/** An active hosting service of `cid` with a panel account for a fresh domain. */
async function hostingService(cid: string, pkg: PackageSpec = BUSINESS, kind: "hosting" | "vps" = "hosting") {
  const domain = `${unique("site")}.example`;
  const service = await db.service.create({ data: { customerId: cid, kind, name: "Web Hosting Business", label: domain, status: "active", serverId } });
  const account = await panel.create({ id: service.id, kind, serverId }, { serverId, domain, usernameHint: domain, password: PASSWORD, package: pkg });
  await db.service.update({ where: { id: service.id }, data: { username: account.username, domain: account.domain } });
  return { id: service.id, domain, username: account.username, accountId: (await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } })).id };
}

/** Everything the panel holds for an account, to compare before and after a refused call. */
async function panelState(accountId: string) {
  const [account, backups, ftp, databases, mailboxes, aliases, subdomains] = await Promise.all([
    db.panelAccount.findUniqueOrThrow({ where: { id: accountId }, select: { suspended: true, passwordHash: true } }),
    db.panelBackup.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.panelFtpAccount.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.panelDatabase.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.panelMailbox.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.panelMailAlias.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.panelSubdomain.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
  ]);
  return { account, backups, ftp, databases, mailboxes, aliases, subdomains };
}

const auditCount = (serviceId: string) => db.auditEvent.count({ where: { targetType: "service", targetId: serviceId, action: { startsWith: "services." } } });

/** The outcome of a call: "ok", the HostingError's key (and field), "forbidden" or the unexpected error. */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof HostingError ? (error.field ? `${error.key}@${error.field}` : error.key) : error instanceof PermissionDenied ? "forbidden" : `unexpected: ${String(error)}`),
  );

beforeAll(async () => {
  serverId = (await db.server.create({ data: { name: "Hosting tools test", hostname: `${unique("web")}.portico.test`, module: "builtin" } })).id;
  customerId = (await createCustomer(db)).id;
  otherCustomerId = (await createCustomer(db)).id;
  const [ownerUser, techUser, viewerUser, billingUser, otherUser, adminUser] = await Promise.all([
    createUser(db),
    createUser(db),
    createUser(db),
    createUser(db),
    createUser(db),
    createUser(db, { staffRole: "administrator" }),
  ]);
  await addMember(db, ownerUser.id, customerId, { preset: "owner" });
  await addMember(db, techUser.id, customerId, { preset: "technical" });
  await addMember(db, viewerUser.id, customerId, { preset: "technical", permissions: ["services.view", "domains.view"] });
  await addMember(db, billingUser.id, customerId, { preset: "billing" });
  await addMember(db, otherUser.id, otherCustomerId, { preset: "technical" });
  owner = await customerActorFor(ownerUser.id, customerId);
  tech = await customerActorFor(techUser.id, customerId);
  viewer = await customerActorFor(viewerUser.id, customerId);
  billingContact = await customerActorFor(billingUser.id, customerId);
  otherTech = await customerActorFor(otherUser.id, otherCustomerId);
  admin = await staffActorFor(adminUser.id);
});

describe("schemas", () => {
  it("hold passwords to more than the panel, and everything they accept the panel accepts", () => {
    for (const weak of ["short1A!", "alllowercaseletters", "ALLUPPER12345", "abcdefghijk1"]) expect([weak, hostingPasswordProblem(weak)]).not.toEqual([weak, null]);
    expect(hostingPasswordProblem("Abcdefghijk1")).toBeNull();
    expect(hostingPasswordProblem(PASSWORD)).toBeNull();
    expect(isAcceptablePanelPassword(PASSWORD)).toBe(true);
    expect(hostingPasswordProblem("x".repeat(129))).toBe("errors.passwordLong");
  });

  it("use the panel's name and directory rules and report them on the field", () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const bad = createFtpSchema.safeParse({ serviceId: id, name: "-bad", password: "weak", directory: "/../etc", quotaMb: "0" });
    expect(bad.success).toBe(false);
    const issues = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(issues).toEqual({ name: "errors.ftpName", password: "errors.passwordShort", directory: "errors.directory", quotaMb: "errors.quota" });
    expect(createFtpSchema.parse({ serviceId: id, name: " Deploy ", password: PASSWORD, directory: "public_html//blog/", quotaMb: "" })).toMatchObject({ name: "deploy", directory: "/public_html/blog", quotaMb: null });
    // The server action parses the client's output again: numbers and null pass.
    expect(createFtpSchema.parse({ serviceId: id, name: "deploy", password: PASSWORD, directory: "/", quotaMb: 250 })).toMatchObject({ quotaMb: 250 });
    expect(createSubdomainSchema.safeParse({ serviceId: id, label: "www", documentRoot: "/public_html/www" }).error?.issues[0].message).toBe("errors.subdomainReserved");
    expect(createSubdomainSchema.safeParse({ serviceId: id, label: "blog", documentRoot: "/" }).error?.issues[0].message).toBe("errors.documentRoot");
  });
});

describe("who may read", () => {
  it("gives the lists to the customer's contacts with services.view, read-only without services.manage", async () => {
    const svc = await hostingService(customerId);
    await createHostingFtpAccount(owner, { serviceId: svc.id, name: "deploy", password: PASSWORD, directory: "/public_html", quotaMb: null });
    const asTech = await getHostingFtpAccounts(tech, svc.id);
    expect(asTech?.service).toMatchObject({ canManage: true, suspended: false, username: svc.username, limits: { ftpAccounts: 5, diskMb: 2_000 } });
    expect(asTech?.data?.map((f) => f.login)).toEqual([`deploy@${svc.domain}`]);
    const asViewer = await getHostingFtpAccounts(viewer, svc.id);
    expect(asViewer?.service.canManage).toBe(false);
    expect(asViewer?.data).toHaveLength(1);
    // Nothing of the password or its hash reaches the page.
    expect(JSON.stringify(asViewer)).not.toMatch(/hash|Strong-Hosting/i);
  });

  it("answers null to another customer, and refuses the Billing preset and staff", async () => {
    const svc = await hostingService(customerId);
    const reads = [getHostingBackups, getHostingFtpAccounts, getHostingDatabases, getHostingMail, getHostingSubdomains];
    for (const read of reads) {
      expect(await read(otherTech, svc.id)).toBeNull();
      await expect(read(billingContact, svc.id)).rejects.toBeInstanceOf(PermissionDenied);
      await expect(read(admin, svc.id)).rejects.toBeInstanceOf(PermissionDenied);
    }
    expect(await getHostingMailbox(otherTech, svc.id, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("answers null for a malformed id, another kind, a service without a panel account and a terminated one", async () => {
    expect(await getHostingFtpAccounts(owner, "not-a-uuid")).toBeNull();
    const vps = await hostingService(customerId, BUSINESS, "vps");
    expect(await getHostingFtpAccounts(owner, vps.id)).toBeNull();
    const pending = await db.service.create({ data: { customerId, kind: "hosting", name: "Pending hosting", status: "pending", serverId } });
    expect(await getHostingFtpAccounts(owner, pending.id)).toBeNull();
    const gone = await hostingService(customerId);
    await panel.terminate({ id: gone.id, serverId });
    await db.service.update({ where: { id: gone.id }, data: { status: "terminated", terminatedAt: new Date() } });
    expect(await getHostingFtpAccounts(owner, gone.id)).toBeNull();
  });
});

describe("who may change", () => {
  let svc: Awaited<ReturnType<typeof hostingService>>;
  let ids: { ftp: string; database: string; mailbox: string; alias: string; subdomain: string; backup: string };

  beforeAll(async () => {
    svc = await hostingService(customerId);
    const ftp = await createHostingFtpAccount(owner, { serviceId: svc.id, name: "keep", password: PASSWORD, directory: "/public_html", quotaMb: null });
    const database = await createHostingDatabase(owner, { serviceId: svc.id, name: "keep", password: PASSWORD });
    const mailbox = await createHostingMailbox(owner, { serviceId: svc.id, localPart: "keep", password: PASSWORD, quotaMb: 100 });
    const alias = await createHostingAlias(owner, { serviceId: svc.id, localPart: "sales", destination: `keep@${svc.domain}` });
    const subdomain = await createHostingSubdomain(owner, { serviceId: svc.id, label: "keep", documentRoot: "/public_html/keep" });
    const backup = await db.panelBackup.create({ data: { accountId: svc.accountId, kind: "daily", status: "ready", sizeMb: 70, createdAt: new Date(Date.now() - 86_400_000), completedAt: new Date() } });
    ids = { ftp: ftp.id, database: database.id, mailbox: mailbox.id, alias: alias.id, subdomain: subdomain.id, backup: backup.id };
  });

  const changes = (): [string, (actor: CustomerActor | StaffActor) => Promise<unknown>][] => [
    ["createBackup", (a) => createHostingBackup(a, { serviceId: svc.id })],
    ["restoreBackup", (a) => restoreHostingBackup(a, { serviceId: svc.id, backupId: ids.backup })],
    ["backupDownloadLink", (a) => hostingBackupDownloadLink(a, { serviceId: svc.id, backupId: ids.backup })],
    ["createFtp", (a) => createHostingFtpAccount(a, { serviceId: svc.id, name: "sneaky", password: PASSWORD, directory: "/", quotaMb: null })],
    ["ftpPassword", (a) => changeHostingFtpPassword(a, { serviceId: svc.id, ftpId: ids.ftp, password: "Another-Pass-2041" })],
    ["deleteFtp", (a) => deleteHostingFtpAccount(a, { serviceId: svc.id, ftpId: ids.ftp })],
    ["createDatabase", (a) => createHostingDatabase(a, { serviceId: svc.id, name: "sneaky", password: PASSWORD })],
    ["databasePassword", (a) => changeHostingDatabasePassword(a, { serviceId: svc.id, databaseId: ids.database, password: "Another-Pass-2041" })],
    ["deleteDatabase", (a) => deleteHostingDatabase(a, { serviceId: svc.id, databaseId: ids.database })],
    ["createMailbox", (a) => createHostingMailbox(a, { serviceId: svc.id, localPart: "sneaky", password: PASSWORD, quotaMb: null })],
    ["mailboxPassword", (a) => changeHostingMailboxPassword(a, { serviceId: svc.id, mailboxId: ids.mailbox, password: "Another-Pass-2041" })],
    ["mailboxQuota", (a) => changeHostingMailboxQuota(a, { serviceId: svc.id, mailboxId: ids.mailbox, quotaMb: 200 })],
    ["autoReply", (a) => setHostingAutoReply(a, { serviceId: svc.id, mailboxId: ids.mailbox, enabled: true, subject: "Away", body: "Back on Monday.", until: "" })],
    ["deleteMailbox", (a) => deleteHostingMailbox(a, { serviceId: svc.id, mailboxId: ids.mailbox })],
    ["createAlias", (a) => createHostingAlias(a, { serviceId: svc.id, localPart: "sneaky", destination: "thief@example.org" })],
    ["deleteAlias", (a) => deleteHostingAlias(a, { serviceId: svc.id, aliasId: ids.alias })],
    ["createSubdomain", (a) => createHostingSubdomain(a, { serviceId: svc.id, label: "sneaky", documentRoot: "/public_html/sneaky" })],
    ["deleteSubdomain", (a) => deleteHostingSubdomain(a, { serviceId: svc.id, subdomainId: ids.subdomain })],
  ];

  it("answers 'not found' to another customer's technical contact and refuses the Billing preset, a view-only contact and staff; nothing changes", async () => {
    const before = await panelState(svc.accountId);
    const audits = await auditCount(svc.id);
    for (const [name, call] of changes()) {
      expect([name, await outcome(call(otherTech))]).toEqual([name, "errors.notFound"]);
      expect([name, await outcome(call(billingContact))]).toEqual([name, "forbidden"]);
      expect([name, await outcome(call(viewer))]).toEqual([name, "forbidden"]);
      expect([name, await outcome(call(admin))]).toEqual([name, "forbidden"]);
    }
    expect(await panelState(svc.accountId)).toEqual(before);
    expect(await auditCount(svc.id)).toBe(audits);
  });

  it("refuses every change of a suspended account (reads still work, read-only); nothing changes", async () => {
    await panel.suspend({ id: svc.id, serverId }, "overdue");
    await db.service.update({ where: { id: svc.id }, data: { status: "suspended", suspendReason: "overdue", suspendedAt: new Date() } });
    try {
      const before = await panelState(svc.accountId);
      const audits = await auditCount(svc.id);
      for (const [name, call] of changes()) expect([name, await outcome(call(tech))]).toEqual([name, "errors.suspended"]);
      expect(await panelState(svc.accountId)).toEqual(before);
      expect(await auditCount(svc.id)).toBe(audits);
      const view = await getHostingFtpAccounts(tech, svc.id);
      expect(view?.service).toMatchObject({ suspended: true, canManage: false });
      expect(view?.data).toHaveLength(1);
    } finally {
      await panel.unsuspend({ id: svc.id, serverId });
      await db.service.update({ where: { id: svc.id }, data: { status: "active", suspendReason: null, suspendedAt: null } });
    }
  });

  it("refuses a panel-side suspension too (Portico's status not yet updated)", async () => {
    await panel.suspend({ id: svc.id, serverId }, "staff: abuse");
    try {
      const before = await panelState(svc.accountId);
      expect(await outcome(createHostingFtpAccount(tech, { serviceId: svc.id, name: "late", password: PASSWORD, directory: "/", quotaMb: null }))).toBe("errors.suspended");
      expect(await panelState(svc.accountId)).toEqual(before);
    } finally {
      await panel.unsuspend({ id: svc.id, serverId });
    }
  });
});

describe("changes by a technical contact", () => {
  it("FTP: create, change the password, delete — each audited with the customer, never the password", async () => {
    const svc = await hostingService(customerId);
    const ftp = await createHostingFtpAccount(tech, { serviceId: svc.id, name: "Deploy", password: PASSWORD, directory: "public_html/app", quotaMb: 500 }, { ip: "203.0.113.9", userAgent: "jest" });
    expect(ftp).toMatchObject({ login: `deploy@${svc.domain}`, directory: "/public_html/app", quotaMb: 500 });
    const row = await db.panelFtpAccount.findUniqueOrThrow({ where: { id: ftp.id } });
    expect(await verifyPanelPassword(row.passwordHash, PASSWORD)).toBe(true);

    await changeHostingFtpPassword(tech, { serviceId: svc.id, ftpId: ftp.id, password: "Changed-Pass-2041" });
    expect(await verifyPanelPassword((await db.panelFtpAccount.findUniqueOrThrow({ where: { id: ftp.id } })).passwordHash, "Changed-Pass-2041")).toBe(true);
    await deleteHostingFtpAccount(tech, { serviceId: svc.id, ftpId: ftp.id });
    expect(await db.panelFtpAccount.count({ where: { id: ftp.id } })).toBe(0);
    // Deleting again: it is gone.
    expect(await outcome(deleteHostingFtpAccount(tech, { serviceId: svc.id, ftpId: ftp.id }))).toBe("errors.resourceGone");

    const audits = await db.auditEvent.findMany({ where: { targetId: svc.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["services.ftp.created", "services.ftp.password_changed", "services.ftp.deleted"]);
    for (const a of audits) {
      expect(a).toMatchObject({ customerId, actorUserId: tech.userId, targetType: "service" });
      expect(JSON.stringify({ ...a, id: String(a.id) })).not.toMatch(/Strong-Hosting|Changed-Pass|passwordHash/);
    }
    expect(audits[0]).toMatchObject({ ip: "203.0.113.9", data: { login: `deploy@${svc.domain}`, resourceId: ftp.id } });
  });

  it("databases: create with the username prefix, change the password, delete", async () => {
    const svc = await hostingService(customerId);
    const database = await createHostingDatabase(tech, { serviceId: svc.id, name: "shop", password: PASSWORD });
    expect(database).toMatchObject({ name: `${svc.username}_shop`, dbUser: `${svc.username}_shop` });
    expect((await getHostingDatabases(tech, svc.id))?.data?.map((d) => d.name)).toEqual([`${svc.username}_shop`]);
    await changeHostingDatabasePassword(tech, { serviceId: svc.id, databaseId: database.id, password: "Changed-Pass-2041" });
    expect(await outcome(createHostingDatabase(tech, { serviceId: svc.id, name: "shop", password: PASSWORD }))).toBe("errors.databaseTaken@name");
    await deleteHostingDatabase(tech, { serviceId: svc.id, databaseId: database.id });
    expect(await db.panelDatabase.count({ where: { accountId: svc.accountId } })).toBe(0);
    const actions = (await db.auditEvent.findMany({ where: { targetId: svc.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["services.database.created", "services.database.password_changed", "services.database.deleted"]);
  });

  it("mail: a mailbox with quota, password and auto-responder, an alias, and the refusals on their fields", async () => {
    const svc = await hostingService(customerId);
    const mailbox = await createHostingMailbox(tech, { serviceId: svc.id, localPart: "Info", password: PASSWORD, quotaMb: 300 });
    expect(mailbox).toMatchObject({ address: `info@${svc.domain}`, quotaMb: 300 });
    await changeHostingMailboxPassword(tech, { serviceId: svc.id, mailboxId: mailbox.id, password: "Changed-Pass-2041" });
    await changeHostingMailboxQuota(tech, { serviceId: svc.id, mailboxId: mailbox.id, quotaMb: null });
    expect(await outcome(changeHostingMailboxQuota(tech, { serviceId: svc.id, mailboxId: mailbox.id, quotaMb: 5_000 }))).toBe("errors.quotaAboveDisk@quotaMb");
    await db.panelMailbox.update({ where: { id: mailbox.id }, data: { usedMb: 40 } });
    expect(await outcome(changeHostingMailboxQuota(tech, { serviceId: svc.id, mailboxId: mailbox.id, quotaMb: 30 }))).toBe("errors.quotaBelowUsed@quotaMb");
    await setHostingAutoReply(tech, { serviceId: svc.id, mailboxId: mailbox.id, enabled: true, subject: "On holiday", body: "Back on 3 August.", until: "2041-08-03" });
    const page = await getHostingMailbox(tech, svc.id, mailbox.id);
    expect(page?.data).toMatchObject({ quotaMb: null, autoReply: { enabled: true, subject: "On holiday", until: "2041-08-03" } });

    expect(await outcome(createHostingMailbox(tech, { serviceId: svc.id, localPart: "info", password: PASSWORD, quotaMb: null }))).toBe("errors.addressTaken@localPart");
    expect(await outcome(createHostingAlias(tech, { serviceId: svc.id, localPart: "info", destination: "boss@example.org" }))).toBe("errors.addressTaken@localPart");
    expect(await outcome(createHostingAlias(tech, { serviceId: svc.id, localPart: "loop", destination: `loop@${svc.domain}` }))).toBe("errors.aliasSelf@destination");
    const alias = await createHostingAlias(tech, { serviceId: svc.id, localPart: "sales", destination: "Boss@Example.org" });
    expect(alias).toMatchObject({ source: `sales@${svc.domain}`, destination: "boss@example.org" });
    expect((await getHostingMail(tech, svc.id))?.data).toMatchObject({ mailboxes: [{ address: `info@${svc.domain}` }], aliases: [{ source: `sales@${svc.domain}` }] });

    await deleteHostingAlias(tech, { serviceId: svc.id, aliasId: alias.id });
    await deleteHostingMailbox(tech, { serviceId: svc.id, mailboxId: mailbox.id });
    expect(await getHostingMailbox(tech, svc.id, mailbox.id)).toBeNull();
    const audits = await db.auditEvent.findMany({ where: { targetId: svc.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual([
      "services.mailbox.created",
      "services.mailbox.password_changed",
      "services.mailbox.quota_changed",
      "services.mailbox.auto_reply_changed",
      "services.alias.created",
      "services.alias.deleted",
      "services.mailbox.deleted",
    ]);
    for (const a of audits) expect(JSON.stringify(a.data)).not.toMatch(/Strong-Hosting|Changed-Pass/);
  });

  it("subdomains and backups: create, refuse the taken name, restore and a download link, delete", async () => {
    const svc = await hostingService(customerId);
    const subdomain = await createHostingSubdomain(tech, { serviceId: svc.id, label: "blog", documentRoot: "/public_html/blog" });
    expect(subdomain.fqdn).toBe(`blog.${svc.domain}`);
    expect(await outcome(createHostingSubdomain(tech, { serviceId: svc.id, label: "blog", documentRoot: "/public_html/blog2" }))).toBe("errors.subdomainTaken@label");
    await deleteHostingSubdomain(tech, { serviceId: svc.id, subdomainId: subdomain.id });

    const running = await createHostingBackup(tech, { serviceId: svc.id });
    expect(running.status).toBe("running");
    expect(await outcome(createHostingBackup(tech, { serviceId: svc.id }))).toBe("errors.backupBusy");
    expect(await outcome(restoreHostingBackup(tech, { serviceId: svc.id, backupId: running.id }))).toBe("errors.backupNotReady");
    expect(await outcome(hostingBackupDownloadLink(tech, { serviceId: svc.id, backupId: running.id }))).toBe("errors.backupNotReady");
    await db.panelBackup.update({ where: { id: running.id }, data: { status: "ready", completedAt: new Date() } });
    const link = await hostingBackupDownloadLink(tech, { serviceId: svc.id, backupId: running.id });
    expect(link.url).toMatch(new RegExp(`/panel/backups/${running.id}/download\\?token=`));
    expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect((await restoreHostingBackup(tech, { serviceId: svc.id, backupId: running.id })).status).toBe("restoring");
    expect((await getHostingBackups(tech, svc.id))?.data?.map((b) => b.status)).toEqual(["restoring"]);
    const actions = (await db.auditEvent.findMany({ where: { targetId: svc.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["services.subdomain.created", "services.subdomain.deleted", "services.backup.created", "services.backup.download_link_issued", "services.backup.restored"]);
  });
});

describe("package limits", () => {
  it("refuse the next FTP account, database, mailbox and subdomain with the localised key, changing nothing", async () => {
    const svc = await hostingService(customerId, TINY);
    await createHostingFtpAccount(tech, { serviceId: svc.id, name: "one", password: PASSWORD, directory: "/", quotaMb: null });
    await createHostingDatabase(tech, { serviceId: svc.id, name: "one", password: PASSWORD });
    await createHostingMailbox(tech, { serviceId: svc.id, localPart: "one", password: PASSWORD, quotaMb: null });
    await createHostingSubdomain(tech, { serviceId: svc.id, label: "one", documentRoot: "/public_html/one" });
    const before = await panelState(svc.accountId);
    const audits = await auditCount(svc.id);
    expect(await outcome(createHostingFtpAccount(tech, { serviceId: svc.id, name: "two", password: PASSWORD, directory: "/", quotaMb: null }))).toBe("errors.ftpLimit");
    expect(await outcome(createHostingDatabase(tech, { serviceId: svc.id, name: "two", password: PASSWORD }))).toBe("errors.databaseLimit");
    expect(await outcome(createHostingMailbox(tech, { serviceId: svc.id, localPart: "two", password: PASSWORD, quotaMb: null }))).toBe("errors.mailboxLimit");
    expect(await outcome(createHostingSubdomain(tech, { serviceId: svc.id, label: "two", documentRoot: "/public_html/two" }))).toBe("errors.subdomainLimit");
    expect(await panelState(svc.accountId)).toEqual(before);
    expect(await auditCount(svc.id)).toBe(audits);
  });

  it("refuse an FTP quota above the disk on its field, and a full disk for a new database", async () => {
    const svc = await hostingService(customerId, { ...TINY, maxFtpAccounts: 3, maxDatabases: 3 });
    expect(await outcome(createHostingFtpAccount(tech, { serviceId: svc.id, name: "big", password: PASSWORD, directory: "/", quotaMb: 101 }))).toBe("errors.quotaAboveDisk@quotaMb");
    // The account's base use is 64 MB of its 100; a 40 MB database fills it.
    await db.panelDatabase.create({ data: { accountId: svc.accountId, serverId, name: `${svc.username}_big`, dbUser: `${svc.username}_big`, passwordHash: "x", sizeMb: 40 } });
    const before = await panelState(svc.accountId);
    expect(await outcome(createHostingDatabase(tech, { serviceId: svc.id, name: "more", password: PASSWORD }))).toBe("errors.diskFull");
    expect(await panelState(svc.accountId)).toEqual(before);
  });

  it("a taken FTP login on the server is refused on the name field (another account, same domain)", async () => {
    const first = await hostingService(customerId);
    const otherSvc = await hostingService(otherCustomerId);
    // Another customer's account on the same server whose domain clashes with the first one's FTP login.
    await db.panelAccount.update({ where: { id: otherSvc.accountId }, data: { domain: first.domain } });
    await db.panelFtpAccount.create({ data: { accountId: otherSvc.accountId, serverId, login: `web@${first.domain}`, passwordHash: "x", directory: "/" } });
    expect(await outcome(createHostingFtpAccount(tech, { serviceId: first.id, name: "web", password: PASSWORD, directory: "/", quotaMb: null }))).toBe("errors.ftpTaken@name");
  });
});

describe("a panel that does not answer", () => {
  it("explains the outage of a change and changes nothing; a read shows the message instead of a list", async () => {
    const svc = await hostingService(customerId);
    const flaky = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0, failTimes: { createFtpAccount: 1 } });
    const before = await panelState(svc.accountId);
    expect(await outcome(createHostingFtpAccount(tech, { serviceId: svc.id, name: "retry", password: PASSWORD, directory: "/", quotaMb: null }, { module: flaky }))).toBe("errors.unavailable");
    expect(await panelState(svc.accountId)).toEqual(before);
    expect(await auditCount(svc.id)).toBe(0);
    // The second try goes through.
    expect(await outcome(createHostingFtpAccount(tech, { serviceId: svc.id, name: "retry", password: PASSWORD, directory: "/", quotaMb: null }, { module: flaky }))).toBe("ok");

    // A panel that is down for reads (only the call the page makes is needed).
    const down = { name: "down", hosting: { listFtpAccounts: () => Promise.reject(new ProvisioningError("unavailable", "down")) } } as unknown as ProvisioningModule;
    const view = await getHostingFtpAccounts(tech, svc.id, { module: down });
    expect(view).toMatchObject({ data: null, errorKey: "errors.unavailable", service: { id: svc.id } });
  });
});

describe("the DNS link", () => {
  it("points to the customer's domain (or the parent zone) and is a note otherwise", async () => {
    const svc = await hostingService(customerId);
    expect((await getHostingSubdomains(tech, svc.id))?.data?.dns).toBeNull();
    const domain = await createDomain(db, customerId, { name: svc.domain });
    expect((await getHostingSubdomains(tech, svc.id))?.data).toMatchObject({ dns: { domainId: domain.id, name: svc.domain }, canViewDomains: true });

    const parent = await createDomain(db, customerId, { name: `${unique("zone")}.example` });
    const sub = await hostingService(customerId);
    await db.service.update({ where: { id: sub.id }, data: { domain: `staging.${parent.name}` } });
    expect((await getHostingSubdomains(tech, sub.id))?.data?.dns).toEqual({ domainId: parent.id, name: parent.name });

    // Another customer's domain of the same name is never linked.
    const foreign = await hostingService(otherCustomerId);
    await db.service.update({ where: { id: foreign.id }, data: { domain: `www.${parent.name}` } });
    expect((await getHostingSubdomains(otherTech, foreign.id))?.data?.dns).toBeNull();

    // Without domains.view, no link.
    const noDomains = await createUser(db);
    await addMember(db, noDomains.id, customerId, { preset: "technical", permissions: ["services.view", "services.manage"] });
    const actor = await customerActorFor(noDomains.id, customerId);
    expect((await getHostingSubdomains(actor, svc.id))?.data).toMatchObject({ dns: null, canViewDomains: false });
  });
});
