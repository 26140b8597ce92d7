import { db } from "@/lib/db";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser } from "@/tests/helpers/factories";
import { switchActiveCustomer } from "./switch-customer";

async function liveSession(userId: string) {
  return db.session.create({ data: { userId, expiresAt: new Date(Date.now() + 3_600_000), twoFactorVerifiedAt: new Date() } });
}

describe("switchActiveCustomer", () => {
  it("switches this session only, re-read on the next request, with an audit row", async () => {
    const user = await createUser(db);
    const first = await createCustomer(db, { createdAt: new Date(Date.now() - 1000) });
    const second = await createCustomer(db);
    await addMember(db, user.id, first.id, { preset: "owner" });
    await addMember(db, user.id, second.id, { preset: "billing" });
    const session = await liveSession(user.id);
    const otherSession = await liveSession(user.id);

    const before = await resolveSessionState(session.id);
    expect(before.status === "active" && before.actor.kind === "customer" && before.actor.customerId).toBe(first.id);

    const actor = { ...(await customerActorFor(user.id, first.id)), sessionId: session.id };
    expect(await switchActiveCustomer(actor, second.id, { ip: "203.0.113.9", userAgent: "jest" })).toEqual({ ok: true });

    const after = await resolveSessionState(session.id);
    if (after.status !== "active" || after.actor.kind !== "customer") throw new Error("expected an active customer session");
    expect(after.actor.customerId).toBe(second.id);
    expect([...after.actor.permissions].sort()).toEqual(["billing.pay", "billing.view", "orders.place", "tickets.create", "tickets.view"]);

    const untouched = await resolveSessionState(otherSession.id);
    expect(untouched.status === "active" && untouched.actor.kind === "customer" && untouched.actor.customerId).toBe(first.id);

    const audit = await db.auditEvent.findFirst({ where: { action: "account.customer.switched", actorUserId: user.id } });
    expect(audit).toMatchObject({ customerId: second.id, ip: "203.0.113.9", data: { from: first.id, to: second.id } });
  });

  it("refuses a customer the user is not a member of, changing nothing", async () => {
    const user = await createUser(db);
    const mine = await createCustomer(db);
    const theirs = await createCustomer(db);
    await addMember(db, user.id, mine.id, { preset: "owner" });
    const session = await liveSession(user.id);
    const actor = { ...(await customerActorFor(user.id, mine.id)), sessionId: session.id };

    expect(await switchActiveCustomer(actor, theirs.id)).toEqual({ ok: false, reason: "not_found" });
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).activeCustomerId).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "account.customer.switched", actorUserId: user.id } })).toBe(0);
  });

  it("does not touch another user's session", async () => {
    const user = await createUser(db);
    const victim = await createUser(db);
    const a = await createCustomer(db);
    const b = await createCustomer(db);
    await addMember(db, user.id, a.id, { preset: "owner" });
    await addMember(db, user.id, b.id, { preset: "owner" });
    await addMember(db, victim.id, a.id, { preset: "owner" });
    const victimSession = await liveSession(victim.id);
    // A forged actor carrying someone else's session id.
    const actor = { ...(await customerActorFor(user.id, a.id)), sessionId: victimSession.id };
    expect(await switchActiveCustomer(actor, b.id)).toEqual({ ok: false, reason: "not_found" });
    expect((await db.session.findUniqueOrThrow({ where: { id: victimSession.id } })).activeCustomerId).toBeNull();
  });
});
