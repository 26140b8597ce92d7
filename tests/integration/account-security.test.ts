// The security page's lib (issue 7): sessions (list, sign out one, everywhere else, refused on the
// next request), the login history (recorded with user and browser, 90 days, paginated), the
// new-login email (only for a browser not seen before), security-change emails, the password form,
// and the VPN password through the built-in provisioning module.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { LOGIN_HISTORY_PAGE_SIZE, changeOwnPassword, listOwnSessions, loginHistory, signOutOtherSessions, signOutSession } from "@/lib/auth/account-security";
import { PermissionDenied } from "@/lib/auth/errors";
import { browserFingerprint } from "@/lib/auth/known-devices";
import { loginWithPassword } from "@/lib/auth/login";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { queueSecurityChangeEmail } from "@/lib/auth/security-emails";
import { BuiltinProvisioningModule, ProvisioningError } from "@/lib/integrations/provisioning";
import { hashPanelPassword, verifyPanelPassword } from "@/lib/integrations/provisioning/builtin-secrets";
import { setVpnPassword } from "@/lib/services/vpn-access";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomerWithOwner, createService, createUser, unique } from "@/tests/helpers/factories";

const CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const CHROME_WIN_NEXT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.6834.83 Safari/537.36";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const DAY_MS = 24 * 60 * 60 * 1000;
const ip = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function signIn(email: string, userAgent: string | null = CHROME_WIN, password = DEFAULT_TEST_PASSWORD) {
  const result = await loginWithPassword(email, password, { ip: ip(), userAgent });
  if (!result.ok) throw new Error(`login failed: ${result.reason}`);
  const state = await resolveSessionState(result.sessionId);
  if (state.status !== "active" || state.actor.kind !== "customer") throw new Error(state.status);
  return { sessionId: result.sessionId, actor: state.actor as CustomerActor };
}

const securityEmails = (userId: string) => db.emailMessage.findMany({ where: { userId, category: "security" }, orderBy: { createdAt: "asc" }, select: { subject: true, textBody: true } });
const INFO = { ip: "203.0.113.9", userAgent: FIREFOX_LINUX };

describe("active sessions", () => {
  it("lists the user's live sessions only, this one first, with the browser read from the user agent", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const other = await createCustomerWithOwner(db);
    await signIn(owner.email, FIREFOX_LINUX);
    const { actor } = await signIn(owner.email, CHROME_WIN);
    const revoked = await signIn(owner.email, SAFARI_IPHONE);
    await db.session.update({ where: { id: revoked.sessionId }, data: { revokedAt: new Date() } });
    const expired = await signIn(owner.email, SAFARI_IPHONE);
    await db.session.update({ where: { id: expired.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await signIn(other.owner.email);

    const sessions = await listOwnSessions(actor);
    expect(sessions.map((s) => [s.device, s.current])).toEqual([
      ["Chrome 131 on Windows", true],
      ["Firefox 133 on Linux", false],
    ]);
    expect(sessions[0]).toMatchObject({ browser: "Chrome 131", os: "Windows", pendingSecondFactor: false, staffSupport: false });
    expect(sessions[0].ip).toMatch(/^10\.77\./);
  });

  it("signs out one other session: refused on its next request, audited, emailed; the current one stays", async () => {
    const { owner, customer } = await createCustomerWithOwner(db);
    const phone = await signIn(owner.email, SAFARI_IPHONE);
    const { actor, sessionId } = await signIn(owner.email, CHROME_WIN);
    const emailsBefore = (await securityEmails(owner.id)).length;

    expect(await signOutSession(actor, phone.sessionId, INFO)).toEqual({ ok: true });
    expect((await resolveSessionState(phone.sessionId)).status).toBe("anonymous");
    expect((await resolveSessionState(sessionId)).status).toBe("active");
    expect(await db.auditEvent.count({ where: { action: "auth.session.revoked", actorUserId: owner.id, customerId: customer.id, targetId: phone.sessionId } })).toBe(1);
    const emails = await securityEmails(owner.id);
    expect(emails).toHaveLength(emailsBefore + 1);
    expect(emails.at(-1)?.subject).toBe("A session of your account was signed out");
    expect(emails.at(-1)?.textBody).toContain("Device: Firefox 133 on Linux");

    // A second time, the current session, and nonsense are all refused without a change.
    expect(await signOutSession(actor, phone.sessionId, INFO)).toEqual({ ok: false, reason: "not_found" });
    expect(await signOutSession(actor, sessionId, INFO)).toEqual({ ok: false, reason: "current" });
    expect(await signOutSession(actor, randomUUID(), INFO)).toEqual({ ok: false, reason: "not_found" });
    expect((await resolveSessionState(sessionId)).status).toBe("active");
  });

  it("cannot sign out another user's session", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const stranger = await createCustomerWithOwner(db);
    const { actor } = await signIn(owner.email);
    const theirs = await signIn(stranger.owner.email);
    expect(await signOutSession(actor, theirs.sessionId, INFO)).toEqual({ ok: false, reason: "not_found" });
    expect((await resolveSessionState(theirs.sessionId)).status).toBe("active");
    expect(await db.auditEvent.count({ where: { action: "auth.session.revoked", targetId: theirs.sessionId } })).toBe(0);
  });

  it("signs out everywhere else in one go, once audited and emailed; nothing to do the second time", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const a = await signIn(owner.email, FIREFOX_LINUX);
    const b = await signIn(owner.email, SAFARI_IPHONE);
    const { actor, sessionId } = await signIn(owner.email, CHROME_WIN);
    const before = (await securityEmails(owner.id)).length;

    expect(await signOutOtherSessions(actor, INFO)).toEqual({ signedOut: 2 });
    for (const s of [a, b]) expect((await resolveSessionState(s.sessionId)).status).toBe("anonymous");
    expect((await resolveSessionState(sessionId)).status).toBe("active");
    expect(await listOwnSessions(actor)).toHaveLength(1);
    expect(await db.auditEvent.findFirst({ where: { action: "auth.sessions.revoked_others", actorUserId: owner.id }, select: { data: true } })).toEqual({ data: { signedOut: 2 } });
    expect((await securityEmails(owner.id)).at(-1)?.subject).toBe("Your other sessions were signed out");

    expect(await signOutOtherSessions(actor, INFO)).toEqual({ signedOut: 0 });
    expect(await securityEmails(owner.id)).toHaveLength(before + 1);
  });

  it("a contact being impersonated by staff may not sign sessions out", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const other = await signIn(owner.email, FIREFOX_LINUX);
    const { actor } = await signIn(owner.email);
    const impersonated: CustomerActor = { ...actor, impersonator: { userId: randomUUID(), name: "Agent" } };
    await expect(signOutSession(impersonated, other.sessionId, INFO)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(signOutOtherSessions(impersonated, INFO)).rejects.toBeInstanceOf(PermissionDenied);
    expect((await resolveSessionState(other.sessionId)).status).toBe("active");
  });
});

