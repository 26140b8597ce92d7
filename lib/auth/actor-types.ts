import { PermissionDenied } from "./errors";
import type { CustomerPermission, Permission, StaffPermission, StaffRoleKey } from "./permissions";

type BaseActor = {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
  twoFactorEnabled: boolean;
};

export type MembershipSummary = { customerId: string; customerName: string; contractNumber: string };

export type CustomerActor = BaseActor & {
  kind: "customer";
  customerId: string;
  customerName: string;
  contractNumber: string;
  isOwner: boolean;
  permissions: ReadonlySet<CustomerPermission>;
  /** Every customer this user may switch to (for the header switcher). */
  memberships: MembershipSummary[];
  /** A staff member acting as this contact (lib/auth/impersonation.ts); such a session may not change passwords, 2FA or contacts. */
  impersonator?: { userId: string; name: string } | null;
};

export type StaffActor = BaseActor & {
  kind: "staff";
  role: StaffRoleKey;
  permissions: ReadonlySet<StaffPermission>;
  /** Department slugs whose tickets this staff member handles; null: every department. */
  ticketDepartments: readonly string[] | null;
};

export type Actor = CustomerActor | StaffActor;

/** The one permission check: navigation, pages, actions, API and email recipients all ask it. */
export function can(actor: Actor, permission: Permission): boolean {
  return (actor.permissions as ReadonlySet<string>).has(permission);
}

/** Throws PermissionDenied; lib/<area> functions call it before touching data. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new PermissionDenied(permission);
}

/**
 * The customer id to put in a query's `where`, for an actor holding `permission`; throws
 * PermissionDenied otherwise (staff never hold customer permissions).
 */
export function customerScope(actor: Actor, permission: CustomerPermission): string {
  assertCan(actor, permission);
  if (actor.kind !== "customer") throw new PermissionDenied(permission);
  return actor.customerId;
}
