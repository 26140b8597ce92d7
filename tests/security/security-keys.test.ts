// Security keys (issue 7): every security-key action without a session goes to sign-in; another
// customer's owner cannot remove someone else's key; a session still at the second step (or the
// enrolment step) cannot register a key; an impersonating staff member cannot add or remove one;
// the /login/2fa key actions answer only a session that is at the second step. Nothing changes.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { addMember, createCustomer, createUser } from "@/tests/helpers/factories";
import { get } from "@/tests/helpers/http-login";
import * as keyActions from "@/app/(portal)/account/security/security-key-actions";
import * as challengeActions from "@/app/(auth)/login/2fa/security-key-actions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null), unstable_update: jest.fn() }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.77", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const redirectTarget = (error: unknown) => String((error as { digest?: string } | null)?.digest ?? error);
const outcome = (call: () => Promise<unknown>) =>
  call().then(
    (value) => ({ value }),
    (error: unknown) => ({ redirect: redirectTarget(error) }),
  );

describe("security keys", () => {
  let ownerKeyId: string;
  let ownerId: string;

  beforeAll(async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.portico.test" }, select: { id: true } });
    ownerId = owner.id;
    ownerKeyId = (await db.webAuthnCredential.create({ data: { userId: owner.id, credentialId: randomUUID(), publicKey: new Uint8Array([1, 2, 3]), name: "Acme owner's key" } })).id;
  });

  afterAll(async () => {
    await db.webAuthnCredential.deleteMany({ where: { id: ownerKeyId } });
  });

  afterEach(() => {
    mockSessionId.current = null;
  });

  async function session(userId: string, opts: { verified?: boolean; impersonatorUserId?: string } = {}) {
    const id = randomUUID();
    const now = new Date();
    await db.session.create({
      data: { id, userId, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: opts.verified === false ? null : now, reauthenticatedAt: now, impersonatorUserId: opts.impersonatorUserId },
    });
    return id;
  }
  const sessionOf = async (email: string, opts?: { verified?: boolean; impersonatorUserId?: string }) =>
    session((await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id, opts);

  const fakeRegistration = { id: "AAAA", rawId: "AAAA", type: "public-key", response: { clientDataJSON: "AAAA", attestationObject: "AAAA" }, clientExtensionResults: {} };
  const fakeAssertion = { id: "AAAA", rawId: "AAAA", type: "public-key", response: { clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" }, clientExtensionResults: {} };
  const portalCalls = (): [name: string, call: () => Promise<unknown>][] => [
    ["securityKeyOptionsAction", () => keyActions.securityKeyOptionsAction({ name: "Mallory's key" })],
    ["addSecurityKeyAction", () => keyActions.addSecurityKeyAction({ name: "Mallory's key", response: fakeRegistration })],
    ["removeSecurityKeyAction", () => keyActions.removeSecurityKeyAction({ id: ownerKeyId, password: DEMO_PASSWORD })],
  ];
  const challengeCalls = (): [name: string, call: () => Promise<unknown>][] => [
    ["securityKeyChallengeOptionsAction", () => challengeActions.securityKeyChallengeOptionsAction()],
    ["securityKeyChallengeAction", () => challengeActions.securityKeyChallengeAction(fakeAssertion)],
  ];

  const state = async () => ({
    keys: await db.webAuthnCredential.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, name: true, counter: true } }),
    challenges: await db.webAuthnChallenge.count(),
  });

  it("covers every exported server action", () => {
    expect(portalCalls().map(([name]) => name).sort()).toEqual(Object.keys(keyActions).sort());
    expect(challengeCalls().map(([name]) => name).sort()).toEqual(Object.keys(challengeActions).sort());
  });

  it("anonymous: the security page and every action go to sign-in; nothing changes", async () => {
    const page = await get("/account/security");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/login\?next=%2Faccount%2Fsecurity$/);
    const before = await state();
    for (const [name, call] of portalCalls()) expect([name, await outcome(call)]).toEqual([name, { redirect: expect.stringMatching(/^NEXT_REDIRECT;.*\/login/) }]);
    for (const [name, call] of challengeCalls()) expect([name, await outcome(call)]).toEqual([name, { redirect: expect.stringMatching(/^NEXT_REDIRECT;[^;]*;\/;/) }]);
    expect(await state()).toEqual(before);
  });

  it("another customer's owner cannot remove the key (not found), even with its owner's password", async () => {
    const before = await state();
    mockSessionId.current = await sessionOf("other@demo.portico.test");
    expect(await keyActions.removeSecurityKeyAction({ id: ownerKeyId, password: DEMO_PASSWORD })).toEqual({ ok: false, error: "errors.notFound" });
    expect(await keyActions.removeSecurityKeyAction({ id: randomUUID(), password: DEMO_PASSWORD })).toEqual({ ok: false, error: "errors.notFound" });
    // A contact of the same customer cannot either: keys belong to a user, not to the customer.
    mockSessionId.current = await sessionOf("billing@demo.portico.test");
    expect(await keyActions.removeSecurityKeyAction({ id: ownerKeyId, password: DEMO_PASSWORD })).toEqual({ ok: false, error: "errors.notFound" });
    expect(await state()).toEqual(before);
    expect(await db.webAuthnCredential.count({ where: { id: ownerKeyId, userId: ownerId } })).toBe(1);
  });

  it("a session at the second step or at enrolment cannot register a key", async () => {
    // The Acme owner has a key now, so a fresh password session of theirs is at the second step.
    const pendingId = await sessionOf("owner@demo.portico.test", { verified: false });
    const customer = await createCustomer(db, { requireTwoFactor: true });
    const contact = await createUser(db, { password: DEMO_PASSWORD });
    await addMember(db, contact.id, customer.id, { preset: "technical" });
    const enrolId = await session(contact.id, { verified: false });
    const before = await state();
    for (const [sid, landing] of [
      [pendingId, "/login/2fa"],
      [enrolId, "/login/2fa/setup"],
    ] as const) {
      mockSessionId.current = sid;
      for (const [name, call] of portalCalls()) expect([name, await outcome(call)]).toEqual([name, { redirect: expect.stringContaining(`;${landing};`) }]);
    }
    expect(await state()).toEqual(before);
  });

  it("an impersonating staff member can neither add nor remove a key", async () => {
    const staff = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.portico.test" }, select: { id: true } });
    mockSessionId.current = await sessionOf("owner@demo.portico.test", { impersonatorUserId: staff.id });
    const before = await state();
    for (const [name, call] of portalCalls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
    expect(await state()).toEqual(before);
  });

  it("the sign-in key actions answer only a session at the second step; a bad assertion passes nothing", async () => {
    const before = await state();
    mockSessionId.current = await sessionOf("other@demo.portico.test");
    for (const [name, call] of challengeCalls()) expect([name, await outcome(call)]).toEqual([name, { redirect: expect.stringMatching(/^NEXT_REDIRECT;[^;]*;\/;/) }]);
    const pendingId = await sessionOf("owner@demo.portico.test", { verified: false });
    mockSessionId.current = pendingId;
    expect(await challengeActions.securityKeyChallengeAction(fakeAssertion)).toEqual({ ok: false, error: "errors.keyRefused" });
    expect(await state()).toEqual(before);
    expect((await db.session.findUniqueOrThrow({ where: { id: pendingId } })).twoFactorVerifiedAt).toBeNull();
  });
});
