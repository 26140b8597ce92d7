"use client";

import { type ReactNode, useEffect, useId, useRef, useState, useTransition } from "react";
import { Alert, Button, type ButtonSize, type ButtonVariant, cn } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";

export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

const boxes = {
  plain: "border-border",
  danger: "border-danger/30",
  warning: "border-warning/40 bg-warning-soft",
} as const;

type Common<T> = {
  /** The trigger's text. */
  label: ReactNode;
  /** The trigger's accessible name when `label` alone is ambiguous (one button per table row). */
  ariaLabel?: string;
  /** Defaults to the confirm button's look (`tone`). */
  triggerVariant?: ButtonVariant;
  /** Defaults to `size`. */
  triggerSize?: ButtonSize;
  triggerClassName?: string;
  /** What is asked; it names the dialog (aria-labelledby). */
  question: ReactNode;
  /** More in the confirmation, between the question and the buttons. */
  children?: ReactNode;
  confirmLabel: ReactNode;
  /** The confirm button's text while the action runs; without it the text stays (the button is disabled). */
  pendingLabel?: ReactNode;
  cancelLabel: ReactNode;
  /** The confirm button: primary, or danger for what cannot be undone. */
  tone?: "primary" | "danger";
  /** Buttons in the confirmation (and the trigger unless `triggerSize`). */
  size?: ButtonSize;
  /** The confirmation's box; by default a red border for `tone="danger"`, a plain one otherwise. */
  box?: keyof typeof boxes;
  /** More classes for the confirmation's box (width, alignment). */
  className?: string;
  /** `data-testid` of the trigger; the confirm button gets `${testId}-confirm-button`. */
  testId?: string;
  run: () => Promise<ActionResult<T>>;
  /** After success: the confirmation has closed (unless `leavesPage`). */
  onDone?: (data: T) => void;
  /**
   * `onDone` goes to another page: the confirmation stays, its buttons disabled, until the new page
   * replaces it, so the action cannot be run twice.
   */
  leavesPage?: boolean;
  onOpenChange?: (open: boolean) => void;
};

/**
 * Either the refusal is shown in the confirmation (which stays open for another try), translated
 * by `errorText` (the key is "errors.generic" when the action gave none), or `onError` takes it and
 * the confirmation closes: for a place that shows its errors elsewhere.
 */
type ErrorHandling = { errorText: (key: string) => ReactNode; onError?: undefined } | { onError: (failure: ActionFailure) => void; errorText?: undefined };

export type ConfirmButtonProps<T> = Common<T> & ErrorHandling;

/**
 * A button for an action that asks first: the click opens an inline confirmation
 * (role="alertdialog", focus on its confirm button, Escape or cancel closes it and focus goes back to
 * the trigger); confirming runs the server action in a transition and shows its refusal or goes on.
 */
export function ConfirmButton<T>({
  label,
  ariaLabel,
  triggerVariant,
  triggerSize,
  triggerClassName,
  question,
  children,
  confirmLabel,
  pendingLabel,
  cancelLabel,
  tone = "primary",
  size = "md",
  box,
  className,
  testId,
  run,
  onDone,
  leavesPage = false,
  onOpenChange,
  errorText,
  onError,
}: ConfirmButtonProps<T>) {
  const questionId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const focusTrigger = useRef(false);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [pending, startTransition] = useTransition();
  const busy = pending || leaving;

  useEffect(() => {
    if (open || !focusTrigger.current) return;
    focusTrigger.current = false;
    triggerRef.current?.focus();
  }, [open]);

  const show = (next: boolean) => {
    if (!next) focusTrigger.current = true;
    setOpen(next);
    onOpenChange?.(next);
  };

  const confirm = () =>
    startTransition(async () => {
      setError(null);
      const result = await run();
      if (result.ok) {
        if (leavesPage) setLeaving(true);
        else show(false);
        onDone?.(result.data);
      } else if (onError) {
        show(false);
        onError(result);
      } else setError(result.error ?? "errors.generic");
    });

  if (!open)
    return (
      <Button ref={triggerRef} variant={triggerVariant ?? tone} size={triggerSize ?? size} className={triggerClassName} onClick={() => show(true)} aria-label={ariaLabel} data-testid={testId}>
        {label}
      </Button>
    );

  return (
    <div
      role="alertdialog"
      aria-labelledby={questionId}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || busy) return;
        event.stopPropagation();
        show(false);
      }}
      className={cn("space-y-3 rounded-md border p-3 text-sm", boxes[box ?? (tone === "danger" ? "danger" : "plain")], className)}
    >
      <div id={questionId}>{question}</div>
      {children}
      {error && errorText ? <Alert tone="danger">{errorText(error)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant={tone} size={size} onClick={confirm} disabled={busy} autoFocus data-testid={testId ? `${testId}-confirm-button` : undefined}>
          {busy && pendingLabel ? pendingLabel : confirmLabel}
        </Button>
        <Button variant="secondary" size={size} onClick={() => show(false)} disabled={busy}>
          {cancelLabel}
        </Button>
      </div>
    </div>
  );
}
