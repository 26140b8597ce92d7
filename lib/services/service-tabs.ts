import type { CustomerPermission } from "@/lib/auth/permissions";
import type { ServiceKind } from "@/lib/generated/prisma/enums";

// The tab bar of a service page (app/(portal)/services/[id]/layout.tsx): which parts of the
// service this user may open. Each page checks again; a tab only saves a click into a 404.

export type ServiceTabKey = "overview" | "usage" | "backups" | "ftp" | "databases" | "email" | "subdomains" | "calls" | "traffic" | "upgrade" | "cancel";
export type ServiceTab = { key: ServiceTabKey; href: string };

type TabRule = { key: ServiceTabKey; segment: string; kinds?: readonly ServiceKind[]; permission?: CustomerPermission; needsAccount?: boolean };

const HOSTING = ["hosting"] as const;

const RULES: readonly TabRule[] = [
  { key: "overview", segment: "" },
  { key: "usage", segment: "usage", kinds: HOSTING },
  { key: "backups", segment: "backups", kinds: HOSTING, needsAccount: true },
  { key: "ftp", segment: "ftp", kinds: HOSTING, needsAccount: true },
  { key: "databases", segment: "databases", kinds: HOSTING, needsAccount: true },
  { key: "email", segment: "email", kinds: HOSTING, needsAccount: true },
  { key: "subdomains", segment: "subdomains", kinds: HOSTING, needsAccount: true },
  { key: "calls", segment: "calls", kinds: ["voip"], permission: "usage.voip" },
  { key: "traffic", segment: "traffic", kinds: ["housing"], permission: "usage.traffic" },
  { key: "upgrade", segment: "upgrade", permission: "services.manage" },
  { key: "cancel", segment: "cancel", permission: "services.manage" },
];

/**
 * The tabs of service `id`: by its kind, the user's permissions and whether the control panel has
 * an account yet (the hosting tools need one). Upgrade and cancel are not offered for a terminated service.
 */
export function serviceTabs(service: { id: string; kind: ServiceKind; hasPanelAccount: boolean; terminated: boolean }, can: (permission: CustomerPermission) => boolean): ServiceTab[] {
  return RULES.filter(
    (rule) =>
      (!rule.kinds || rule.kinds.includes(service.kind)) &&
      (!rule.permission || can(rule.permission)) &&
      (!rule.needsAccount || (service.hasPanelAccount && !service.terminated)) &&
      !((rule.key === "upgrade" || rule.key === "cancel") && service.terminated),
  ).map((rule) => ({ key: rule.key, href: rule.segment ? `/services/${service.id}/${rule.segment}` : `/services/${service.id}` }));
}

/** The tab a path belongs to (the longest match), for aria-current. */
export function currentServiceTab(tabs: readonly ServiceTab[], pathname: string): ServiceTabKey | null {
  let best: ServiceTab | null = null;
  for (const tab of tabs) {
    if ((pathname === tab.href || pathname.startsWith(`${tab.href}/`)) && (!best || tab.href.length > best.href.length)) best = tab;
  }
  return best?.key ?? null;
}
