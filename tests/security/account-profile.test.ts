// The profile, email change, activity log and staff's profile change requests over HTTP and
// in-process (issue 7): anonymous requests go to sign-in; another customer's owner sees only their
// own customer (and cannot use Acme's email link); a contact without account.manage gets no company
// form, no activity page and no CSV, and every company action is refused; staff without
// staff.customers cannot decide a request. Nothing changes in any of these cases.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { sha256 } from "@/lib/auth/crypto";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { get, sessionCookie, verifiedSessionCookie } from "@/tests/helpers/http-login";
import * as profileActions from "@/app/(portal)/account/profile/actions";
import * as staffActions from "@/app/(staff)/admin/customers/profile-changes/actions";
import { verifiedSessionId } from "@/tests/helpers/sessions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.65", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const location = (res: Response) => new URL(res.headers.get("location") ?? "/", "http://x").pathname;

describe("profile, email change and activity", () => {
  let acmeId: string;
  let ownerId: string;
  let token: string;
  let requestId: string;

  beforeAll(async () => {
    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
    acmeId = acme.id;
    ownerId = (await db.user.findUniqueOrThrow({ where: { email: "owner@demo.portico.test" }, select: { id: true } })).id;
    // A pending email change of Acme's owner, and a pending profile change of Acme.
    token = `sec${randomUUID().replace(/-/g, "")}`;
    await db.emailChangeRequest.create({ data: { userId: ownerId, newEmail: "owner.new@demo.portico.test", tokenHash: sha256(token), expiresAt: new Date(Date.now() + 3_600_000) } });
    requestId = (await db.profileChangeRequest.create({ data: { customerId: acmeId, requestedByUserId: ownerId, changes: { name: { from: "Acme Studio", to: "Evil Rename" } } } })).id;
    await db.auditEvent.create({ data: { action: "account.profile.updated", actorUserId: ownerId, customerId: acmeId, ip: "203.0.113.200", data: { changes: { city: { from: "A", to: "B" } }, password: "leaked-secret-1" } } });
  });

  afterAll(async () => {
    await db.emailChangeRequest.deleteMany({ where: { tokenHash: sha256(token) } });
    await db.profileChangeRequest.deleteMany({ where: { id: requestId } });
  });

  describe("pages over HTTP", () => {
    const PAGES = ["/account/profile", "/account/activity", "/account/activity/export", `/account/profile/confirm-email/${"a".repeat(43)}`, "/admin/customers/profile-changes"];

    it("send anonymous requests to sign-in", async () => {
      for (const path of PAGES) {
        const res = await get(path);
        expect([path, [302, 303, 307, 308].includes(res.status), location(res)]).toEqual([path, true, "/login"]);
      }
    });

    it("show another customer's owner only their own customer, and not Acme's email link", async () => {
      const cookie = await sessionCookie("other@demo.portico.test", DEMO_PASSWORD);
      for (const path of ["/account/profile", "/account/activity", "/account/activity/export"]) {
        const res = await get(path, cookie);
        expect([path, res.status]).toEqual([path, 200]);
        const text = await res.text();
        expect([path, text.includes("Acme Studio"), text.includes("203.0.113.200"), text.includes("Evil Rename")]).toEqual([path, false, false, false]);
      }
      const link = await get(`/account/profile/confirm-email/${token}`, cookie);
      expect(link.status).toBe(200);
      const html = await link.text();
      expect(html).toContain('data-testid="confirm-email-state"');
      expect(html).not.toContain("owner.new@demo.portico.test");
    });

    it("give a contact without account.manage no company form, no activity page and no CSV", async () => {
      const cookie = await sessionCookie("billing@demo.portico.test", DEMO_PASSWORD);
      const profile = await get("/account/profile", cookie);
      expect(profile.status).toBe(200);
      const html = await profile.text();
      expect(html).toContain('data-testid="company-hidden"');
      expect(html).not.toContain('data-testid="company-form"');
      expect(html).not.toContain("Evil Rename");
      expect((await get("/account/activity", cookie)).status).toBe(404);
      const csv = await get("/account/activity/export", cookie);
      expect(csv.status).toBe(404);
      expect(await csv.text()).not.toContain("203.0.113.200");
    });

    it("never put a secret of the event data in the owner's page or CSV", async () => {
      const cookie = await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD);
      for (const path of ["/account/activity", "/account/activity/export"]) {
        const res = await get(path, cookie);
        expect([path, res.status]).toEqual([path, 200]);
        const text = await res.text();
        expect([path, text.includes("203.0.113.200"), text.includes("leaked-secret-1")]).toEqual([path, true, false]);
      }
    });

    it("keep staff without staff.customers out of the change requests", async () => {
      const agent = await verifiedSessionCookie("agent@demo.portico.test");
      expect((await get("/admin/customers/profile-changes", agent)).status).toBe(404);
      const customer = await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD);
      expect(location(await get("/admin/customers/profile-changes", customer))).toBe("/dashboard");
    });
  });

  describe("server actions", () => {
    afterEach(() => {
      mockSessionId.current = null;
    });

    const company = { country: "VN", email: "evil@evil.example", phone: "", addressLine1: "1 Evil St", addressLine2: "", city: "Hanoi", postcode: "100000" };
    const calls = (): [name: string, call: () => Promise<unknown>][] => [
      ["updatePersonalAction", () => profileActions.updatePersonalAction({ name: "Mallory", locale: "en", timeZone: "UTC" })],
      ["updateCompanyAction", () => profileActions.updateCompanyAction(company)],
      ["requestProfileChangeAction", () => profileActions.requestProfileChangeAction({ name: "Evil Corp", country: "VN", vatId: "" })],
      ["requestEmailChangeAction", () => profileActions.requestEmailChangeAction({ newEmail: "mallory@evil.example", password: "not-the-password" })],
      ["confirmEmailChangeAction", () => profileActions.confirmEmailChangeAction({ token })],
      ["decideProfileChangeAction", () => staffActions.decideProfileChangeAction({ id: requestId, approve: true, note: "" })],
    ];

    const state = async () => ({
      acme: await db.customer.findUniqueOrThrow({ where: { id: acmeId }, select: { name: true, email: true, addressLine1: true, city: true, postcode: true, vatId: true, country: true } }),
      owner: await db.user.findUniqueOrThrow({ where: { id: ownerId }, select: { email: true, name: true } }),
      requests: await db.profileChangeRequest.findMany({ where: { customerId: acmeId }, select: { id: true, status: true } }),
      emailChanges: await db.emailChangeRequest.findMany({ where: { userId: ownerId }, select: { id: true, confirmedAt: true } }),
    });

    it("covers every exported server action", () => {
      expect(calls().map(([name]) => name).sort()).toEqual([...Object.keys(profileActions), ...Object.keys(staffActions)].sort());
    });

    it("without a session: every action goes to sign-in and nothing changes", async () => {
      const before = await state();
      for (const [name, call] of calls()) {
        const error = await call().then(
          () => null,
          (e: unknown) => e,
        );
        expect([name, String((error as { digest?: string } | null)?.digest ?? error)]).toEqual([name, expect.stringMatching(/^NEXT_REDIRECT;.*\/login/)]);
      }
      expect(await state()).toEqual(before);
    });

    it("another customer's owner and a contact without account.manage change nothing of Acme", async () => {
      const before = await state();
      for (const email of ["other@demo.portico.test", "billing@demo.portico.test"]) {
        mockSessionId.current = await verifiedSessionId(email);
        // Their own personal data is theirs to change (sent back unchanged); Acme's owner is untouched.
        const own = await db.user.findUniqueOrThrow({ where: { email }, select: { name: true, locale: true, timeZone: true } });
        expect(await profileActions.updatePersonalAction(own)).toEqual({ ok: true, data: { changed: false } });
        expect(await profileActions.requestEmailChangeAction({ newEmail: "mallory@evil.example", password: "not-the-password" })).toMatchObject({ ok: false, error: "errors.wrongPassword" });
        expect(await profileActions.confirmEmailChangeAction({ token })).toMatchObject({ ok: false, error: "errors.tokenInvalid" });
        expect(await staffActions.decideProfileChangeAction({ id: requestId, approve: true, note: "" })).toEqual({ ok: false, error: "errors.forbidden" });
      }
      // Billing: no account.manage.
      expect(await profileActions.updateCompanyAction(company)).toEqual({ ok: false, error: "errors.forbidden" });
      expect(await profileActions.requestProfileChangeAction({ name: "Evil Corp", country: "VN", vatId: "" })).toEqual({ ok: false, error: "errors.forbidden" });
      // Staff without staff.customers.
      mockSessionId.current = await verifiedSessionId("agent@demo.portico.test");
      expect(await staffActions.decideProfileChangeAction({ id: requestId, approve: true, note: "" })).toEqual({ ok: false, error: "errors.forbidden" });
      expect(await state()).toEqual(before);
    });

    it("the other customer's owner writes only to their own customer", async () => {
      const beta = await db.customer.findFirstOrThrow({ where: { memberships: { some: { user: { email: "other@demo.portico.test" } } } }, select: { id: true, email: true, phone: true, addressLine1: true, addressLine2: true, city: true, postcode: true, country: true } });
      const before = await state();
      mockSessionId.current = await verifiedSessionId("other@demo.portico.test");
      const answer = await profileActions.updateCompanyAction({ ...company, country: beta.country, postcode: beta.postcode ?? "" });
      expect(answer).toMatchObject({ ok: true });
      expect(await state()).toEqual(before);
      expect(await db.customer.findUniqueOrThrow({ where: { id: beta.id }, select: { addressLine1: true } })).toEqual({ addressLine1: "1 Evil St" });
      const { id, country: _country, ...restore } = beta;
      await db.customer.update({ where: { id }, data: restore });
    });
  });
});
