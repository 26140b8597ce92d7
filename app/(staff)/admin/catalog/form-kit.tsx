"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui";
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
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      setError(null);
      const result = await run();
      if (result.ok) {
        setConfirming(false);
        onDone?.();
      } else setError(result.error ?? "errors.generic");
    });
  if (!confirming)
    return (
      <Button variant="danger" size={size} onClick={() => setConfirming(true)} aria-label={ariaLabel}>
        {label}
      </Button>
    );
  return (
    <div role="alertdialog" aria-labelledby={`confirm-${id}`} className="space-y-3 rounded-md border border-danger/30 p-3 text-left">
      <p id={`confirm-${id}`} className="text-sm whitespace-normal">
        {confirmText}
      </p>
      {error ? <Alert tone="danger">{text(error)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" size={size} onClick={confirm} disabled={pending} autoFocus>
          {pending ? t("common.working") : confirmLabel}
        </Button>
        <Button variant="secondary" size={size} onClick={() => setConfirming(false)} disabled={pending}>
          {t("common.cancel")}
        </Button>
      </div>
    </div>
  );
}
