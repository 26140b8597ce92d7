// Staff impersonation (lib/auth/impersonation.ts): who may start it, the session it opens, the staff
// session acting as the contact while it lives, the actor the portal then sees, audit rows that name the
// staff member, the refusal of password/2FA/contact changes, and the way back.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/impersonation
import { db } from "@/lib/db";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { ImpersonationRefused, ImpersonationTargetMissing, assertNotImpersonating, startImpersonation, stopImpersonation } from "@/lib/auth/impersonation";
import { disableTwoFactor, regenerateRecoveryCodes } from "@/lib/auth/two-factor";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { recordAuditEvent, runAsImpersonation } from "@/lib/audit/record-audit-event";
import { addMember, createCustomer, createUser } from "@/tests/helpers/factories";

afterAll(async () => {
  await db.$disconnect();
});

async function sessionOf(userId: string, extra: { activeCustomerId?: string } = {}) {
  const now = new Date();
  return db.session.create({ data: { userId, expiresAt: new Date(now.getTime() + 8 * 3_600_000), twoFactorVerifiedAt: now, ...extra } });
}

async function actorOf(sessionId: string) {
  const state = await resolveSessionState(sessionId);
  if (state.status !== "active") throw new Error(`session ${sessionId} is ${state.status}`);
  return state.actor;
}

async function world() {
  const customer = await createCustomer(db);
  const contact = await createUser(db, { name: "Carla Contact" });
  await addMember(db, contact.id, customer.id, { preset: "billing" });
  const admin = await createUser(db, { name: "Ada Admin", staffRole: "administrator", totpSecret: "JBSWY3DPEHPK3PXP" });
  const clerk = await createUser(db, { name: "Cleo Clerk", staffRole: "billing_clerk", totpSecret: "JBSWY3DPEHPK3PXP" });
  const adminSession = await sessionOf(admin.id);
  const clerkSession = await sessionOf(clerk.id);
  return { customer, contact, admin, adminSession, adminActor: (await actorOf(adminSession.id)) as StaffActor, clerkActor: (await actorOf(clerkSession.id)) as StaffActor };
}

describe("impersonation", () => {
  it("opens a session as the contact for at most an hour, never recently verified, audited on the customer", async () => {
    const w = await world();
    const now = new Date();
    const { sessionId } = await startImpersonation(w.adminActor, { customerId: w.customer.id, userId: w.contact.id }, { ip: "203.0.113.9" }, now);
    const session = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ userId: w.contact.id, activeCustomerId: w.customer.id, impersonatorUserId: w.admin.id, impersonatorSessionId: w.adminSession.id, reauthenticatedAt: new Date(0) });
    expect(session.expiresAt.getTime() - now.getTime()).toBe(60 * 60_000);
    expect(await db.auditEvent.findFirstOrThrow({ where: { customerId: w.customer.id, action: "auth.impersonation.started" } })).toMatchObject({ actorUserId: w.admin.id, targetId: w.contact.id, ip: "203.0.113.9" });

    const actor = (await actorOf(sessionId)) as CustomerActor;
    expect(actor).toMatchObject({ kind: "customer", userId: w.contact.id, customerId: w.customer.id, impersonator: { userId: w.admin.id, name: "Ada Admin" } });
    expect(() => assertNotImpersonating(actor)).toThrow(ImpersonationRefused);
    expect(() => assertNotImpersonating(actor)).toThrow(PermissionDenied);
    // Second factors and recovery codes are the contact's own business.
    const info = { ip: "203.0.113.9", userAgent: "test" };
    await expect(disableTwoFactor(actor, "123456", info)).rejects.toBeInstanceOf(ImpersonationRefused);
    await expect(regenerateRecoveryCodes(actor, "123456", info)).rejects.toBeInstanceOf(ImpersonationRefused);
  });

  it("needs staff.impersonate and a real contact of that customer", async () => {
    const w = await world();
    await expect(startImpersonation(w.clerkActor, { customerId: w.customer.id, userId: w.contact.id })).rejects.toBeInstanceOf(PermissionDenied);
    const stranger = await createUser(db);
    await expect(startImpersonation(w.adminActor, { customerId: w.customer.id, userId: stranger.id })).rejects.toBeInstanceOf(ImpersonationTargetMissing);
    const otherStaff = await createUser(db, { staffRole: "support_agent" });
    await addMember(db, otherStaff.id, w.customer.id, { preset: "billing" });
    await expect(startImpersonation(w.adminActor, { customerId: w.customer.id, userId: otherStaff.id })).rejects.toBeInstanceOf(ImpersonationTargetMissing);
    expect(await db.session.count({ where: { impersonatorUserId: w.admin.id } })).toBe(0);
  });

  it("the staff session acts as the contact while the impersonation lives, and as itself after", async () => {
    const w = await world();
    expect(((await actorOf(w.adminSession.id)) as StaffActor).kind).toBe("staff");
    const { sessionId } = await startImpersonation(w.adminActor, { customerId: w.customer.id, userId: w.contact.id });
    const acting = (await actorOf(w.adminSession.id)) as CustomerActor;
    expect(acting).toMatchObject({ kind: "customer", userId: w.contact.id, sessionId, impersonator: { userId: w.admin.id } });

    // Another session of the same staff member, and the contact's own session, are unaffected.
    const elsewhere = await sessionOf(w.admin.id);
    expect((await actorOf(elsewhere.id)).kind).toBe("staff");
    const contactOwn = await sessionOf(w.contact.id, { activeCustomerId: w.customer.id });
    expect(((await actorOf(contactOwn.id)) as CustomerActor).impersonator ?? null).toBeNull();

    // Expired: the staff member is themself again.
    await db.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await actorOf(w.adminSession.id)).kind).toBe("staff");
  });

  it("audit rows written while impersonating name the staff member; the way back ends the session", async () => {
    const w = await world();
    const { sessionId } = await startImpersonation(w.adminActor, { customerId: w.customer.id, userId: w.contact.id });
    const actor = (await actorOf(sessionId)) as CustomerActor;
    await runAsImpersonation({ impersonatorUserId: w.admin.id, impersonatorName: "Ada Admin" }, () =>
      recordAuditEvent({ action: "billing.invoice.viewed", actorUserId: w.contact.id, customerId: w.customer.id, data: { invoice: "X" } }),
    );
    const row = await db.auditEvent.findFirstOrThrow({ where: { customerId: w.customer.id, action: "billing.invoice.viewed" } });
    expect(row.data).toEqual({ invoice: "X", impersonatorUserId: w.admin.id, impersonatorName: "Ada Admin" });

    const back = await stopImpersonation(actor, {});
    expect(back).toEqual({ staffSessionId: w.adminSession.id, customerId: w.customer.id });
    expect((await resolveSessionState(sessionId)).status).toBe("anonymous");
    expect((await actorOf(w.adminSession.id)).kind).toBe("staff");
    expect(await db.auditEvent.count({ where: { customerId: w.customer.id, action: "auth.impersonation.ended", actorUserId: w.admin.id } })).toBe(1);
  });
});
