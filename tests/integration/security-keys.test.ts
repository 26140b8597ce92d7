// WebAuthn security keys (lib/auth/webauthn.ts) against a software authenticator: registration,
// sign-in as the second factor, and the refusals (replay, wrong challenge, counter, other users).
import { db } from "@/lib/db";
import { loginWithPassword } from "@/lib/auth/login";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { setCustomerTwoFactorRequirement } from "@/lib/auth/two-factor";
import {
  listSecurityKeys,
  passSecurityKeyChallenge,
  registerSecurityKey,
  relyingParty,
  removeSecurityKey,
  securityKeyAuthenticationOptions,
  securityKeyRegistrationOptions,
} from "@/lib/auth/webauthn";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { customerActorFor } from "@/tests/helpers/actors";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomer, createCustomerWithOwner, createUser } from "@/tests/helpers/factories";
import { SoftwareAuthenticator } from "@/tests/helpers/software-authenticator";

const info = () => ({ ip: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "jest" });

async function ownerActor() {
  const { owner, customer } = await createCustomerWithOwner(db);
  return { owner, customer, actor: await customerActorFor(owner.id, customer.id) };
}

/** Registers a fresh software key for `actor`; returns the authenticator. */
async function addKey(actor: CustomerActor, name = "YubiKey", opts: { counter?: number } = {}) {
  const authenticator = new SoftwareAuthenticator(relyingParty(), opts);
  const options = await securityKeyRegistrationOptions(actor, { name });
  if (!options.ok) throw new Error(options.reason);
  const result = await registerSecurityKey(actor, { name, response: authenticator.register(options.options) }, info());
  expect(result).toEqual({ ok: true, id: expect.any(String) });
  return authenticator;
}

/** A password sign-in that stops at the second step; returns the pending session. */
async function pendingSession(email: string) {
  const login = await loginWithPassword(email, DEFAULT_TEST_PASSWORD, info());
  if (!login.ok) throw new Error(login.reason);
  expect(login.stage).toBe("password");
  const state = await resolveSessionState(login.sessionId);
  if (state.status !== "two_factor_required") throw new Error(`unexpected ${state.status}`);
  return state;
}

async function assertWith(session: { sessionId: string; userId: string }, authenticator: SoftwareAuthenticator, opts: { counter?: number } = {}) {
  const options = await securityKeyAuthenticationOptions(session);
  if (!options) throw new Error("no options");
  const response = authenticator.authenticate(options, opts);
  return { response, result: await passSecurityKeyChallenge(session, response, info()) };
}

