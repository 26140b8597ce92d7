import "server-only";
import type { getTranslations } from "next-intl/server";

type SecurityTranslator = Awaited<ReturnType<typeof getTranslations<"accountSecurity">>>;

/** "Chrome 131 on Windows" in the page's language; whichever part is known alone; or "Unknown browser". */
export function deviceText(t: SecurityTranslator, parts: { browser: string | null; os: string | null }): string {
  if (parts.browser && parts.os) return t("device", { browser: parts.browser, os: parts.os });
  return parts.browser ?? parts.os ?? t("sessions.unknownDevice");
}
