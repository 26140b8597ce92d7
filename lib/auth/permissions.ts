// Permissions are data (DESIGN.md §4): one typed list, presets, and one `can()` for everything —
// navigation, pages, actions, API and email recipients.

export const CUSTOMER_PERMISSIONS = [
  "billing.view",
  "billing.pay",
  "services.view",
  "services.manage",
  "domains.view",
  "domains.manage",
  "dns.manage",
  "tickets.view",
  "tickets.create",
  "orders.place",
  "usage.voip",
  "usage.traffic",
  "contacts.manage",
  "account.manage",
] as const;
export type CustomerPermission = (typeof CUSTOMER_PERMISSIONS)[number];

export const STAFF_PERMISSIONS = [
  "staff.access",
  "staff.tickets",
  "staff.billing",
  "staff.customers",
  "staff.catalog",
  "staff.services",
  "staff.settings",
  "staff.audit",
  /** Open the portal as one of a customer's contacts (issue 7), audited in the customer's activity. */
  "staff.impersonate",
] as const;
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

export type Permission = CustomerPermission | StaffPermission;

export const PRESETS = {
  owner: [...CUSTOMER_PERMISSIONS],
  billing: ["billing.view", "billing.pay", "orders.place", "tickets.view", "tickets.create"],
  technical: [
    "services.view",
    "services.manage",
    "domains.view",
    "domains.manage",
    "dns.manage",
    "tickets.view",
    "tickets.create",
    "usage.voip",
    "usage.traffic",
  ],
} as const satisfies Record<string, readonly CustomerPermission[]>;
export type PresetName = keyof typeof PRESETS;

export const STAFF_ROLES = {
  administrator: [...STAFF_PERMISSIONS],
  // "sees tickets only": the customer context it needs comes with the ticket page.
  support_agent: ["staff.access", "staff.tickets"],
  billing_clerk: ["staff.access", "staff.billing", "staff.customers", "staff.tickets"],
} as const satisfies Record<string, readonly StaffPermission[]>;
export type StaffRoleKey = keyof typeof STAFF_ROLES;

/** Department slugs whose tickets a role handles; an empty list means every department. */
export const STAFF_ROLE_TICKET_DEPARTMENTS = {
  administrator: [],
  support_agent: [],
  billing_clerk: ["sales-billing"],
} as const satisfies Record<StaffRoleKey, readonly string[]>;

const customerSet = new Set<string>(CUSTOMER_PERMISSIONS);
const staffSet = new Set<string>(STAFF_PERMISSIONS);

/** Drops names that are not permissions (a stale or hand-edited row must not grant anything). */
export function parseCustomerPermissions(values: readonly string[]): CustomerPermission[] {
  return values.filter((v): v is CustomerPermission => customerSet.has(v));
}
export function parseStaffPermissions(values: readonly string[]): StaffPermission[] {
  return values.filter((v): v is StaffPermission => staffSet.has(v));
}

/** A role's stored department list as the actor carries it: null (all) when empty. */
export function ticketDepartmentsOf(slugs: readonly string[]): readonly string[] | null {
  return slugs.length ? slugs : null;
}

/** Which preset a permission set equals, or "custom". */
export function presetOf(permissions: readonly string[]): PresetName | "custom" {
  const given = new Set(permissions);
  for (const [name, list] of Object.entries(PRESETS) as [PresetName, readonly string[]][]) {
    if (list.length === given.size && list.every((p) => given.has(p))) return name;
  }
  return "custom";
}
