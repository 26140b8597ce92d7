// The activity page's filters (query string) and how an audit action reads: its group and its
// label key in "accountActivity". Pure: the page, the CSV export and the tests share it.
import { z } from "zod";
import { isCalendarDay } from "@/lib/services/usage-schemas";

/** Filter groups and the action prefixes in each. */
export const ACTION_GROUPS = {
  security: ["auth."],
  profile: ["account.user.", "account.profile", "account.email"],
  contacts: ["account.permissions.", "account.contact", "account.invitation", "account.owner", "account.membership", "account.access_request", "account.2fa_requirement"],
  billing: ["billing.", "quotes."],
  services: ["services.", "orders."],
  domains: ["domains.", "dns."],
  support: ["support."],
} as const;
export type ActionGroup = keyof typeof ACTION_GROUPS;
export const ACTION_GROUP_KEYS = Object.keys(ACTION_GROUPS) as ActionGroup[];

// Longest prefix wins; the label is a key under "accountActivity.actions".
const LABELS: [prefix: string, label: string][] = [
  ["auth.login.succeeded", "loginSucceeded"],
  ["auth.login.failed", "loginFailed"],
  ["auth.login.throttled", "loginThrottled"],
  ["auth.login", "login"],
  ["auth.logout", "logout"],
  ["auth.2fa", "twoFactor"],
  ["auth.webauthn", "securityKey"],
  ["auth.security_key", "securityKey"],
  ["auth.password_reset", "passwordReset"],
  ["auth.password", "passwordChanged"],
  ["auth.session", "sessionRevoked"],
  ["auth.impersonation.started", "impersonationStarted"],
  ["auth.impersonation.ended", "impersonationEnded"],
  ["auth.impersonation", "impersonation"],
  ["account.user.updated", "personalUpdated"],
  ["account.profile.updated", "companyUpdated"],
  ["account.profile_change.requested", "changeRequested"],
  ["account.profile_change.approved", "changeApproved"],
  ["account.profile_change.rejected", "changeRejected"],
  ["account.email_change.requested", "emailChangeRequested"],
  ["account.email_change.refused", "emailChangeRefused"],
  ["account.email.changed", "emailChanged"],
  ["account.email", "emailLog"],
  ["account.permissions", "permissionsChanged"],
  ["account.contact", "contactChanged"],
  ["account.membership", "contactChanged"],
  ["account.invitation", "invitation"],
  ["account.owner", "ownership"],
  ["account.customer.switched", "customerSwitched"],
  ["account.2fa_requirement", "twoFactorRequirement"],
  ["account.notification", "notifications"],
  ["billing.payment", "payment"],
  ["billing.invoice", "invoice"],
  ["billing", "billing"],
  ["quotes", "quote"],
  ["services", "service"],
  ["orders", "order"],
  ["domains", "domain"],
  ["dns", "dns"],
  ["support.ticket", "ticket"],
  ["support.pin", "supportPin"],
  ["support", "support"],
  ["staff", "staff"],
].sort((a, b) => b[0].length - a[0].length) as [string, string][];

/** The label key of an action (under "accountActivity.actions"), or null: the page shows the key itself. */
export function actionLabel(action: string): string | null {
  for (const [prefix, label] of LABELS) if (action === prefix || action.startsWith(`${prefix}.`) || (prefix.endsWith(".") && action.startsWith(prefix))) return label;
  return null;
}

const optionalDay = z
  .string()
  .optional()
  .transform((v) => (v && isCalendarDay(v) ? v : undefined))
  .catch(undefined);

/** Forgiving: anything unexpected falls back to "no filter", so a bookmark never breaks. */
export const activityFiltersSchema = z.object({
  group: z.enum(ACTION_GROUP_KEYS as [ActionGroup, ...ActionGroup[]]).optional().catch(undefined),
  user: z.guid().optional().catch(undefined),
  from: optionalDay,
  to: optionalDay,
  /** Keyset cursor: the id of the last row of the previous page. */
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional()
    .catch(undefined),
});
export type ActivityFilters = z.output<typeof activityFiltersSchema>;

/** Reads the filters from a query string or searchParams object (first value of each). */
export function parseActivityFilters(raw: Record<string, string | string[] | undefined> | URLSearchParams): ActivityFilters {
  const get = (key: string) => {
    const value = raw instanceof URLSearchParams ? (raw.get(key) ?? undefined) : raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === "" ? undefined : first;
  };
  return activityFiltersSchema.parse({ group: get("group"), user: get("user"), from: get("from"), to: get("to"), before: get("before") });
}

/** The query string of `filters` (without the cursor unless given). */
export function activityQuery(filters: Omit<ActivityFilters, "before">, before?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, before })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
