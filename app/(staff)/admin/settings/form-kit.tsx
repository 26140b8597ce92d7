"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui";

// Pieces shared by the settings forms. Messages are keys under "settings".

/** Translates a message key from a schema or an action; an unknown key (a forged request) reads as "invalid". */
export function useSettingsMessage() {
  const t = useTranslations("settings");
  return (key: string | undefined) => (key ? (t.has(key) ? t(key) : t("errors.invalidForm")) : undefined);
}

export { useActionSubmit } from "@/components/forms/use-action-submit";

/** The form-level outcome: an error (announced at once) or "Saved." */
export function FormOutcome({ error, saved }: { error: string | null; saved: boolean }) {
  const t = useTranslations("settings");
  const message = useSettingsMessage();
  if (error) return <Alert tone="danger">{message(error)}</Alert>;
  if (saved) return <Alert tone="success">{t("saved")}</Alert>;
  return null;
}
