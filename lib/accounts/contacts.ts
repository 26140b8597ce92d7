import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import { CUSTOMER_PERMISSIONS, type CustomerPermission, parseCustomerPermissions, presetOf } from "@/lib/auth/permissions";
import { verifyPassword } from "@/lib/auth/password";
import { isThrottled, recordAttempt } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { ContactError, assertNotImpersonating, type RequestMeta } from "./contact-errors";

// The people with access to a customer account (/account/contacts, contacts.manage). Permissions
// live on the Membership and are read from it on every request (lib/auth/resolve-session.ts), so a
// change or a removal takes effect on the contact's next request. Rules: the owner always has every
// permission, cannot be removed and cannot remove themself; ownership moves only by a transfer,
// which keeps exactly one owner; nobody edits their own permissions (no locking oneself out).

export { ContactError } from "./contact-errors";

export type ContactRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  isOwner: boolean;
  isSelf: boolean;
  permissions: CustomerPermission[];
  preset: ReturnType<typeof presetOf>;
  twoFactor: boolean;
  lastLoginAt: Date | null;
  disabled: boolean;
};

export async function listContacts(actor: CustomerActor): Promise<ContactRow[]> {
  const customerId = customerScope(actor, "contacts.manage");
  const rows = await db.membership.findMany({
    where: { customerId },
    orderBy: [{ isOwner: "desc" }, { createdAt: "asc" }],
    select: {
      id: true,
      isOwner: true,
      permissions: true,
      user: { select: { id: true, name: true, email: true, totpEnabledAt: true, lastLoginAt: true, disabledAt: true, _count: { select: { webAuthnCredentials: true } } } },
    },
  });
  return rows.map((m) => {
    const permissions = parseCustomerPermissions(m.permissions);
    return {
      membershipId: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      isOwner: m.isOwner,
      isSelf: m.user.id === actor.userId,
      permissions,
      preset: presetOf(permissions),
      twoFactor: Boolean(m.user.totpEnabledAt) || m.user._count.webAuthnCredentials > 0,
      lastLoginAt: m.user.lastLoginAt,
      disabled: Boolean(m.user.disabledAt),
    };
  });
}

async function memberOf(customerId: string, membershipId: string) {
  const row = await db.membership.findFirst({ where: { id: membershipId, customerId }, select: { id: true, userId: true, isOwner: true, permissions: true, user: { select: { email: true, name: true, disabledAt: true } } } });
  if (!row) throw new ContactError("errors.notFound");
  return row;
}

/** New permissions for a contact (not the owner, not oneself); audited with old → new. */
export async function updateContactPermissions(actor: CustomerActor, input: { membershipId: string; permissions: CustomerPermission[] }, meta: RequestMeta = {}): Promise<void> {
  const customerId = customerScope(actor, "contacts.manage");
  assertNotImpersonating(actor);
  const target = await memberOf(customerId, input.membershipId);
  if (target.isOwner) throw new ContactError("errors.ownerHasAll");
  if (target.userId === actor.userId) throw new ContactError("errors.notYourself");
  const before = parseCustomerPermissions(target.permissions);
  const after = CUSTOMER_PERMISSIONS.filter((p) => input.permissions.includes(p));
  if (before.length === after.length && before.every((p) => after.includes(p))) return;
  await db.$transaction(async (tx) => {
    // isOwner: false in the where: an ownership transfer in between must not be overwritten.
    const updated = await tx.membership.updateMany({ where: { id: target.id, customerId, isOwner: false }, data: { permissions: after } });
    if (updated.count !== 1) throw new ContactError("errors.notFound");
    await recordAuditEvent(
      {
        action: "account.permissions.changed",
        actorUserId: actor.userId,
        customerId,
        targetType: "membership",
        targetId: target.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        data: { contact: target.user.email, old: before, new: after, oldPreset: presetOf(before), newPreset: presetOf(after) },
      },
      tx,
    );
  });
}

/** Ends a contact's access to this customer (their login stays, for their other customers). */
export async function removeContact(actor: CustomerActor, membershipId: string, meta: RequestMeta = {}): Promise<void> {
  const customerId = customerScope(actor, "contacts.manage");
  assertNotImpersonating(actor);
  const target = await memberOf(customerId, membershipId);
  if (target.userId === actor.userId) throw new ContactError("errors.cannotRemoveSelf");
  if (target.isOwner) throw new ContactError("errors.cannotRemoveOwner");
  await db.$transaction(async (tx) => {
    const removed = await tx.membership.deleteMany({ where: { id: target.id, customerId, isOwner: false } });
    if (removed.count !== 1) throw new ContactError("errors.notFound");
    await recordAuditEvent(
      {
        action: "account.contact.removed",
        actorUserId: actor.userId,
        customerId,
        targetType: "membership",
        targetId: target.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        data: { contact: target.user.email, old: parseCustomerPermissions(target.permissions), new: [] },
      },
      tx,
    );
  });
}

/**
 * The owner hands the account to another contact after confirming their password in the same
 * request. Both rows change in one transaction, so there is exactly one owner before and after;
 * the old owner stays a contact with every permission (the new owner may narrow them).
 */
export async function transferOwnership(actor: CustomerActor, input: { membershipId: string; password: string }, meta: RequestMeta & { ip?: string | null } = {}): Promise<void> {
  const customerId = customerScope(actor, "contacts.manage");
  assertNotImpersonating(actor);
  if (!actor.isOwner) throw new ContactError("errors.onlyOwner");
  const target = await memberOf(customerId, input.membershipId);
  if (target.userId === actor.userId) throw new ContactError("errors.notYourself");
  if (target.user.disabledAt) throw new ContactError("errors.contactDisabled");
  const ip = meta.ip ?? "unknown";
  const throttleKey = `reauth:${actor.userId}`;
  if (await isThrottled(throttleKey, ip)) throw new ContactError("errors.throttled", "password");
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await recordAttempt(throttleKey, ip, false);
    await recordAuditEvent({ action: "account.ownership.refused", actorUserId: actor.userId, customerId, targetType: "membership", targetId: target.id, ip: meta.ip, userAgent: meta.userAgent, data: { to: target.user.email } });
    throw new ContactError("errors.wrongPassword", "password");
  }
  await db.$transaction(async (tx) => {
    const mine = await tx.membership.updateMany({ where: { userId: actor.userId, customerId, isOwner: true }, data: { isOwner: false, permissions: [...CUSTOMER_PERMISSIONS] } });
    if (mine.count !== 1) throw new ContactError("errors.onlyOwner");
    const theirs = await tx.membership.updateMany({ where: { id: target.id, customerId }, data: { isOwner: true, permissions: [...CUSTOMER_PERMISSIONS] } });
    if (theirs.count !== 1) throw new ContactError("errors.notFound");
    if ((await tx.membership.count({ where: { customerId, isOwner: true } })) !== 1) throw new Error("transferOwnership: the customer must have exactly one owner");
    await tx.session.updateMany({ where: { id: actor.sessionId, userId: actor.userId }, data: { reauthenticatedAt: new Date() } });
    await recordAuditEvent(
      {
        action: "account.ownership.transferred",
        actorUserId: actor.userId,
        customerId,
        targetType: "membership",
        targetId: target.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        data: { from: actor.email, to: target.user.email, old: parseCustomerPermissions(target.permissions), new: [...CUSTOMER_PERMISSIONS] },
      },
      tx,
    );
  });
}
