// Staff users and roles (lib/admin/staff-users.ts): adding a staff member sends a 48-hour link to set
// a password and leaves 2FA to their first sign-in; role and permission changes take effect on the
// next request; nobody can remove the last active user who can reach the settings, or disable
// themself; and only staff.settings may do any of it. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/staff-users
import { db } from "@/lib/db";
import type { StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { changeStaffRole, createStaffUser, listStaffAndRoles, setStaffDisabled, updateStaffRole } from "@/lib/admin/staff-users";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { customerActorFor } from "@/tests/helpers/actors";
import { createCustomerWithOwner, createUser, ensureStaffRole, unique } from "@/tests/helpers/factories";

afterAll(async () => {
  await db.$disconnect();
});

async function staffActor(role: "administrator" | "support_agent" | "billing_clerk") {
  const user = await createUser(db, { name: `Staff ${role}`, staffRole: role, totpSecret: "JBSWY3DPEHPK3PXP" });
  const now = new Date();
  const session = await db.session.create({ data: { userId: user.id, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now } });
  const state = await resolveSessionState(session.id);
  if (state.status !== "active" || state.actor.kind !== "staff") throw new Error("no staff actor");
  return { user, actor: state.actor as StaffActor, sessionId: session.id };
}

describe("staff users", () => {
  it("adds a staff member with a 48-hour password link and mandatory 2FA at first sign-in", async () => {
    const { actor } = await staffActor("administrator");
    const agentRole = await ensureStaffRole(db, "support_agent");
    const email = `${unique("new-staff")}@example.test`;
    const now = new Date();
    const { userId } = await createStaffUser(actor, { name: "Nina New", email: email.toUpperCase(), roleId: agentRole.id }, {}, now);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ email, staffRoleId: agentRole.id, totpEnabledAt: null });
    const token = await db.passwordResetToken.findFirstOrThrow({ where: { userId } });
    expect(token.expiresAt.getTime() - now.getTime()).toBe(48 * 3_600_000);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { toAddress: email } });
    expect(mail.textBody).toMatch(/\/reset-password\/[A-Za-z0-9_-]{40,}/);
    expect(mail.textBody).toContain("two-factor");
    // A session of the new staff member must enrol a second factor before anything else.
    const session = await db.session.create({ data: { userId, expiresAt: new Date(Date.now() + 3_600_000) } });
    expect((await resolveSessionState(session.id)).status).toBe("two_factor_enrolment_required");

    await expect(createStaffUser(actor, { name: "Again", email, roleId: agentRole.id })).rejects.toMatchObject({ key: "errors.emailTaken", field: "email" });
    await expect(createStaffUser(actor, { name: "", email: "nope", roleId: agentRole.id })).rejects.toMatchObject({ key: "errors.nameRequired" });
  });

  it("role and permission changes apply on the next request; the last way into the settings stays", async () => {
    const { actor } = await staffActor("administrator");
    const clerk = await staffActor("billing_clerk");
    const agentRole = await ensureStaffRole(db, "support_agent");
    await changeStaffRole(actor, { userId: clerk.user.id, roleId: agentRole.id });
    const after = await resolveSessionState(clerk.sessionId);
    expect(after.status === "active" && after.actor.kind === "staff" && after.actor.role).toBe("support_agent");

    // Taking staff.settings away from every role with active members is refused, and nothing changes.
    const adminRole = await ensureStaffRole(db, "administrator");
    const before = await db.staffRole.findUniqueOrThrow({ where: { id: adminRole.id } });
    // Only the administrator role holds staff.settings (ensureStaffRole resets the built-in roles).
    expect(await db.staffRole.count({ where: { id: { not: adminRole.id }, permissions: { has: "staff.settings" } } })).toBe(0);
    await expect(updateStaffRole(actor, { roleId: adminRole.id, name: "Administrator", permissions: ["staff.tickets"] })).rejects.toMatchObject({ key: "errors.lastAdministrator" });
    expect((await db.staffRole.findUniqueOrThrow({ where: { id: adminRole.id } })).permissions).toEqual(before.permissions);
    await updateStaffRole(actor, { roleId: agentRole.id, name: "Support agent", permissions: ["staff.tickets", "staff.audit"] });
    expect((await db.staffRole.findUniqueOrThrow({ where: { id: agentRole.id } })).permissions.sort()).toEqual(["staff.access", "staff.audit", "staff.tickets"]);
    await updateStaffRole(actor, { roleId: agentRole.id, name: "Support agent", permissions: ["staff.tickets"] });
  });

  it("disabling ends the member's sessions at once; nobody disables themself", async () => {
    const { actor } = await staffActor("administrator");
    const agent = await staffActor("support_agent");
    await setStaffDisabled(actor, { userId: agent.user.id, disabled: true });
    expect((await resolveSessionState(agent.sessionId)).status).toBe("anonymous");
    await setStaffDisabled(actor, { userId: agent.user.id, disabled: false });
    expect(await db.user.findUniqueOrThrow({ where: { id: agent.user.id } })).toMatchObject({ disabledAt: null });
    await expect(setStaffDisabled(actor, { userId: actor.userId, disabled: true })).rejects.toMatchObject({ key: "errors.notYourself" });
  });

  it("needs staff.settings: a support agent and a customer are refused", async () => {
    const agent = await staffActor("support_agent");
    const role = await ensureStaffRole(db, "support_agent");
    await expect(listStaffAndRoles(agent.actor)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(createStaffUser(agent.actor, { name: "X", email: `${unique("x")}@example.test`, roleId: role.id })).rejects.toBeInstanceOf(PermissionDenied);
    const { owner, customer } = await createCustomerWithOwner(db);
    const customerActor = await customerActorFor(owner.id, customer.id);
    await expect(changeStaffRole(customerActor, { userId: agent.user.id, roleId: role.id })).rejects.toBeInstanceOf(PermissionDenied);
  });
});
