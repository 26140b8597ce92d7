"use client";

import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";

// Small pieces shared by the catalog's forms. Messages are keys under "catalog".

export { useActionSubmit } from "@/components/forms/use-action-submit";

/** Translates an action's message key; an unknown key reads as the generic error, never as a raw key. */
export function useCatalogText() {
  const t = useTranslations("catalog");
  return (key: string | undefined | null): string | undefined => {
    if (!key) return undefined;
    return t.has(key) ? t(key) : t("errors.generic");
  };
}

/** The form-level outcome: an error (announced at once) or a success note. */
export function FormOutcome({ error, saved, savedMessage }: { error: string | null; saved: boolean; savedMessage?: string }) {
  const t = useTranslations("catalog");
  const text = useCatalogText();
  if (error) return <Alert tone="danger">{text(error)}</Alert>;
  if (saved) return <Alert tone="success">{savedMessage ?? t("common.saved")}</Alert>;
  return null;
}

/**
 * A destructive action behind a confirmation step: the first click asks, the second one runs it.
 * Shows the refusal (e.g. "in use") in place; `onDone` runs after success.
 */
export function ConfirmAction({
  id,
  label,
  ariaLabel,
  confirmText,
  confirmLabel,
  run,
  onDone,
  size = "md",
}: {
  /** Names the buttons for tests: `data-testid` of the trigger, `${id}-confirm-button` of the confirm button. */
  id: string;
  label: string;
  /** The button's accessible name when `label` alone is ambiguous (one button per table row). */
  ariaLabel?: string;
  confirmText: string;
  confirmLabel: string;
  run: () => Promise<ActionResult<unknown>>;
  onDone?: () => void;
  size?: "sm" | "md";
}) {
  const t = useTranslations("catalog");
  const text = useCatalogText();
  return (
    <ConfirmButton
      testId={id}
      label={label}
      ariaLabel={ariaLabel}
      tone="danger"
      size={size}
      question={confirmText}
      confirmLabel={confirmLabel}
      pendingLabel={t("common.working")}
      cancelLabel={t("common.cancel")}
      className="text-left whitespace-normal"
      run={run}
      onDone={onDone}
      errorText={text}
    />
  );
}
