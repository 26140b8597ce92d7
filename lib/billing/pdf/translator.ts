import "server-only";
// use-intl's framework-free translator (as lib/notifications/email-translator.ts): a PDF is
// rendered outside the request's next-intl context, in the language it is asked for.
import { createTranslator } from "use-intl/core";
import { type AppLocale, DEFAULT_LOCALE, isLocale } from "@/i18n/locales";
import en from "@/messages/en/invoicePdf.json";
import hu from "@/messages/hu/invoicePdf.json";
import sk from "@/messages/sk/invoicePdf.json";
import vi from "@/messages/vi/invoicePdf.json";

const MESSAGES: Record<AppLocale, typeof en> = { en, vi, sk, hu };

/** The "invoicePdf" namespace in `requested` (English when that language is not supported). */
export function invoicePdfTranslator(requested: string) {
  const locale: AppLocale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  return { locale, t: createTranslator({ locale, messages: MESSAGES[locale], namespace: "invoicePdf" }) };
}

export type InvoicePdfTranslator = ReturnType<typeof invoicePdfTranslator>["t"];
