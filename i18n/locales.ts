// The languages Portico speaks. Shared by the server (request config, actions) and the client
// (language picker), so no server-only imports here.

export const LOCALES = ["en", "vi", "sk", "hu"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "en";

/** Each language named in itself, as a picker shows it. */
export const LOCALE_NAMES: Record<AppLocale, string> = {
  en: "English",
  vi: "Tiếng Việt",
  sk: "Slovenčina",
  hu: "Magyar",
};

/** Cookie that remembers the language for pages without a signed-in user. */
export const LOCALE_COOKIE = "locale";

/** The message files merged for every request; a file that does not exist yet is skipped. */
export const NAMESPACES = ["common", "nav", "dashboard", "admin", "sections", "auth", "account", "email", "support", "kb", "attachments", "staffTickets", "inbound", "settings", "billing", "quotes", "staffBilling", "catalog", "invoicePdf", "services", "orders", "serviceUsage", "staffServices", "serviceChanges", "hosting", "dns", "domainManage", "staffDomains", "domainContacts", "tldCatalog", "domainOrders", "authRecovery", "accountMail", "accountContacts", "accessRequests", "accountSecurity", "securityKeys", "accountProfile", "accountActivity", "staffCustomers", "staffUsers"] as const;

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the best supported language from an Accept-Language header ("sk-SK,sk;q=0.9,en;q=0.8"),
 * by quality then order; region subtags are ignored. Null when nothing matches.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split("-")[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.language && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale) ?? null;
}

/** A valid IANA time zone name, or UTC. */
const knownZones = new Map<string, boolean>();

export function safeTimeZone(value: string | null | undefined): string {
  if (!value) return "UTC";
  // Checking a zone builds a formatter; remember the answer (called on every page render).
  let valid = knownZones.get(value);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      valid = true;
    } catch {
      valid = false;
    }
    if (knownZones.size < 1000) knownZones.set(value, valid);
  }
  return valid ? value : "UTC";
}
