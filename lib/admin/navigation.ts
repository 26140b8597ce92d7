import "server-only";
import type { StaffActor } from "@/lib/auth/actor-types";
import type { StaffPermission } from "@/lib/auth/permissions";
import { type NavEntry, type NavItem, visibleNavigation } from "@/lib/accounts/navigation";

// The staff area's menu: one typed list; an entry appears once its page exists (`available`) and
// only for staff whose role has the permission.
const STAFF_MENU: readonly NavEntry<StaffPermission>[] = [
  { key: "dashboard", href: "/admin", labelKey: "staff.dashboard", matchPrefix: "/admin", exact: true, permission: "staff.access", available: true },
  { key: "tickets", href: "/admin/tickets", labelKey: "staff.tickets", matchPrefix: "/admin/tickets", permission: "staff.tickets", available: true },
  { key: "customers", href: "/admin/customers", labelKey: "staff.customers", matchPrefix: "/admin/customers", permission: "staff.customers", available: true },
  { key: "invoices", href: "/admin/invoices", labelKey: "staff.invoices", matchPrefix: "/admin/invoices", permission: "staff.billing", available: true },
  { key: "quotes", href: "/admin/quotes", labelKey: "staff.quotes", matchPrefix: "/admin/quotes", permission: "staff.billing", available: true },
  { key: "services", href: "/admin/services", labelKey: "staff.services", matchPrefix: "/admin/services", permission: "staff.services", available: true },
  { key: "domains", href: "/admin/domains", labelKey: "staff.domains", matchPrefix: "/admin/domains", permission: "staff.customers", available: true },
  { key: "catalog", href: "/admin/catalog", labelKey: "staff.catalog", matchPrefix: "/admin/catalog", permission: "staff.catalog", available: true },
  { key: "kb", href: "/admin/kb", labelKey: "staff.kb", matchPrefix: "/admin/kb", permission: "staff.tickets", available: true },
  { key: "network", href: "/admin/network", labelKey: "staff.network", matchPrefix: "/admin/network", permission: "staff.settings", available: true },
  { key: "settings", href: "/admin/settings", labelKey: "staff.settings", matchPrefix: "/admin/settings", permission: "staff.settings", available: true },
  { key: "audit", href: "/admin/audit", labelKey: "staff.audit", matchPrefix: "/admin/audit", permission: "staff.audit", available: false },
];

/** The staff menu for this actor. */
export function staffNavigation(actor: StaffActor): NavItem[] {
  return visibleNavigation(actor, STAFF_MENU);
}