describe("login history", () => {
  it("records success and failure with the account and the browser", async () => {
    const { owner } = await createCustomerWithOwner(db);
    expect((await loginWithPassword(owner.email, "wrong-password-here", { ip: "198.51.100.4", userAgent: FIREFOX_LINUX })).ok).toBe(false);
    const { actor } = await signIn(owner.email, CHROME_WIN);
    const history = await loginHistory(actor);
    expect(history.rows.map((r) => [r.succeeded, r.browser, r.os])).toEqual([
      [true, "Chrome 131", "Windows"],
      [false, "Firefox 133", "Linux"],
    ]);
    expect(history.rows[1].ip).toBe("198.51.100.4");
    const rows = await db.loginAttempt.findMany({ where: { email: owner.email.toLowerCase() }, select: { userId: true, userAgent: true } });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.userId).toBe(owner.id);
  });

  it("shows only the last 90 days, only the user's own, newest first, a page at a time", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const stranger = await createUser(db);
    const { actor } = await signIn(owner.email);
    const now = Date.now();
    await db.loginAttempt.createMany({
      data: [
        ...Array.from({ length: LOGIN_HISTORY_PAGE_SIZE + 5 }, (_, i) => ({ email: owner.email, ip: "192.0.2.1", succeeded: i % 3 !== 0, userId: owner.id, userAgent: FIREFOX_LINUX, createdAt: new Date(now - (i + 1) * DAY_MS) })),
        { email: owner.email, ip: "192.0.2.91", succeeded: true, userId: owner.id, userAgent: FIREFOX_LINUX, createdAt: new Date(now - 91 * DAY_MS) },
        { email: stranger.email, ip: "192.0.2.99", succeeded: true, userId: stranger.id, userAgent: FIREFOX_LINUX, createdAt: new Date(now - DAY_MS / 2) },
      ],
    });
    const first = await loginHistory(actor, 1);
    const total = LOGIN_HISTORY_PAGE_SIZE + 5 + 1; // + the sign-in above
    expect(first.total).toBe(total);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(LOGIN_HISTORY_PAGE_SIZE);
    expect(first.rows[0].browser).toBe("Chrome 131");
    const second = await loginHistory(actor, 2);
    expect(second.rows).toHaveLength(total - LOGIN_HISTORY_PAGE_SIZE);
    const all = [...first.rows, ...second.rows];
    expect(all.map((r) => r.ip)).not.toContain("192.0.2.91");
    expect(all.map((r) => r.ip)).not.toContain("192.0.2.99");
    const times = all.map((r) => r.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // A page past the end shows the last one.
    expect((await loginHistory(actor, 99)).page).toBe(2);
  });
});

