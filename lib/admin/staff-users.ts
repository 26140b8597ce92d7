import "server-only";
import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type Actor, type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { sha256 } from "@/lib/auth/crypto";
import { PermissionDenied } from "@/lib/auth/errors";
import { hashPassword } from "@/lib/auth/password";
import { parseStaffPermissions } from "@/lib/auth/permissions";
import { hasSecondFactor, secondFactorSelect } from "@/lib/auth/second-factor";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { queueEmail } from "@/lib/notifications";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import { changeStaffRoleSchema, createStaffUserSchema, setStaffDisabledSchema, updateRoleSchema } from "./staff-user-schemas";

// Staff users and roles (issue 7, /admin/settings/staff, staff.settings). A new staff member gets a
// link to set their password (a password-reset token valid for 48 hours) and must enrol a second
// factor at their first sign-in (lib/auth/session-stage.ts asks every staff user). There is always
// at least one active staff user who can reach these settings: no change may remove the last one.

type Tx = Prisma.TransactionClient;
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

export const STAFF_WELCOME_TTL_MS = 48 * 3_600_000;

/** A refusal; `key` is a message key of "staffUsers", `field` the form field it belongs to. */
export class StaffUserError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "StaffUserError";
  }
}

function assertStaffSettings(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.settings");
  assertCan(actor, "staff.settings");
}

/** Staff users (active first) and the roles with their permissions and member counts. */
export async function listStaffAndRoles(actor: Actor) {
  assertStaffSettings(actor);
  const [users, roles] = await Promise.all([
    db.user.findMany({
      where: { staffRoleId: { not: null } },
      orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
      select: { id: true, name: true, email: true, lastLoginAt: true, disabledAt: true, createdAt: true, staffRole: { select: { id: true, key: true, name: true } }, ...secondFactorSelect },
    }),
    db.staffRole.findMany({ orderBy: { name: "asc" }, select: { id: true, key: true, name: true, permissions: true, _count: { select: { users: true } } } }),
  ]);
  return {
    users: users.map(({ webAuthnCredentials: _keys, totpEnabledAt, ...u }) => ({ ...u, twoFactor: hasSecondFactor({ totpEnabledAt, webAuthnCredentials: _keys }) })),
    roles: roles.map((r) => ({ ...r, permissions: parseStaffPermissions(r.permissions) })),
  };
}

/** Whether, after a change, some active staff user still holds staff.settings (checked inside the change's transaction). */
async function assertSettingsStillReachable(tx: Tx): Promise<void> {
  const count = await tx.user.count({ where: { disabledAt: null, staffRole: { permissions: { has: "staff.settings" } } } });
  if (count === 0) throw new StaffUserError("errors.lastAdministrator");
}

export function renderStaffWelcomeEmail(input: { locale: string; name: string; url: string; by: string }) {
  const { locale, t } = emailTranslator(input.locale);
  const blocks = [t("layout.greeting", { name: input.name }), t("staffWelcome.body", { by: input.by }), t("staffWelcome.link", { url: input.url }), t("staffWelcome.twoFactor"), t("layout.signature")];
  return { subject: t("staffWelcome.subject"), text: blocks.join("\n\n"), html: renderEmailHtml({ locale, blocks, links: [input.url] }) };
}