describe("registering a security key", () => {
  it("stores the verified key with its name, counter and transports, audits it and emails the user", async () => {
    const { owner, actor } = await ownerActor();
    const emailsBefore = await db.emailMessage.count({ where: { userId: owner.id, category: "security" } });
    const authenticator = await addKey(actor, "Keychain key", { counter: 3 });
    const stored = await db.webAuthnCredential.findFirstOrThrow({ where: { userId: owner.id } });
    expect(stored).toMatchObject({ credentialId: authenticator.id, name: "Keychain key", counter: BigInt(3), transports: ["usb"] });
    expect(Buffer.from(stored.publicKey)).toEqual(authenticator.coseKey());
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.security_key.added", targetId: stored.id } })).toBe(1);
    expect(await db.emailMessage.count({ where: { userId: owner.id, category: "security" } })).toBe(emailsBefore + 1);
    expect(await db.webAuthnChallenge.count({ where: { sessionId: actor.sessionId } })).toBe(0);
  });

  it("asks for user verification 'preferred', attestation 'none', and excludes the user's keys", async () => {
    const { actor, owner } = await ownerActor();
    const first = await addKey(actor, "First");
    const options = await securityKeyRegistrationOptions(actor, { name: "Second" });
    if (!options.ok) throw new Error(options.reason);
    expect(options.options.attestation).toBe("none");
    expect(options.options.authenticatorSelection?.userVerification).toBe("preferred");
    expect(options.options.rp.id).toBe(relyingParty().rpID);
    expect(options.options.user.id).toBe(owner.id);
    expect(options.options.excludeCredentials?.map((c) => c.id)).toEqual([first.id]);
  });

  it("keeps several keys per user; names are 1–60 characters and unique per user", async () => {
    const { actor } = await ownerActor();
    await addKey(actor, "Office");
    await addKey(actor, "Home");
    expect((await listSecurityKeys(actor)).map((k) => k.name)).toEqual(["Office", "Home"]);
    expect(await securityKeyRegistrationOptions(actor, { name: "office" })).toEqual({ ok: false, reason: "name_taken" });
    await expect(securityKeyRegistrationOptions(actor, { name: "  " })).rejects.toThrow("errors.nameRequired");
    await expect(securityKeyRegistrationOptions(actor, { name: "x".repeat(61) })).rejects.toThrow("errors.nameTooLong");
    // Another user may use the same name.
    const other = await ownerActor();
    await addKey(other.actor, "Office");
  });

  it("refuses a replayed registration response and one for another challenge", async () => {
    const { actor, owner } = await ownerActor();
    const authenticator = new SoftwareAuthenticator(relyingParty());
    const options = await securityKeyRegistrationOptions(actor, { name: "Key" });
    if (!options.ok) throw new Error(options.reason);
    const response = authenticator.register(options.options);
    expect((await registerSecurityKey(actor, { name: "Key", response }, info())).ok).toBe(true);
    expect(await registerSecurityKey(actor, { name: "Key 2", response }, info())).toEqual({ ok: false, reason: "invalid" });

    await securityKeyRegistrationOptions(actor, { name: "Other" });
    const forged = new SoftwareAuthenticator(relyingParty()).register({ challenge: Buffer.from("not-the-challenge").toString("base64url") });
    expect(await registerSecurityKey(actor, { name: "Other", response: forged }, info())).toEqual({ ok: false, reason: "invalid" });
    expect(await db.webAuthnCredential.count({ where: { userId: owner.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.security_key.refused" } })).toBe(2);
  });

  it("refuses an expired challenge, a challenge of another session, and a response for another origin", async () => {
    const { actor } = await ownerActor();
    const authenticator = new SoftwareAuthenticator(relyingParty());
    const options = await securityKeyRegistrationOptions(actor, { name: "Late" });
    if (!options.ok) throw new Error(options.reason);
    await db.webAuthnChallenge.updateMany({ where: { sessionId: actor.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await registerSecurityKey(actor, { name: "Late", response: authenticator.register(options.options) }, info())).toEqual({ ok: false, reason: "invalid" });

    const again = await securityKeyRegistrationOptions(actor, { name: "Elsewhere" });
    if (!again.ok) throw new Error(again.reason);
    const otherSession = { ...actor, sessionId: crypto.randomUUID() };
    expect(await registerSecurityKey(otherSession, { name: "Elsewhere", response: authenticator.register(again.options) }, info())).toEqual({ ok: false, reason: "invalid" });

    const third = await securityKeyRegistrationOptions(actor, { name: "Phish" });
    if (!third.ok) throw new Error(third.reason);
    const phished = authenticator.register(third.options, { origin: "https://evil.example" });
    expect(await registerSecurityKey(actor, { name: "Phish", response: phished }, info())).toEqual({ ok: false, reason: "invalid" });
  });

  it("is refused while a staff member impersonates the contact", async () => {
    const { actor } = await ownerActor();
    const impersonated = { ...actor, impersonator: { userId: crypto.randomUUID(), name: "Agent" } };
    await expect(securityKeyRegistrationOptions(impersonated, { name: "Key" })).rejects.toThrow("not-while-impersonating");
  });
});

describe("signing in with a security key", () => {
  it("a user with only a security key must pass the second step; the key passes it and updates counter and lastUsedAt", async () => {
    const { owner, actor } = await ownerActor();
    const authenticator = await addKey(actor, "Key", { counter: 10 });
    const session = await pendingSession(owner.email);
    const options = await securityKeyAuthenticationOptions(session);
    expect(options?.allowCredentials?.map((c) => c.id)).toEqual([authenticator.id]);
    expect(options?.userVerification).toBe("preferred");
    const { result } = await assertWith(session, authenticator);
    expect(result).toEqual({ ok: true });
    const state = await resolveSessionState(session.sessionId);
    expect(state.status).toBe("active");
    if (state.status === "active") expect(state.actor.twoFactorEnabled).toBe(true);
    const key = await db.webAuthnCredential.findFirstOrThrow({ where: { userId: owner.id } });
    expect(key.counter).toBe(BigInt(11));
    expect(key.lastUsedAt).not.toBeNull();
    const row = await db.session.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(row.twoFactorVerifiedAt).not.toBeNull();
    expect(row.reauthenticatedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.2fa.security_key.used" } })).toBe(1);
  });

  it("refuses a replayed assertion and an assertion for another challenge", async () => {
    const { owner, actor } = await ownerActor();
    const authenticator = await addKey(actor, "Key", { counter: 1 });
    const first = await pendingSession(owner.email);
    const { response } = await assertWith(first, authenticator);
    // The same response again, on the same session and on a new one.
    expect(await passSecurityKeyChallenge(first, response, info())).toEqual({ ok: false, reason: "invalid" });
    const second = await pendingSession(owner.email);
    await securityKeyAuthenticationOptions(second);
    expect(await passSecurityKeyChallenge(second, response, info())).toEqual({ ok: false, reason: "invalid" });
    const forged = authenticator.authenticate({ challenge: Buffer.from("made-up").toString("base64url") });
    expect(await passSecurityKeyChallenge(second, forged, info())).toEqual({ ok: false, reason: "invalid" });
    expect((await resolveSessionState(second.sessionId)).status).toBe("two_factor_required");
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.2fa.security_key.failed" } })).toBe(3);
  });

  it("refuses a counter that does not go up (a cloned key), but accepts a key that keeps no counter", async () => {
    const { owner, actor } = await ownerActor();
    const counting = await addKey(actor, "Counting", { counter: 5 });
    const session = await pendingSession(owner.email);
    expect((await assertWith(session, counting, { counter: 4 })).result).toEqual({ ok: false, reason: "invalid" });
    expect((await assertWith(session, counting, { counter: 5 })).result).toEqual({ ok: false, reason: "invalid" });
    expect((await db.webAuthnCredential.findFirstOrThrow({ where: { name: "Counting", userId: owner.id } })).counter).toBe(BigInt(5));
    expect((await assertWith(session, counting, { counter: 6 })).result).toEqual({ ok: true });

    const zero = await addKey(actor, "No counter", { counter: 0 });
    for (let i = 0; i < 2; i++) {
      const next = await pendingSession(owner.email);
      expect((await assertWith(next, zero)).result).toEqual({ ok: true });
    }
    // Once a key has reported a counter, 0 is going backwards.
    const s = await pendingSession(owner.email);
    expect((await assertWith(s, counting, { counter: 0 })).result).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses another user's key, even with a valid signature", async () => {
    const alice = await ownerActor();
    const bob = await ownerActor();
    const aliceKey = await addKey(alice.actor, "Alice's key", { counter: 1 });
    await addKey(bob.actor, "Bob's key", { counter: 1 });
    const bobSession = await pendingSession(bob.owner.email);
    expect((await assertWith(bobSession, aliceKey)).result).toEqual({ ok: false, reason: "invalid" });
    expect((await resolveSessionState(bobSession.sessionId)).status).toBe("two_factor_required");
  });

  it("throttles repeated failures like wrong codes", async () => {
    const { owner, actor } = await ownerActor();
    const authenticator = await addKey(actor, "Key", { counter: 1 });
    const session = await pendingSession(owner.email);
    const ip = "10.78.0.1";
    for (let i = 0; i < 5; i++) expect(await passSecurityKeyChallenge(session, { nonsense: true }, { ip, userAgent: "x" })).toEqual({ ok: false, reason: "invalid" });
    const options = await securityKeyAuthenticationOptions(session);
    expect(await passSecurityKeyChallenge(session, authenticator.authenticate(options!), { ip, userAgent: "x" })).toEqual({ ok: false, reason: "throttled" });
  });

  it("gives no options to a user without keys", async () => {
    const { owner } = await ownerActor();
    expect(await securityKeyAuthenticationOptions({ sessionId: crypto.randomUUID(), userId: owner.id })).toBeNull();
  });
});

describe("security keys count as 2FA", () => {
  it("for staff (no enrolment step) and for a customer that requires 2FA", async () => {
    const staff = await createUser(db, { staffRole: "support_agent" });
    const customer = await createCustomer(db, { requireTwoFactor: true });
    const contact = await createUser(db);
    await addMember(db, contact.id, customer.id, { preset: "billing" });
    for (const user of [staff, contact]) {
      const before = await loginWithPassword(user.email, DEFAULT_TEST_PASSWORD, info());
      expect(before.ok && before.stage).toBe("enrol");
      await db.webAuthnCredential.create({ data: { userId: user.id, credentialId: Buffer.from(crypto.randomUUID()).toString("base64url"), publicKey: new Uint8Array([1]), name: "Key" } });
      const after = await loginWithPassword(user.email, DEFAULT_TEST_PASSWORD, info());
      expect(after.ok && after.stage).toBe("password");
      expect((await resolveSessionState(after.ok ? after.sessionId : "")).status).toBe("two_factor_required");
    }
  });

  it("lets an owner with only a security key require 2FA for the customer", async () => {
    const { owner, actor } = await ownerActor();
    const authenticator = await addKey(actor, "Key", { counter: 1 });
    const session = await pendingSession(owner.email);
    await assertWith(session, authenticator);
    const state = await resolveSessionState(session.sessionId);
    if (state.status !== "active" || state.actor.kind !== "customer") throw new Error("not active");
    expect(await setCustomerTwoFactorRequirement(state.actor, true, info())).toEqual({ ok: true });
  });
});

describe("removing a security key", () => {
  it("needs the password, removes only the user's own key, audits and emails", async () => {
    const { owner, actor } = await ownerActor();
    await addKey(actor, "Key");
    const [key] = await listSecurityKeys(actor);
    expect(await removeSecurityKey(actor, { id: key.id, password: "wrong-password-here" }, info())).toEqual({ ok: false, reason: "wrong_password" });

    const other = await ownerActor();
    expect(await removeSecurityKey(other.actor, { id: key.id, password: DEFAULT_TEST_PASSWORD }, info())).toEqual({ ok: false, reason: "not_found" });
    expect(await db.webAuthnCredential.count({ where: { id: key.id } })).toBe(1);

    const emailsBefore = await db.emailMessage.count({ where: { userId: owner.id, category: "security" } });
    expect(await removeSecurityKey(actor, { id: key.id, password: DEFAULT_TEST_PASSWORD }, info())).toEqual({ ok: true });
    expect(await db.webAuthnCredential.count({ where: { id: key.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.security_key.removed", targetId: key.id } })).toBe(1);
    expect(await db.emailMessage.count({ where: { userId: owner.id, category: "security" } })).toBe(emailsBefore + 1);
  });

  it("keeps the last second factor when 2FA is required", async () => {
    const { customer, actor } = await ownerActor();
    await addKey(actor, "One");
    await addKey(actor, "Two");
    await db.customer.update({ where: { id: customer.id }, data: { requireTwoFactor: true } });
    const [one, two] = await listSecurityKeys(actor);
    expect(await removeSecurityKey(actor, { id: one.id, password: DEFAULT_TEST_PASSWORD }, info())).toEqual({ ok: true });
    expect(await removeSecurityKey(actor, { id: two.id, password: DEFAULT_TEST_PASSWORD }, info())).toEqual({ ok: false, reason: "last_required" });
    expect(await db.webAuthnCredential.count({ where: { id: two.id } })).toBe(1);
  });
});
