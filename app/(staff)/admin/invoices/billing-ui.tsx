"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useState, useTransition } from "react";
import { ConfirmButton } from "@/components/forms/confirm-button";
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
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ReactNode>(null);
  const [pending, startTransition] = useTransition();
  const start = () => {
    setError(null);
    setDone(null);
    return action(input);
  };
  const finish = (data: T) => {
    setDone(onDone ? onDone(data) : null);
    if (afterHref) router.push(afterHref);
    else router.refresh();
  };
  const run = () =>
    startTransition(async () => {
      const result = await start();
      if (result.ok) finish(result.data);
      else setError(result.error ?? "errors.generic");
    });

  return (
    <div className="space-y-2">
      {confirm ? (
        <ConfirmButton
          testId={id}
          label={label}
          triggerVariant={variant}
          tone={variant === "danger" ? "danger" : "primary"}
          box="warning"
          question={confirm}
          confirmLabel={label}
          pendingLabel={pendingLabel}
          cancelLabel={t("back")}
          run={start}
          onDone={finish}
          leavesPage={Boolean(afterHref)}
          errorText={errorText}
        />
      ) : (
        <Button variant={variant} onClick={run} disabled={pending} data-testid={id}>
          {pending ? pendingLabel : label}
        </Button>
      )}
      {error ? <Alert tone="danger">{errorText(error)}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
    </div>
  );
}
