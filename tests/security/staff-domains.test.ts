// The staff domain list's registrar actions refuse everyone without staff.customers. Over HTTP
// against the built app, the list and its pending-transfers filter are a 404 for a support agent
// (no staff.customers) and open for an administrator. In-process, every server action of
// /admin/domains sends a caller without a session to sign in and answers "forbidden" to a support
// agent and a customer owner, and nothing changes; an administrator's sync, unlock and retry go
// through, so the refusals are real.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-types";
import { get, verifiedSessionCookie } from "@/tests/helpers/http-login";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { createCustomerWithOwner, createDomain, createUser, unique } from "@/tests/helpers/factories";
import * as staffDomainActions from "@/app/(staff)/admin/domains/actions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.66", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

type Persona = { label: string; sessionId: string; actor: Actor };

async function signedIn(label: string, userId: string, actor: Actor): Promise<Persona> {
  const sessionId = randomUUID();
  const now = new Date();
  await db.session.create({ data: { id: sessionId, userId, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now, reauthenticatedAt: now } });
  return { label, sessionId, actor };
}

describe("staff domains", () => {
  describe("over HTTP", () => {
    it("answers 404 to a support agent and opens the list and its pending transfers for an administrator", async () => {
      const agentCookie = await verifiedSessionCookie("agent@demo.portico.test");
      const adminCookie = await verifiedSessionCookie("admin@demo.portico.test");
      for (const url of ["/admin/domains", "/admin/domains?status=pending_transfer"]) {
        expect([url, (await get(url, agentCookie)).status]).toEqual([url, 404]);
        expect([url, (await get(url, adminCookie)).status]).toEqual([url, 200]);
      }
      const html = await (await get("/admin/domains?status=pending_transfer", adminCookie)).text();
      expect(html).toContain("acme.design");
    });
  });

  describe("server actions", () => {
    let admin: Persona;
    let refused: Persona[];
    let domainId: string;
    let customerId: string;
    let failedJobId: string;

    beforeAll(async () => {
      const adminUser = await createUser(db, { staffRole: "administrator", totpSecret: "JBSWY3DPEHPK3PXP" });
      admin = await signedIn("administrator", adminUser.id, await staffActorFor(adminUser.id));
      const agentUser = await createUser(db, { staffRole: "support_agent", totpSecret: "JBSWY3DPEHPK3PXP" });
      const { customer, owner } = await createCustomerWithOwner(db);
      customerId = customer.id;
      refused = [await signedIn("support_agent", agentUser.id, await staffActorFor(agentUser.id)), await signedIn("customer owner", owner.id, await customerActorFor(owner.id, customer.id))];
      domainId = (await createDomain(db, customerId, { name: `${unique("sec").replace(/[^a-z0-9]/g, "")}.com`, status: "active" })).id;
      failedJobId = (await db.registrarJob.create({ data: { domainId, operation: "renew", status: "failed", attempts: 6, lastError: "boom", finishedAt: new Date() } })).id;
    });

    afterEach(() => {
      mockSessionId.current = null;
    });

    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.append(k, v);
      return data;
    };

    /** Every server action of /admin/domains, with input its schema accepts. */
    const calls = (): [name: string, call: () => Promise<unknown>][] => [
      ["syncDomainAction", () => staffDomainActions.syncDomainAction({ domainId })],
      ["registrarRowAction", () => staffDomainActions.registrarRowAction({ intent: "unlock", domainId })],
      ["registrarRowFormAction", () => staffDomainActions.registrarRowFormAction(null, form({ intent: "retry", jobId: failedJobId, domainId }))],
    ];

    const state = async () => ({
      jobs: await db.registrarJob.findMany({ where: { domainId }, orderBy: { createdAt: "asc" }, select: { id: true, operation: true, status: true, attempts: true } }),
      domain: await db.domain.findUniqueOrThrow({ where: { id: domainId }, select: { status: true, locked: true } }),
      audits: await db.auditEvent.count({ where: { customerId } }),
    });

    it("covers every exported server action", () => {
      expect(calls().map(([name]) => name).sort()).toEqual(Object.keys(staffDomainActions).sort());
    });

    it("sends a caller without a session to sign in, and nothing changes", async () => {
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

    it.each(["support_agent", "customer owner"])("answers 'forbidden' to a %s, and nothing changes", async (label) => {
      mockSessionId.current = refused.find((p) => p.label === label)!.sessionId;
      const before = await state();
      for (const [name, call] of calls()) expect([name, await call()]).toEqual([name, expect.objectContaining({ ok: false, error: "errors.forbidden" })]);
      expect(await state()).toEqual(before);
    });

    it("lets an administrator sync, unlock and retry, and tells why a second unlock is refused", async () => {
      mockSessionId.current = admin.sessionId;
      expect(await staffDomainActions.syncDomainAction({ domainId })).toMatchObject({ ok: true, data: { created: true } });
      expect(await staffDomainActions.registrarRowAction({ intent: "unlock", domainId })).toMatchObject({ ok: true });
      expect(await staffDomainActions.registrarRowFormAction(null, form({ intent: "unlock", domainId }))).toEqual({ ok: false, error: "errors.changePending", intent: "unlock" });
      expect(await staffDomainActions.registrarRowFormAction(null, form({ intent: "retry", jobId: failedJobId, domainId }))).toMatchObject({ ok: true, intent: "retry" });
      expect(await staffDomainActions.registrarRowFormAction(null, form({ intent: "bogus", domainId }))).toMatchObject({ ok: false, error: "errors.invalidForm" });
      expect((await state()).jobs.map((j) => [j.operation, j.status])).toEqual([
        ["renew", "queued"],
        ["sync", "queued"],
        ["unlock", "queued"],
      ]);
    });
  });
});