describe("new-login email", () => {
  it("is sent only for a browser not seen before (not for the first ever, nor for an update of a known one)", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const newLogins = async () => (await securityEmails(owner.id)).filter((e) => e.subject === "New sign-in to your Portico account");

    await signIn(owner.email, CHROME_WIN);
    expect(await newLogins()).toHaveLength(0);
    await signIn(owner.email, CHROME_WIN);
    await signIn(owner.email, CHROME_WIN_NEXT);
    expect(await newLogins()).toHaveLength(0);

    await signIn(owner.email, FIREFOX_LINUX);
    const emails = await newLogins();
    expect(emails).toHaveLength(1);
    expect(emails[0].textBody).toContain("Device: Firefox 133 on Linux");
    await signIn(owner.email, FIREFOX_LINUX);
    expect(await newLogins()).toHaveLength(1);

    const devices = await db.knownDevice.findMany({ where: { userId: owner.id }, select: { fingerprint: true } });
    expect(devices.map((d) => d.fingerprint).sort()).toEqual([browserFingerprint(CHROME_WIN), browserFingerprint(FIREFOX_LINUX)].sort());
    expect(browserFingerprint(CHROME_WIN)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is not sent for a wrong password", async () => {
    const { owner } = await createCustomerWithOwner(db);
    await signIn(owner.email, CHROME_WIN);
    await loginWithPassword(owner.email, "wrong-password-here", { ip: ip(), userAgent: FIREFOX_LINUX });
    expect(await securityEmails(owner.id)).toHaveLength(0);
    expect(await db.knownDevice.count({ where: { userId: owner.id } })).toBe(1);
  });
});

describe("security-change emails", () => {
  it("queueSecurityChangeEmail queues a security email naming the browser, for every kind of change", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const changes = ["security_key_added", "security_key_removed", "recovery_codes_regenerated"] as const;
    for (const change of changes) await db.$transaction((tx) => queueSecurityChangeEmail(tx, { userId: owner.id, change, ip: "203.0.113.5", userAgent: SAFARI_IPHONE }));
    const emails = await securityEmails(owner.id);
    expect(emails.map((e) => e.subject)).toEqual(["A security key was added to your account", "A security key was removed from your account", "New recovery codes were generated"]);
    for (const e of emails) expect(e.textBody).toContain("Device: Safari 18 on iOS");
  });
});

describe("password change on the security page", () => {
  it("keeps the other sessions when asked to, and says so in the email", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const other = await signIn(owner.email, FIREFOX_LINUX);
    const { actor } = await signIn(owner.email, CHROME_WIN);
    const result = await changeOwnPassword(actor, { currentPassword: DEFAULT_TEST_PASSWORD, newPassword: "violet-harbour-lantern-93", confirmPassword: "violet-harbour-lantern-93", signOutOthers: false }, INFO);
    expect(result).toEqual({ ok: true, signedOut: 0 });
    expect((await resolveSessionState(other.sessionId)).status).toBe("active");
    expect((await securityEmails(owner.id)).at(-1)?.textBody).toContain("Your other sessions stay signed in.");
  });

  it("signs the others out by default choice, refuses a common password and a wrong current one (throttled)", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const other = await signIn(owner.email, FIREFOX_LINUX);
    const { actor } = await signIn(owner.email, CHROME_WIN);
    const base = { confirmPassword: "", signOutOthers: true };
    expect(await changeOwnPassword(actor, { ...base, currentPassword: DEFAULT_TEST_PASSWORD, newPassword: "1qaz2wsx3edc" }, INFO)).toEqual({ ok: false, field: "newPassword", error: "errors.passwordCommon" });
    const throttledIp = { ...INFO, ip: ip() };
    for (let i = 0; i < 5; i++) {
      expect(await changeOwnPassword(actor, { ...base, currentPassword: `guess-${i}-wrong`, newPassword: "violet-harbour-lantern-93" }, throttledIp)).toEqual({ ok: false, field: "currentPassword", error: "errors.wrongCurrent" });
    }
    expect(await changeOwnPassword(actor, { ...base, currentPassword: DEFAULT_TEST_PASSWORD, newPassword: "violet-harbour-lantern-93" }, throttledIp)).toEqual({ ok: false, field: "currentPassword", error: "errors.throttled" });
    expect((await resolveSessionState(other.sessionId)).status).toBe("active");
    // The wrong guesses are not sign-ins: the login history does not show them.
    expect((await loginHistory(actor)).total).toBe(2);
    // Once the throttle window has passed (its rows removed here), the right current password works again.
    await db.loginAttempt.deleteMany({ where: { email: `password-change:${owner.id}` } });
    expect(await changeOwnPassword(actor, { ...base, currentPassword: DEFAULT_TEST_PASSWORD, newPassword: "violet-harbour-lantern-93" }, throttledIp)).toEqual({ ok: true, signedOut: 1 });
    expect((await resolveSessionState(other.sessionId)).status).toBe("anonymous");
  });
});

