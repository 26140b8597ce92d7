// The service page (/services/[id], /usage, /upgrade, /cancel) over HTTP against the built app:
// anonymous visitors go to /login, another customer and the Billing preset get 404, a malformed or
// unknown id is a 404. In-process, the page's server actions (control-panel login, show password,
// reset password, change package, cancel, withdraw) without a session redirect to sign-in, another
// customer's contact gets "not found" and the Billing preset "forbidden" — and nothing changes:
// no SSO link issued, no job, no upgrade, no cancellation, no audit row.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { BASE_URL, get, sessionCookie } from "@/tests/helpers/http-login";
import * as overviewActions from "@/app/(portal)/services/[id]/actions";
import * as cancelActions from "@/app/(portal)/services/[id]/cancel/actions";
import * as upgradeActions from "@/app/(portal)/services/[id]/upgrade/actions";
import { verifiedSessionId } from "@/tests/helpers/sessions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.63", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const REDIRECTS = [302, 303, 307, 308];
const locationOf = (res: Response) => new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname;
const PARTS = ["", "/usage", "/upgrade", "/cancel"] as const;

// One outer block: its afterAll runs before the setup file closes the database pool.
describe("the service page", () => {
  let serviceId: string;
  let vpsId: string;
  let requestId: string;
  let targetProductId: string;

  beforeAll(async () => {
    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
    serviceId = (await db.service.findFirstOrThrow({ where: { customerId: acme.id, kind: "hosting", domain: "acme-studio.vn" }, select: { id: true } })).id;
    const vps = await db.service.findFirstOrThrow({ where: { customerId: acme.id, kind: "vps", status: "active" }, select: { id: true } });
    vpsId = vps.id;
    // A waiting request of Acme's, for the withdraw action (removed after).
    requestId = (await db.cancellationRequest.create({ data: { serviceId: vpsId, customerId: acme.id, timing: "end_of_period", reason: "Security test: waiting request.", effectiveOn: new Date(Date.now() + 30 * 86_400_000) } })).id;
    targetProductId = (await db.product.findFirstOrThrow({ where: { kind: "hosting", slug: "hosting-starter" }, select: { id: true } })).id;
  });

  afterAll(async () => {
    await db.cancellationRequest.deleteMany({ where: { id: requestId } });
  });

  describe("service pages over HTTP", () => {
    const pages = () => [...PARTS.map((p) => `/services/${serviceId}${p}`), `/services/${vpsId}`, `/services/${vpsId}/cancel`];

    it("send anonymous visitors to sign in", async () => {
      for (const url of pages()) {
        const res = await get(url);
        expect([url, REDIRECTS.includes(res.status), locationOf(res)]).toEqual([url, true, "/login"]);
      }
    });

    it("answer 404 to another customer and to the Billing preset", async () => {
      for (const email of ["other@demo.portico.test", "billing@demo.portico.test"]) {
        const cookie = await sessionCookie(email, DEMO_PASSWORD);
        for (const url of pages()) {
          const res = await get(url, cookie);
          expect([email, url, res.status]).toEqual([email, url, 404]);
          expect(await res.text()).not.toContain("acme-studio.vn");
        }
      }
    });

    it("open for Acme's owner and technical contact; unknown and malformed ids are 404", async () => {
      for (const email of ["owner@demo.portico.test", "tech@demo.portico.test"]) {
        const cookie = await sessionCookie(email, DEMO_PASSWORD);
        for (const url of pages()) expect([email, url, (await get(url, cookie)).status]).toEqual([email, url, 200]);
      }
      const cookie = await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD);
      // A VPS has no usage page; unknown and malformed ids have nothing.
      for (const url of [`/services/${vpsId}/usage`, `/services/${randomUUID()}/upgrade`, "/services/not-a-uuid/cancel", `/services/${randomUUID()}/usage`]) {
        expect([url, (await get(url, cookie)).status]).toEqual([url, 404]);
      }
    });
  });

  describe("service page server actions", () => {
    afterEach(() => {
      mockSessionId.current = null;
    });

    const calls = (): [name: string, call: () => Promise<unknown>][] => [
      ["controlPanelLoginAction", () => overviewActions.controlPanelLoginAction({ serviceId })],
      ["showPasswordOnceAction", () => overviewActions.showPasswordOnceAction({ serviceId })],
      ["resetPasswordAction", () => overviewActions.resetPasswordAction({ serviceId })],
      ["requestUpgradeAction", () => upgradeActions.requestUpgradeAction({ serviceId, productId: targetProductId })],
      ["requestCancellationAction", () => cancelActions.requestCancellationAction({ serviceId, timing: "immediate", reason: "Security test: should never be stored." })],
      ["withdrawCancellationAction", () => cancelActions.withdrawCancellationAction({ requestId })],
    ];

    const state = async () => ({
      service: await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { status: true, productId: true, cancelAt: true, initialPasswordEnc: true } }),
      jobs: await db.provisioningJob.count({ where: { serviceId } }),
      upgrades: await db.serviceUpgrade.count({ where: { serviceId } }),
      cancellations: await db.cancellationRequest.findMany({ where: { serviceId: { in: [serviceId, vpsId] } }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
      audits: await db.auditEvent.count({ where: { targetType: "service", targetId: { in: [serviceId, vpsId] } } }),
    });

    it("covers every exported server action", () => {
      const exported = [overviewActions, upgradeActions, cancelActions].flatMap((m) => Object.keys(m));
      expect(calls().map(([name]) => name).sort()).toEqual(exported.sort());
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

    it("another customer's contact finds nothing and the Billing preset is refused; nothing changes", async () => {
      const before = await state();
      mockSessionId.current = await verifiedSessionId("other@demo.portico.test");
      const notFound: Record<string, string> = {
        controlPanelLoginAction: "errors.notFound",
        showPasswordOnceAction: "errors.passwordGone",
        resetPasswordAction: "errors.notFound",
        requestUpgradeAction: "upgrade.errors.notFound",
        requestCancellationAction: "cancel.errors.notFound",
        withdrawCancellationAction: "cancel.errors.notFound",
      };
      for (const [name, call] of calls()) expect([name, await call()]).toEqual([name, { ok: false, error: notFound[name] }]);
      mockSessionId.current = await verifiedSessionId("billing@demo.portico.test");
      for (const [name, call] of calls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
      expect(await state()).toEqual(before);
    });
  });
});
