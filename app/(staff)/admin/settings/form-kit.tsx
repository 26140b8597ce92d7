"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { Alert } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";

// Pieces shared by the settings forms. Messages are keys under "settings".

/** Translates a message key from a schema or an action; an unknown key (a forged request) reads as "invalid". */
export function useSettingsMessage() {
  const t = useTranslations("settings");
  return (key: string | undefined) => (key ? (t.has(key) ? t(key) : t("errors.invalidForm")) : undefined);
}

/**
 * Calls a server action with the form's values: the server's field errors go next to their fields
 * (the paths of the shared zod schema), anything else above the form.
 */
export function useActionSubmit<V extends FieldValues, R>(action: (input: V) => Promise<ActionResult<R>>, setError: UseFormSetError<V>, onDone: (data: R, values: V) => void) {
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const submit = (values: V) =>
    startTransition(async () => {
      setFormError(null);
      setSaved(false);
      const result = await action(values);
      if (result.ok) {
        setSaved(true);
        onDone(result.data, values);
        return;
      }
      setFormError(result.error ?? "errors.generic");
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as Path<V>, { message });
    });
  return { submit, formError, saved, pending };
}

/** The form-level outcome: an error (announced at once) or "Saved." */
export function FormOutcome({ error, saved }: { error: string | null; saved: boolean }) {
  const t = useTranslations("settings");
  const message = useSettingsMessage();
  if (error) return <Alert tone="danger">{message(error)}</Alert>;
  if (saved) return <Alert tone="success">{t("saved")}</Alert>;
  return null;
}