describe("VPN password", () => {
  async function vpnService() {
    const { owner, customer } = await createCustomerWithOwner(db);
    const server = await db.server.create({ data: { name: "VPN gw", hostname: `${unique("vpn")}.portico.test`, module: "builtin" } });
    const service = await createService(db, customer.id, { kind: "vpn", name: "VPN Access (5 users)", label: "vpn.example.test" });
    await db.service.update({ where: { id: service.id }, data: { serverId: server.id, username: "vpnexample" } });
    const account = await db.panelAccount.create({
      data: { serverId: server.id, serviceId: service.id, username: "vpnexample", passwordHash: await hashPanelPassword("Old-Vpn-Password-1"), domain: "vpn.example.test", packageName: "vpn-5" },
    });
    const actor = (await signIn(owner.email)).actor;
    return { owner, customer, service, account, actor };
  }
  const hashOf = async (accountId: string) => (await db.panelAccount.findUniqueOrThrow({ where: { id: accountId }, select: { passwordHash: true } })).passwordHash;

  it("is set through the provisioning module, which keeps only a scrypt hash; audited without the secret", async () => {
    const { service, account, actor } = await vpnService();
    const password = "tangerine-ferry-quartz-41";
    expect(await setVpnPassword(actor, { serviceId: service.id, password }, INFO)).toEqual({ ok: true });
    const hash = await hashOf(account.id);
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPanelPassword(hash, password)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "services.vpn.password_changed", targetId: service.id } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(password);
  });

  it("applies the account password's rules and refuses a suspended service", async () => {
    const { service, account, actor } = await vpnService();
    const before = await hashOf(account.id);
    expect(await setVpnPassword(actor, { serviceId: service.id, password: "short-1" }, INFO)).toEqual({ ok: false, field: "password", error: "errors.passwordShort" });
    expect(await setVpnPassword(actor, { serviceId: service.id, password: "1qaz2wsx3edc" }, INFO)).toEqual({ ok: false, field: "password", error: "errors.passwordCommon" });
    await db.service.update({ where: { id: service.id }, data: { status: "suspended" } });
    expect(await setVpnPassword(actor, { serviceId: service.id, password: "tangerine-ferry-quartz-41" }, INFO)).toEqual({ ok: false, error: "errors.vpnSuspended" });
    expect(await hashOf(account.id)).toBe(before);
  });

  it("is 'not found' for another customer's VPN or a service that is not a VPN, and forbidden without services.manage", async () => {
    const { service, account, customer } = await vpnService();
    const before = await hashOf(account.id);
    const stranger = await createCustomerWithOwner(db);
    const strangerActor = (await signIn(stranger.owner.email)).actor;
    expect(await setVpnPassword(strangerActor, { serviceId: service.id, password: "tangerine-ferry-quartz-41" }, INFO)).toEqual({ ok: false, error: "errors.notFound" });
    const hosting = await createService(db, customer.id, { kind: "hosting" });
    const { actor } = await vpnService();
    expect(await setVpnPassword(actor, { serviceId: hosting.id, password: "tangerine-ferry-quartz-41" }, INFO)).toEqual({ ok: false, error: "errors.notFound" });

    const accountant = await createUser(db);
    await addMember(db, accountant.id, customer.id, { preset: "billing" });
    const billing = (await signIn(accountant.email)).actor;
    await expect(setVpnPassword(billing, { serviceId: service.id, password: "tangerine-ferry-quartz-41" }, INFO)).rejects.toBeInstanceOf(PermissionDenied);
    expect(await hashOf(account.id)).toBe(before);
  });

  it("the built-in module's setServicePassword refuses what its panel would and a suspended account", async () => {
    const { service, account } = await vpnService();
    const panel = new BuiltinProvisioningModule({ delayMs: 0 });
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof ProvisioningError ? e.code : String(e)));
    expect(await code(panel.setServicePassword({ id: service.id }, "short"))).toBe("invalid_input");
    expect(await code(panel.setServicePassword({ id: randomUUID() }, "long-enough-password"))).toBe("not_found");
    await db.panelAccount.update({ where: { id: account.id }, data: { suspended: true } });
    expect(await code(panel.setServicePassword({ id: service.id }, "long-enough-password"))).toBe("suspended");
    await db.panelAccount.update({ where: { id: account.id }, data: { suspended: false } });
    expect(await code(panel.setServicePassword({ id: service.id }, "long-enough-password"))).toBe("ok");
    expect(await verifyPanelPassword(await hashOf(account.id), "long-enough-password")).toBe(true);
  });
});
