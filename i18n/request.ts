import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import type { AbstractIntlMessages } from "next-intl";
import { getSessionState } from "@/lib/auth/session";
import { type AppLocale, DEFAULT_LOCALE, LOCALE_COOKIE, NAMESPACES, isLocale, localeFromAcceptLanguage, safeTimeZone } from "./locales";

/**
 * Locale and time zone of this request, without locale routing (URLs stay as in DESIGN §7):
 * the signed-in user's settings; otherwise the `locale` cookie, then Accept-Language, then English.
 */
async function resolveUserSettings(): Promise<{ locale: AppLocale; timeZone: string }> {
  try {
    const state = await getSessionState();
    if (state.status === "active" && isLocale(state.actor.locale)) {
      return { locale: state.actor.locale, timeZone: safeTimeZone(state.actor.timeZone) };
    }
    if (state.status === "active") return { locale: await anonymousLocale(), timeZone: safeTimeZone(state.actor.timeZone) };
  } catch (error) {
    // A database outage must still render a localised error page.
    console.error("i18n: could not read the session", error);
  }
  return { locale: await anonymousLocale(), timeZone: "UTC" };
}

async function anonymousLocale(): Promise<AppLocale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
}

/** Merges every namespace file of the locale; each file is `{ "<namespace>": { … } }`. */
export async function loadMessages(locale: AppLocale): Promise<AbstractIntlMessages> {
  const files = await Promise.all(
    NAMESPACES.map((namespace) =>
      import(`../messages/${locale}/${namespace}.json`)
        .then((mod: { default: AbstractIntlMessages }) => mod.default)
        .catch(() => ({}) as AbstractIntlMessages),
    ),
  );
  return Object.assign({}, ...files) as AbstractIntlMessages;
}

export default getRequestConfig(async () => {
  const { locale, timeZone } = await resolveUserSettings();
  return { locale, timeZone, messages: await loadMessages(locale) };
});
