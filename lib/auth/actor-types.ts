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
};

export type StaffActor = BaseActor & {
  kind: "staff";
  role: StaffRoleKey;
  permissions: ReadonlySet<StaffPermission>;
};

export type Actor = CustomerActor | StaffActor;

/** The one permission check: navigation, pages, actions, API and email recipients all ask it. */
export function can(actor: Actor, permission: Permission): boolean {
  return (actor.permissions as ReadonlySet<string>).has(permission);
}
