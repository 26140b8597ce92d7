// The security page (/account/security) of issue 7: over HTTP, anonymous visitors are sent to
// sign in and the VPN section shows only to people of the VPN's customer with services.manage.
// In-process, every server action of the password, sessions and VPN sections without a session goes
// to sign-in and changes nothing; another user's session id cannot be signed out; a contact without
// services.manage (and another customer) cannot set Acme's VPN password.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { BASE_URL, get, sessionCookie } from "@/tests/helpers/http-login";
import * as securityActions from "@/app/(portal)/account/security/account-security-actions";
import { verifiedSessionId } from "@/tests/helpers/sessions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.71", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const REDIRECTS = [302, 303, 307, 308];
const locationOf = (res: Response) => new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname;
const NEW_PASSWORD = "Sneaky-Passphrase-2041!";

let vpnServiceId: string;
let vpnAccountId: string;

beforeAll(async () => {
  const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
  const vpn = await db.service.findFirstOrThrow({ where: { customerId: acme.id, kind: "vpn" }, select: { id: true, panelAccount: { select: { id: true } } } });
  vpnServiceId = vpn.id;
  vpnAccountId = vpn.panelAccount!.id;
});

describe("the security page over HTTP", () => {
  it("sends anonymous visitors to sign in", async () => {
    const res = await get("/account/security");
    expect([REDIRECTS.includes(res.status), locationOf(res)]).toEqual([true, "/login"]);
  });

  it("shows Acme's VPN only to Acme's people with services.manage", async () => {
    const owner = await (await get("/account/security", await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD))).text();
    expect(owner).toContain("vpn.acme-studio.vn");
    for (const email of ["billing@demo.portico.test", "other@demo.portico.test"]) {
      const res = await get("/account/security", await sessionCookie(email, DEMO_PASSWORD));
      expect([email, res.status]).toEqual([email, 200]);
      expect(await res.text()).not.toContain("vpn.acme-studio.vn");
    }
  });
});

describe("the security page's server actions", () => {
  afterEach(() => {
    mockSessionId.current = null;
  });

  const calls = (victimSessionId: string): [name: string, call: () => Promise<unknown>][] => [
    ["changePasswordAction", () => securityActions.changePasswordAction({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, signOutOthers: true })],
    ["signOutSessionAction", () => securityActions.signOutSessionAction({ sessionId: victimSessionId })],
    ["signOutOtherSessionsAction", () => securityActions.signOutOtherSessionsAction({})],
    ["setVpnPasswordAction", () => securityActions.setVpnPasswordAction({ serviceId: vpnServiceId, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })],
  ];

  const state = async (sessionId: string) => ({
    vpn: await db.panelAccount.findUniqueOrThrow({ where: { id: vpnAccountId }, select: { passwordHash: true, updatedAt: true } }),
    owner: await db.user.findUniqueOrThrow({ where: { email: "owner@demo.portico.test" }, select: { passwordHash: true, passwordChangedAt: true } }),
    victim: await db.session.findUniqueOrThrow({ where: { id: sessionId }, select: { revokedAt: true } }),
    audits: await db.auditEvent.count({ where: { OR: [{ targetId: vpnServiceId }, { targetId: sessionId }] } }),
  });

  it("covers every exported server action", () => {
    expect(calls(randomUUID()).map(([name]) => name).sort()).toEqual(Object.keys(securityActions).sort());
  });

  it("without a session: every action goes to sign-in and nothing changes", async () => {
    const victim = await verifiedSessionId("owner@demo.portico.test", { userAgent: "security-test" });
    const before = await state(victim);
    for (const [name, call] of calls(victim)) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect([name, String((error as { digest?: string } | null)?.digest ?? error)]).toEqual([name, expect.stringMatching(/^NEXT_REDIRECT;.*\/login/)]);
    }
    expect(await state(victim)).toEqual(before);
  });

  it("another user's session id cannot be signed out (from another customer or the same one)", async () => {
    const victim = await verifiedSessionId("owner@demo.portico.test", { userAgent: "security-test" });
    const before = await state(victim);
    for (const email of ["other@demo.portico.test", "tech@demo.portico.test"]) {
      mockSessionId.current = await verifiedSessionId(email, { userAgent: "security-test" });
      expect([email, await securityActions.signOutSessionAction({ sessionId: victim })]).toEqual([email, { ok: false, error: "errors.sessionGone" }]);
      // "Everywhere else" ends only the caller's own other sessions.
      await securityActions.signOutOtherSessionsAction({});
    }
    expect(await state(victim)).toEqual(before);
  });

  it("a contact without services.manage and another customer cannot set Acme's VPN password", async () => {
    const victim = await verifiedSessionId("owner@demo.portico.test", { userAgent: "security-test" });
    const before = await state(victim);
    const input = { serviceId: vpnServiceId, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    mockSessionId.current = await verifiedSessionId("billing@demo.portico.test", { userAgent: "security-test" });
    expect(await securityActions.setVpnPasswordAction(input)).toEqual({ ok: false, error: "errors.forbidden" });
    mockSessionId.current = await verifiedSessionId("other@demo.portico.test", { userAgent: "security-test" });
    expect(await securityActions.setVpnPasswordAction(input)).toEqual({ ok: false, error: "errors.notFound" });
    expect(await state(victim)).toEqual(before);
  });
});