/** A new staff member with a role; they set their password from the emailed link and enrol 2FA when they first sign in. */
export async function createStaffUser(actor: Actor, raw: unknown, meta: RequestMeta = {}, now = new Date()): Promise<{ userId: string }> {
  assertStaffSettings(actor);
  const parsed = createStaffUserSchema.safeParse(raw);
  if (!parsed.success) throw new StaffUserError(parsed.error.issues[0]?.message ?? "errors.invalidForm", String(parsed.error.issues[0]?.path[0] ?? ""));
  const input = parsed.data;
  // A password nobody knows until the link is used.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const token = randomBytes(32).toString("base64url");
  return db.$transaction(async (tx) => {
    const role = await tx.staffRole.findUnique({ where: { id: input.roleId }, select: { id: true, name: true } });
    if (!role) throw new StaffUserError("errors.roleRequired", "roleId");
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw new StaffUserError("errors.emailTaken", "email");
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, staffRoleId: role.id, createdAt: now }, select: { id: true, locale: true } });
    await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + STAFF_WELCOME_TTL_MS), ip: meta.ip ?? null, createdAt: now } });
    const email = renderStaffWelcomeEmail({ locale: user.locale, name: input.name, url: `${getEnv().APP_URL.replace(/\/+$/, "")}/reset-password/${token}`, by: actor.name });
    await queueEmail(tx, { to: input.email, ...email, category: "security", userId: user.id, dedupeKey: `staff-welcome:${user.id}` });
    await recordAuditEvent({ action: "staff.user.created", actorUserId: actor.userId, targetType: "user", targetId: user.id, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: { email: input.email, role: role.name } }, tx);
    return { userId: user.id };
  });
}

export async function changeStaffRole(actor: Actor, raw: unknown, meta: RequestMeta = {}): Promise<void> {
  assertStaffSettings(actor);
  const input = changeStaffRoleSchema.parse(raw);
  await db.$transaction(async (tx) => {
    const [user, role] = await Promise.all([
      tx.user.findFirst({ where: { id: input.userId, staffRoleId: { not: null } }, select: { id: true, staffRole: { select: { name: true } } } }),
      tx.staffRole.findUnique({ where: { id: input.roleId }, select: { id: true, name: true } }),
    ]);
    if (!user) throw new StaffUserError("errors.notFound");
    if (!role) throw new StaffUserError("errors.roleRequired", "roleId");
    await tx.user.update({ where: { id: user.id }, data: { staffRoleId: role.id } });
    await assertSettingsStillReachable(tx);
    await recordAuditEvent({ action: "staff.user.role_changed", actorUserId: actor.userId, targetType: "user", targetId: user.id, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: { from: user.staffRole?.name ?? null, to: role.name } }, tx);
  });
}

/** Disables (all their sessions end at once) or re-enables a staff user; nobody disables themself. */
export async function setStaffDisabled(actor: Actor, raw: unknown, meta: RequestMeta = {}, now = new Date()): Promise<void> {
  assertStaffSettings(actor);
  const input = setStaffDisabledSchema.parse(raw);
  if (input.userId === actor.userId) throw new StaffUserError("errors.notYourself");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: input.userId, staffRoleId: { not: null } }, select: { id: true, disabledAt: true } });
    if (!user) throw new StaffUserError("errors.notFound");
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: input.disabled ? (user.disabledAt ?? now) : null } });
    if (input.disabled) await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await assertSettingsStillReachable(tx);
    await recordAuditEvent({ action: input.disabled ? "staff.user.disabled" : "staff.user.enabled", actorUserId: actor.userId, targetType: "user", targetId: user.id, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null }, tx);
  });
}

/** Renames a role and sets its permissions (staff.access is always kept); effective on the members' next request. */
export async function updateStaffRole(actor: Actor, raw: unknown, meta: RequestMeta = {}): Promise<void> {
  assertStaffSettings(actor);
  const parsed = updateRoleSchema.safeParse(raw);
  if (!parsed.success) throw new StaffUserError(parsed.error.issues[0]?.message ?? "errors.invalidForm", String(parsed.error.issues[0]?.path[0] ?? ""));
  const input = parsed.data;
  const permissions = [...new Set(["staff.access", ...input.permissions])];
  await db.$transaction(async (tx) => {
    const role = await tx.staffRole.findUnique({ where: { id: input.roleId }, select: { id: true, name: true, permissions: true } });
    if (!role) throw new StaffUserError("errors.notFound");
    await tx.staffRole.update({ where: { id: role.id }, data: { name: input.name, permissions } });
    await assertSettingsStillReachable(tx);
    await recordAuditEvent(
      { action: "staff.role.changed", actorUserId: actor.userId, targetType: "staff_role", targetId: role.id, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: { name: { from: role.name, to: input.name }, permissions: { from: role.permissions, to: permissions } } },
      tx,
    );
  });
}
