import * as OTPAuth from "otpauth";
import { db } from "@/lib/db";
import { changePassword } from "@/lib/auth/change-password";
import { loginWithPassword, revokeSession } from "@/lib/auth/login";
import { CUSTOMER_PERMISSIONS, PRESETS, type PresetName } from "@/lib/auth/permissions";
import { consumeRecoveryCode, issueRecoveryCodes } from "@/lib/auth/recovery-codes";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { THROTTLE } from "@/lib/auth/throttle";
import { consumeTotpCode } from "@/lib/auth/totp";
import { confirmTotpEnrolment, passTwoFactorChallenge } from "@/lib/auth/two-factor";
import { startTotpEnrolment } from "@/lib/auth/totp";
import { can } from "@/lib/auth/actor-types";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomer, createCustomerWithOwner, createUser, unique } from "@/tests/helpers/factories";

const SECRET = "JBSWY3DPEHPK3PXP";
const codeAt = (secret: string, ms = Date.now()) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: ms });
const info = () => ({ ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "jest" });

async function signIn(email: string, password = DEFAULT_TEST_PASSWORD) {
  const result = await loginWithPassword(email, password, info());
  if (!result.ok) throw new Error(`login failed: ${result.reason}`);
  return result;
}

describe("password login", () => {
  it("creates a live session; email is case-insensitive", async () => {
    const { owner, customer } = await createCustomerWithOwner(db);
    const result = await signIn(owner.email.toUpperCase());
    expect(result.stage).toBe("done");
    const state = await resolveSessionState(result.sessionId);
    expect(state.status).toBe("active");
    if (state.status === "active" && state.actor.kind === "customer") expect(state.actor.customerId).toBe(customer.id);
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.login.succeeded" } })).toBe(1);
  });

  it("answers a wrong password and an unknown email the same way, and audits both", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const wrong = await loginWithPassword(owner.email, "not-the-password-at-all", info());
    const unknown = await loginWithPassword(`${unique("nobody")}@example.test`, "whatever-password-1", info());
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(await db.session.count({ where: { userId: owner.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.login.failed" } })).toBe(1);
  });

  it("throttles an account after repeated failures, even with the right password", async () => {
    const { owner } = await createCustomerWithOwner(db);
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) {
      expect(await loginWithPassword(owner.email, `wrong-password-${i}`, info())).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await loginWithPassword(owner.email, DEFAULT_TEST_PASSWORD, info())).toEqual({ ok: false, reason: "throttled" });
    expect(await db.session.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("throttles one IP that tries many accounts", async () => {
    const ip = `10.250.${Math.floor(Math.random() * 250)}.1`;
    for (let i = 0; i < THROTTLE.maxFailuresPerIp; i++) await loginWithPassword(`${unique("spray")}@example.test`, "wrong-password-x", { ip, userAgent: "x" });
    const { owner } = await createCustomerWithOwner(db);
    expect(await loginWithPassword(owner.email, DEFAULT_TEST_PASSWORD, { ip, userAgent: "x" })).toEqual({ ok: false, reason: "throttled" });
    expect((await loginWithPassword(owner.email, DEFAULT_TEST_PASSWORD, info())).ok).toBe(true);
  });

  it("refuses a disabled user", async () => {
    const { owner } = await createCustomerWithOwner(db);
    await db.user.update({ where: { id: owner.id }, data: { disabledAt: new Date() } });
    expect(await loginWithPassword(owner.email, DEFAULT_TEST_PASSWORD, info())).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("session revocation", () => {
  it("a revoked session is anonymous on the next request", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const { sessionId } = await signIn(owner.email);
    expect((await resolveSessionState(sessionId)).status).toBe("active");
    expect(await revokeSession(sessionId, owner.id)).toBe(true);
    expect((await resolveSessionState(sessionId)).status).toBe("anonymous");
  });

  it("a password change ends the other sessions and keeps the current one", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const current = await signIn(owner.email);
    const other = await signIn(owner.email);
    const result = await changePassword(owner.id, DEFAULT_TEST_PASSWORD, "a-brand-new-passphrase-2026", { keepSessionId: current.sessionId });
    expect(result).toEqual({ ok: true, revokedSessions: 1 });
    expect(await db.emailMessage.count({ where: { userId: owner.id, category: "security" } })).toBe(1);
    expect((await resolveSessionState(other.sessionId)).status).toBe("anonymous");
    expect((await resolveSessionState(current.sessionId)).status).toBe("active");
    expect((await loginWithPassword(owner.email, DEFAULT_TEST_PASSWORD, info())).ok).toBe(false);
  });

  it("refuses a short or common new password and changes nothing", async () => {
    const { owner } = await createCustomerWithOwner(db);
    expect(await changePassword(owner.id, DEFAULT_TEST_PASSWORD, "short")).toEqual({ ok: false, reason: "too_short" });
    expect(await changePassword(owner.id, DEFAULT_TEST_PASSWORD, "1qaz2wsx3edc")).toEqual({ ok: false, reason: "too_common" });
    expect((await signIn(owner.email)).ok).toBe(true);
  });

  it("an expired session is anonymous", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const { sessionId } = await signIn(owner.email);
    await db.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await resolveSessionState(sessionId)).status).toBe("anonymous");
  });
});

describe("permission layer", () => {
  const presets = Object.keys(PRESETS) as PresetName[];
  it.each(presets)("the %s preset grants exactly its permissions, read from the database on each request", async (preset) => {
    const customer = await createCustomer(db);
    const user = await createUser(db);
    await addMember(db, user.id, customer.id, { preset });
    const { sessionId } = await signIn(user.email);
    const state = await resolveSessionState(sessionId);
    if (state.status !== "active") throw new Error(state.status);
    for (const permission of CUSTOMER_PERMISSIONS) {
      expect([permission, can(state.actor, permission)]).toEqual([permission, (PRESETS[preset] as readonly string[]).includes(permission)]);
    }
    expect(can(state.actor, "staff.access")).toBe(false);
  });

  it("a permission change takes effect on the very next request", async () => {
    const customer = await createCustomer(db);
    const user = await createUser(db);
    const membership = await addMember(db, user.id, customer.id, { preset: "billing" });
    const { sessionId } = await signIn(user.email);
    const before = await resolveSessionState(sessionId);
    expect(before.status === "active" && can(before.actor, "billing.view")).toBe(true);
    await db.membership.update({ where: { id: membership.id }, data: { permissions: ["tickets.view"] } });
    const after = await resolveSessionState(sessionId);
    expect(after.status === "active" && can(after.actor, "billing.view")).toBe(false);
  });

  it("staff roles carry staff permissions only", async () => {
    const agent = await createUser(db, { staffRole: "support_agent", totpSecret: SECRET });
    const login = await signIn(agent.email);
    expect(login).toMatchObject({ stage: "password", staff: true });
    await passTwoFactorChallenge({ sessionId: login.sessionId, userId: agent.id }, codeAt(SECRET), info());
    const state = await resolveSessionState(login.sessionId);
    if (state.status !== "active") throw new Error(state.status);
    expect(state.actor.kind).toBe("staff");
    expect(can(state.actor, "staff.tickets")).toBe(true);
    expect(can(state.actor, "staff.billing")).toBe(false);
    expect(can(state.actor, "billing.view")).toBe(false);
  });

  it("a user with no membership and no staff role has no access", async () => {
    const user = await createUser(db);
    const { sessionId } = await signIn(user.email);
    expect((await resolveSessionState(sessionId)).status).toBe("no_access");
  });

  it("the active customer comes from the session and must be a membership", async () => {
    const user = await createUser(db);
    const a = await createCustomer(db);
    const b = await createCustomer(db);
    const stranger = await createCustomer(db);
    await addMember(db, user.id, a.id, { preset: "billing" });
    await addMember(db, user.id, b.id, { preset: "technical" });
    const { sessionId } = await signIn(user.email);
    await db.session.update({ where: { id: sessionId }, data: { activeCustomerId: b.id } });
    let state = await resolveSessionState(sessionId);
    expect(state.status === "active" && state.actor.kind === "customer" && state.actor.customerId).toBe(b.id);
    // A session pointing at a customer without membership falls back to a real membership.
    await db.session.update({ where: { id: sessionId }, data: { activeCustomerId: stranger.id } });
    state = await resolveSessionState(sessionId);
    expect(state.status === "active" && state.actor.kind === "customer" && state.actor.customerId).toBe(a.id);
  });
});

describe("TOTP second factor", () => {
  it("a session is 2FA-pending until the challenge passes; a code cannot be used twice", async () => {
    const { owner } = await createCustomerWithOwner(db, { totpSecret: SECRET });
    const login = await signIn(owner.email);
    expect(login.stage).toBe("password");
    expect((await resolveSessionState(login.sessionId)).status).toBe("two_factor_required");
    const code = codeAt(SECRET);
    expect(await passTwoFactorChallenge({ sessionId: login.sessionId, userId: owner.id }, code, info())).toEqual({ ok: true, usedRecoveryCode: false });
    expect((await resolveSessionState(login.sessionId)).status).toBe("active");

    const second = await signIn(owner.email);
    expect(await passTwoFactorChallenge({ sessionId: second.sessionId, userId: owner.id }, code, info())).toEqual({ ok: false, reason: "invalid" });
    expect((await resolveSessionState(second.sessionId)).status).toBe("two_factor_required");
  });

  it("of two racing requests with the same code exactly one wins", async () => {
    const user = await createUser(db, { totpSecret: SECRET });
    const code = codeAt(SECRET);
    const results = await Promise.all(Array.from({ length: 6 }, () => consumeTotpCode(user.id, code)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("an older code is refused once a newer one was used", async () => {
    const user = await createUser(db, { totpSecret: SECRET });
    const now = Date.now();
    expect(await consumeTotpCode(user.id, codeAt(SECRET, now), now)).toBe(true);
    expect(await consumeTotpCode(user.id, codeAt(SECRET, now - 30_000), now)).toBe(false);
  });

  it("wrong codes are throttled", async () => {
    const { owner } = await createCustomerWithOwner(db, { totpSecret: SECRET });
    const login = await signIn(owner.email);
    const who = { sessionId: login.sessionId, userId: owner.id };
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) expect((await passTwoFactorChallenge(who, "000000", info())).ok).toBe(false);
    expect(await passTwoFactorChallenge(who, codeAt(SECRET), info())).toEqual({ ok: false, reason: "throttled" });
  });

  it("staff without 2FA must enrol; enrolment is confirmed by a code and yields 10 recovery codes", async () => {
    const admin = await createUser(db, { staffRole: "administrator" });
    const login = await signIn(admin.email);
    expect(login.stage).toBe("enrol");
    expect((await resolveSessionState(login.sessionId)).status).toBe("two_factor_enrolment_required");
    const secret = await startTotpEnrolment(admin.id);
    const who = { sessionId: login.sessionId, userId: admin.id };
    expect(await confirmTotpEnrolment(who, "123456" === codeAt(secret) ? "654321" : "123456", info())).toEqual({ ok: false, reason: "invalid" });
    const result = await confirmTotpEnrolment(who, codeAt(secret), info());
    if (!result.ok) throw new Error(result.reason);
    expect(result.recoveryCodes).toHaveLength(10);
    expect(new Set(result.recoveryCodes).size).toBe(10);
    expect((await resolveSessionState(login.sessionId)).status).toBe("active");
    const stored = await db.recoveryCode.findMany({ where: { userId: admin.id } });
    expect(stored.map((r) => r.codeHash)).not.toContain(result.recoveryCodes[0]);
    expect(await db.auditEvent.count({ where: { actorUserId: admin.id, action: "auth.2fa.enrolled" } })).toBe(1);
    // The security email is in the outbox, committed with the change.
    expect(await db.emailMessage.count({ where: { userId: admin.id, category: "security", status: "queued" } })).toBe(1);
  });

  it("a customer that requires 2FA sends its contacts without 2FA to enrolment", async () => {
    const customer = await createCustomer(db, { requireTwoFactor: true });
    const user = await createUser(db);
    await addMember(db, user.id, customer.id, { preset: "technical" });
    expect((await signIn(user.email)).stage).toBe("enrol");
  });
});

describe("recovery codes", () => {
  it("each code works once, also under racing requests, and is audited", async () => {
    const { owner } = await createCustomerWithOwner(db, { totpSecret: SECRET });
    const codes = await issueRecoveryCodes(owner.id);
    const login = await signIn(owner.email);
    const who = { sessionId: login.sessionId, userId: owner.id };
    expect(await passTwoFactorChallenge(who, codes[0].toLowerCase(), info())).toEqual({ ok: true, usedRecoveryCode: true });
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.2fa.recovery_code.used" } })).toBe(1);
    const again = await signIn(owner.email);
    expect((await passTwoFactorChallenge({ sessionId: again.sessionId, userId: owner.id }, codes[0], info())).ok).toBe(false);
    const race = await Promise.all([1, 2, 3, 4].map(() => consumeRecoveryCode(owner.id, codes[1])));
    expect(race.filter(Boolean)).toHaveLength(1);
  });
});

describe("audit log", () => {
  it("refuses UPDATE and DELETE at the database", async () => {
    const event = await db.auditEvent.create({ data: { action: "auth.logout" } });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe("auth.logout");
  });
});

describe("customer-wide 2FA requirement", () => {
  it("an owner without 2FA cannot turn it on; with 2FA they can, and it is audited", async () => {
    const { setCustomerTwoFactorRequirement } = await import("@/lib/auth/two-factor");
    const { owner, customer } = await createCustomerWithOwner(db);
    const login = await signIn(owner.email);
    const state = await resolveSessionState(login.sessionId);
    if (state.status !== "active" || state.actor.kind !== "customer") throw new Error(state.status);
    expect(await setCustomerTwoFactorRequirement(state.actor, true, info())).toEqual({ ok: false, reason: "own_2fa_first" });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).requireTwoFactor).toBe(false);
    expect(await setCustomerTwoFactorRequirement({ ...state.actor, twoFactorEnabled: true }, true, info())).toEqual({ ok: true });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).requireTwoFactor).toBe(true);
    expect(await db.auditEvent.count({ where: { customerId: customer.id, action: "account.2fa_requirement.changed" } })).toBe(1);
  });

  it("a contact who is not the owner is refused", async () => {
    const { setCustomerTwoFactorRequirement } = await import("@/lib/auth/two-factor");
    const customer = await createCustomer(db);
    const tech = await createUser(db);
    await addMember(db, tech.id, customer.id, { preset: "technical" });
    const state = await resolveSessionState((await signIn(tech.email)).sessionId);
    if (state.status !== "active" || state.actor.kind !== "customer") throw new Error(state.status);
    await expect(setCustomerTwoFactorRequirement({ ...state.actor, twoFactorEnabled: true }, true, info())).rejects.toThrow("account.manage");
  });
});
