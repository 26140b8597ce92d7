import "server-only";
// next-intl's own createTranslator, from its framework-free core: the "next-intl" entry point
// pulls in React client context, which breaks under the react-server condition outside Next.js
// (the worker and scripts run with it). Emails are rendered outside a request, so no request-bound API.
import { createTranslator } from "use-intl/core";
import { type AppLocale, DEFAULT_LOCALE, isLocale } from "@/i18n/locales";
import en from "@/messages/en/email.json";
import hu from "@/messages/hu/email.json";
import sk from "@/messages/sk/email.json";
import vi from "@/messages/vi/email.json";

const MESSAGES: Record<AppLocale, typeof en> = { en, vi, sk, hu };

/** The "email" namespace in the recipient's language (English when theirs is not supported). */
export function emailTranslator(recipientLocale: string) {
  const locale: AppLocale = isLocale(recipientLocale) ? recipientLocale : DEFAULT_LOCALE;
  return { locale, t: createTranslator({ locale, messages: MESSAGES[locale], namespace: "email" }) };
}
