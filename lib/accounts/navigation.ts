import "server-only";
import { type Actor, type CustomerActor, can } from "@/lib/auth/actor-types";
import type { CustomerPermission, Permission } from "@/lib/auth/permissions";

// The portal's menus as typed data: the header renders them and tests assert them. Labels are
// message keys in the `nav` namespace.

export type NavItem = {
  key: string;
  href: string;
  /** Message key in the `nav` namespace. */
  labelKey: string;
  /** Paths that also mark this entry as current (e.g. /billing/quotes under Billing). */
  matchPrefix: string;
  /** Current only on `matchPrefix` itself, not below it (e.g. /admin). */
  exact?: boolean;
};

type NavEntry<P> = NavItem & {
  /** Without it the entry is shown to everyone who can see the menu. */
  permission?: P;
  /** False until the page exists, so the menu never links to a 404. */
  available: boolean;
};

const PORTAL_MENU: readonly NavEntry<CustomerPermission>[] = [
  { key: "dashboard", href: "/dashboard", labelKey: "portal.dashboard", matchPrefix: "/dashboard", available: true },
  { key: "services", href: "/services", labelKey: "portal.services", matchPrefix: "/services", permission: "services.view", available: true },
  { key: "domains", href: "/domains", labelKey: "portal.domains", matchPrefix: "/domains", permission: "domains.view", available: true },
  { key: "billing", href: "/billing/invoices", labelKey: "portal.billing", matchPrefix: "/billing", permission: "billing.view", available: true },
  { key: "support", href: "/support/tickets", labelKey: "portal.support", matchPrefix: "/support", permission: "tickets.view", available: true },
  { key: "account", href: "/account/security", labelKey: "portal.account", matchPrefix: "/account", available: true },
];

const ACCOUNT_MENU: readonly NavEntry<CustomerPermission>[] = [
  { key: "profile", href: "/account/profile", labelKey: "account.profile", matchPrefix: "/account/profile", available: true },
  { key: "contacts", href: "/account/contacts", labelKey: "account.contacts", matchPrefix: "/account/contacts", permission: "contacts.manage", available: true },
  { key: "notifications", href: "/account/notifications", labelKey: "account.notifications", matchPrefix: "/account/notifications", available: true },
  { key: "emails", href: "/account/emails", labelKey: "account.emails", matchPrefix: "/account/emails", available: true },
  { key: "security", href: "/account/security", labelKey: "account.security", matchPrefix: "/account/security", available: true },
  { key: "activity", href: "/account/activity", labelKey: "account.activity", matchPrefix: "/account/activity", permission: "account.manage", available: true },
];

function visible<P extends Permission>(actor: Actor, entries: readonly NavEntry<P>[]): NavItem[] {
  return entries
    .filter((e) => e.available && (!e.permission || can(actor, e.permission)))
    .map(({ key, href, labelKey, matchPrefix, exact }) => ({ key, href, labelKey, matchPrefix, ...(exact ? { exact } : {}) }));
}

/** The portal's main menu for this actor: each entry only with its permission. */
export function portalNavigation(actor: CustomerActor): NavItem[] {
  return visible(actor, PORTAL_MENU);
}

/** The user menu's links (sign out is added by the header). */
export function accountNavigation(actor: CustomerActor): NavItem[] {
  return visible(actor, ACCOUNT_MENU);
}

export { visible as visibleNavigation, type NavEntry };
