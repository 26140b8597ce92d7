"use client";

import { useTranslations } from "next-intl";

/** The "hosting" strings and a translator for message keys from schemas and actions (unknown → a generic error). */
export function useHostingText() {
  const t = useTranslations("hosting");
  const text = (key: string | null | undefined) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined);
  return { t, text };
}
