// Actors for tests that call lib/<area> directly, without HTTP or a session cookie.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { parseCustomerPermissions, parseStaffPermissions, ticketDepartmentsOf } from "@/lib/auth/permissions";

/**
 * The CustomerActor a session of `userId` acting for `customerId` would have (the same shape as
 * toActor in lib/auth/session.ts), read from the database membership. Throws when there is none.
 */
export async function customerActorFor(userId: string, customerId: string): Promise<CustomerActor> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      timeZone: true,
      totpEnabledAt: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { customerId: true, isOwner: true, permissions: true, customer: { select: { name: true, contractNumber: true } } },
      },
    },
  });
  const membership = user.memberships.find((m) => m.customerId === customerId);
  if (!membership) throw new Error(`user ${userId} is not a member of customer ${customerId}`);
  return {
    kind: "customer",
    userId: user.id,
    sessionId: randomUUID(),
    email: user.email,
    name: user.name,
    locale: user.locale,
    timeZone: user.timeZone,
    twoFactorEnabled: Boolean(user.totpEnabledAt),
    customerId,
    customerName: membership.customer.name,
    contractNumber: membership.customer.contractNumber,
    isOwner: membership.isOwner,
    permissions: new Set(parseCustomerPermissions(membership.permissions)),
    memberships: user.memberships.map((m) => ({ customerId: m.customerId, customerName: m.customer.name, contractNumber: m.customer.contractNumber })),
  };
}

/** The StaffActor of a user with a staff role (as toActor in lib/auth/session.ts). Throws for a non-staff user. */
export async function staffActorFor(userId: string): Promise<StaffActor> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, locale: true, timeZone: true, totpEnabledAt: true, staffRole: { select: { key: true, permissions: true, ticketDepartments: true } } },
  });
  if (!user.staffRole) throw new Error(`user ${userId} has no staff role`);
  return {
    kind: "staff",
    userId: user.id,
    sessionId: randomUUID(),
    email: user.email,
    name: user.name,
    locale: user.locale,
    timeZone: user.timeZone,
    twoFactorEnabled: Boolean(user.totpEnabledAt),
    role: user.staffRole.key as StaffActor["role"],
    permissions: new Set(parseStaffPermissions(user.staffRole.permissions)),
    ticketDepartments: ticketDepartmentsOf(user.staffRole.ticketDepartments),
  };
}
