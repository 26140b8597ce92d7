// Contacts, invitations and access requests (issue 7) as the wrong people: /account/contacts and
// its actions anonymously, as another customer's owner (404 / not found), as contacts without
// contacts.manage (404 / forbidden); the staff page and its action as customers and as staff
// without staff.customers; /invite/[token] with a bad token; /request-access answering the same
// for known and unknown contract numbers and addresses. Nothing changes in any of these cases.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { addMember, createUser, unique } from "@/tests/helpers/factories";
import { BASE_URL, get, sessionCookie, verifiedSessionCookie } from "@/tests/helpers/http-login";
import * as contactActions from "@/app/(portal)/account/contacts/actions";
import * as inviteActions from "@/app/(auth)/invite/[token]/actions";
import * as requestActions from "@/app/(auth)/request-access/actions";
import * as staffActions from "@/app/(staff)/admin/customers/access-requests/actions";
import { verifiedSessionId } from "@/tests/helpers/sessions";

const mockSessionId: { current: string | null } = { current: null };
const mockIp: { current: string } = { current: "203.0.113.70" };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: mockIp.current, userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));
jest.mock("next-intl/server", () => ({ getLocale: async () => "en" }));

describe("account contacts, invitations and access requests", () => {
  let acmeId: string;
  let techMembershipId: string;
  let invitationId: string;
  let accessRequestId: string;
  let managerEmail: string;

  beforeAll(async () => {
    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
    acmeId = acme.id;
    techMembershipId = (await db.membership.findFirstOrThrow({ where: { customerId: acmeId, user: { email: "tech@demo.portico.test" } }, select: { id: true } })).id;
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.portico.test" }, select: { id: true } });
    invitationId = (
      await db.invitation.create({
        data: { customerId: acmeId, email: `${unique("pending")}@example.test`, permissions: ["billing.view"], tokenHash: randomUUID(), invitedByUserId: owner.id, expiresAt: new Date(Date.now() + 86_400_000) },
      })
    ).id;
    accessRequestId = (await db.accessRequest.create({ data: { contractNumber: "C-1001", customerId: acmeId, email: `${unique("asker")}@example.test`, name: "Asker" } })).id;
    // A contact who manages tickets and services but not contacts.
    const manager = await createUser(db, { password: DEMO_PASSWORD });
    await addMember(db, manager.id, acmeId, { permissions: ["services.view", "services.manage", "tickets.view", "account.manage"], isOwner: false });
    managerEmail = manager.email;
  });

  const state = async () => ({
    memberships: await db.membership.findMany({ where: { customerId: acmeId }, orderBy: { id: "asc" }, select: { id: true, isOwner: true, permissions: true } }),
    invitations: await db.invitation.findMany({ where: { customerId: acmeId }, orderBy: { id: "asc" }, select: { id: true, tokenHash: true, revokedAt: true, acceptedAt: true, expiresAt: true } }),
    requests: await db.accessRequest.findMany({ where: { id: accessRequestId }, select: { status: true } }),
    // Addresses these tests make up; other suites may write users and emails meanwhile.
    strangers: await db.user.count({ where: { OR: [{ name: "Mallory" }, { email: { startsWith: "evil-" } }] } }),
    invitationEmails: await db.emailMessage.count({ where: { toAddress: { startsWith: "evil-" } } }),
  });

  describe("pages over HTTP", () => {
    it("/account/contacts: anonymous → sign-in; billing, technical and a contact without contacts.manage → 404; another customer sees only their own people", async () => {
      const anonymous = await get("/account/contacts");
      expect(new URL(anonymous.headers.get("location")!, BASE_URL()).pathname).toBe("/login");
      for (const email of ["billing@demo.portico.test", "tech@demo.portico.test", managerEmail]) {
        const res = await get("/account/contacts", await sessionCookie(email, DEMO_PASSWORD));
        expect([email, res.status]).toEqual([email, 404]);
        // (Each persona's own address is in their user menu; the owner's must not be anywhere.)
        expect(await res.text()).not.toContain("owner@demo.portico.test");
      }
      const other = await get("/account/contacts", await sessionCookie("other@demo.portico.test", DEMO_PASSWORD));
      expect(other.status).toBe(200);
      const html = await other.text();
      expect(html).toContain("other@demo.portico.test");
      expect(html).not.toContain("owner@demo.portico.test");
      expect(html).not.toContain("billing@demo.portico.test");
      const owner = await get("/account/contacts", await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD));
      expect(owner.status).toBe(200);
      expect(await owner.text()).toContain("billing@demo.portico.test");
    });

    it("/admin/customers/access-requests: customers go to their dashboard, a support agent gets 404, a billing clerk sees the queue", async () => {
      for (const email of ["owner@demo.portico.test", "billing@demo.portico.test"]) {
        const res = await get("/admin/customers/access-requests", await sessionCookie(email, DEMO_PASSWORD));
        expect([email, new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname]).toEqual([email, "/dashboard"]);
      }
      expect((await get("/admin/customers/access-requests", await verifiedSessionCookie("agent@demo.portico.test"))).status).toBe(404);
      // Staff must have 2FA enrolled to get past the sign-in steps.
      const clerk = await createUser(db, { staffRole: "billing_clerk", totpSecret: "JBSWY3DPEHPK3PXP" });
      const res = await get("/admin/customers/access-requests", await verifiedSessionCookie(clerk.email));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Asker");
    });

    it("/invite/[token] with a made-up token says so and shows no customer", async () => {
      const res = await get(`/invite/${randomUUID()}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("This invitation link is not valid.");
      expect(html).not.toContain("Acme");
    });

    it("/request-access is public", async () => {
      const res = await get("/request-access");
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Contract number");
    });
  });

  describe("server actions", () => {
    afterEach(() => {
      mockSessionId.current = null;
    });

    const contactCalls = (): [name: string, call: () => Promise<unknown>][] => [
      ["inviteContactAction", () => contactActions.inviteContactAction({ email: `${unique("evil")}@example.test`, name: "Evil", preset: "custom", permissions: ["billing.view", "contacts.manage"] })],
      ["updateContactPermissionsAction", () => contactActions.updateContactPermissionsAction({ membershipId: techMembershipId, preset: "billing", permissions: [] })],
      ["removeContactAction", () => contactActions.removeContactAction({ membershipId: techMembershipId })],
      ["transferOwnershipAction", () => contactActions.transferOwnershipAction({ membershipId: techMembershipId, password: DEMO_PASSWORD })],
      ["resendInvitationAction", () => contactActions.resendInvitationAction({ invitationId })],
      ["revokeInvitationAction", () => contactActions.revokeInvitationAction({ invitationId })],
    ];

    it("covers every exported contacts action", () => {
      expect(contactCalls().map(([name]) => name).sort()).toEqual(Object.keys(contactActions).sort());
    });

    it("without a session: every contacts action goes to sign-in and nothing changes", async () => {
      const before = await state();
      for (const [name, call] of contactCalls()) {
        const error = await call().then(
          () => null,
          (e: unknown) => e,
        );
        expect([name, String((error as { digest?: string } | null)?.digest ?? error)]).toEqual([name, expect.stringMatching(/^NEXT_REDIRECT;.*\/login/)]);
      }
      expect(await state()).toEqual(before);
    });

    it("another customer's owner finds nothing; billing, technical and a contact without contacts.manage are refused; nothing changes", async () => {
      const before = await state();
      mockSessionId.current = await verifiedSessionId("other@demo.portico.test");
      for (const [name, call] of contactCalls().filter(([n]) => n !== "inviteContactAction")) expect([name, await call()]).toMatchObject([name, { ok: false, error: "errors.notFound" }]);
      for (const email of ["billing@demo.portico.test", "tech@demo.portico.test", managerEmail]) {
        mockSessionId.current = await verifiedSessionId(email);
        for (const [name, call] of contactCalls()) expect([email, name, await call()]).toEqual([email, name, { ok: false, error: "errors.forbidden" }]);
      }
      expect(await state()).toEqual(before);
    });

    it("the staff decision: a customer and a support agent are refused, nothing changes", async () => {
      const before = await state();
      for (const email of ["owner@demo.portico.test", "agent@demo.portico.test"]) {
        mockSessionId.current = await verifiedSessionId(email);
        for (const input of [
          { requestId: accessRequestId, decision: "approve", preset: "billing" },
          { requestId: accessRequestId, decision: "reject" },
        ]) {
          expect([email, await staffActions.decideAccessRequestAction(input)]).toEqual([email, { ok: false, error: "errors.forbidden" }]);
        }
      }
      expect(await state()).toEqual(before);
    });

    it("accepting with a made-up token creates nothing", async () => {
      const before = await state();
      expect(await inviteActions.acceptAsNewUserAction({ token: randomUUID(), name: "Mallory", password: "violet-harbour-lantern-42", confirm: "violet-harbour-lantern-42" })).toEqual({ ok: false, error: "accept.errors.invalid" });
      expect(await inviteActions.acceptAsExistingUserAction({ token: randomUUID(), password: DEMO_PASSWORD })).toEqual({ ok: false, error: "accept.errors.invalid" });
      expect(await state()).toEqual(before);
    });

    it("/request-access answers identically for a known address, an unknown address, an unknown contract number", async () => {
      const acme = await db.customer.findUniqueOrThrow({ where: { id: acmeId }, select: { email: true } });
      const answers = [];
      for (const input of [
        { contractNumber: "C-1001", email: acme.email, name: "Acme office", message: "" },
        { contractNumber: "C-1001", email: `${unique("guess")}@example.test`, name: "Guess", message: "" },
        { contractNumber: `C-${Math.floor(Math.random() * 1e6) + 900000}`, email: `${unique("guess")}@example.test`, name: "Guess", message: "" },
        { contractNumber: "c-1001", email: "billing@demo.portico.test", name: "Billing", message: "" },
      ]) {
        mockIp.current = `198.51.100.${Math.floor(Math.random() * 250)}`;
        answers.push(await requestActions.requestAccessAction(input));
      }
      expect(answers).toEqual([{ ok: true, data: undefined }, { ok: true, data: undefined }, { ok: true, data: undefined }, { ok: true, data: undefined }]);
      // And the one answer that differs, the rate limit, comes for unknown numbers too.
      mockIp.current = "198.51.100.251";
      const unknown = `Z-${randomUUID().slice(0, 8)}`;
      const limited = [];
      for (let i = 0; i < 6; i++) limited.push(await requestActions.requestAccessAction({ contractNumber: unknown, email: `${unique("r")}@example.test`, name: "R", message: "" }));
      expect(limited.at(-1)).toEqual({ ok: false, error: "errors.throttled" });
    });
  });
});
