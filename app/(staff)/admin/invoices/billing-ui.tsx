"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useState, useTransition } from "react";
import { Alert, Button, type ButtonVariant } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";

// Small client pieces shared by the staff invoice pages. Messages are keys under "staffBilling".

/** Translates an action's or a schema's error key; an unknown key reads as the generic error, never as a raw key. */
export function useErrorText() {
  const t = useTranslations("staffBilling");
  return (key: string | undefined | null): string | undefined => {
    if (!key) return undefined;
    return t.has(key) ? t(key) : t("errors.generic");
  };
}

/**
 * A button for an action on one invoice, with a confirmation step when `confirm` is given. On
 * success: `onDone` (e.g. a message), then the page is refreshed or left for `afterHref`.
 */
export function ConfirmAction<T>({
  label,
  pendingLabel,
  confirm,
  variant = "secondary",
  action,
  input,
  afterHref,
  onDone,
  id,
}: {
  label: string;
  pendingLabel: string;
  confirm?: ReactNode;
  variant?: ButtonVariant;
  action: (input: { invoiceId: string }) => Promise<ActionResult<T>>;
  input: { invoiceId: string };
  afterHref?: string;
  onDone?: (data: T) => ReactNode;
  id: string;
}) {
  const t = useTranslations("staffBilling.actions");
  const errorText = useErrorText();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ReactNode>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      setError(null);
      setDone(null);
      const result = await action(input);
      if (!result.ok) {
        setError(result.error ?? "errors.generic");
        return;
      }
      setConfirming(false);
      setDone(onDone ? onDone(result.data) : null);
      if (afterHref) router.push(afterHref);
      else router.refresh();
    });

  const feedback = (
    <>
      {error ? <Alert tone="danger">{errorText(error)}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
    </>
  );
  if (!confirm || !confirming)
    return (
      <div className="space-y-2">
        <Button variant={variant} onClick={confirm ? () => setConfirming(true) : run} disabled={pending} data-testid={id}>
          {pending ? pendingLabel : label}
        </Button>
        {feedback}
      </div>
    );
  return (
    <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="space-y-3 rounded-md border border-warning/40 bg-warning-soft p-3">
      <div id={`${id}-confirm`} className="text-sm">
        {confirm}
      </div>
      {feedback}
      <div className="flex flex-wrap gap-2">
        <Button variant={variant === "secondary" ? "primary" : variant} onClick={run} disabled={pending} autoFocus data-testid={`${id}-confirm-button`}>
          {pending ? pendingLabel : label}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
          {t("back")}
        </Button>
      </div>
    </div>
  );
}
