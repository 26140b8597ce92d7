"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { Alert, Button } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";

// Small pieces shared by the staff forms of /admin/kb and /admin/network. Messages are keys under "kb".

/**
 * Calls a server action with the form's values: the server's field errors go next to their fields
 * (the same keys as the shared zod schema), anything else above the form.
 */
export function useActionSubmit<V extends FieldValues, R>(action: (input: V) => Promise<ActionResult<R>>, setError: UseFormSetError<V>, onDone: (data: R) => void) {
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
        onDone(result.data);
        return;
      }
      setFormError(result.error ?? "errors.generic");
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as Path<V>, { message });
    });
  return { submit, formError, saved, pending };
}

/** The form-level outcome: an error (announced at once) or "Saved." */
export function FormOutcome({ error, saved, savedMessage }: { error: string | null; saved: boolean; savedMessage?: string }) {
  const t = useTranslations("kb");
  if (error) return <Alert tone="danger">{t(error)}</Alert>;
  if (saved) return <Alert tone="success">{savedMessage ?? t("admin.saved")}</Alert>;
  return null;
}

/** Delete with a confirmation step; goes to `afterHref` once done, shows the refusal otherwise. */
export function DeleteButton({ id, name, action, afterHref }: { id: string; name: string; action: (input: { id: string }) => Promise<ActionResult<undefined>>; afterHref: string }) {
  const t = useTranslations("kb");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      setError(null);
      const result = await action({ id });
      if (result.ok) router.push(afterHref);
      else setError(result.error ?? "errors.generic");
    });
  if (!confirming)
    return (
      <Button variant="danger" onClick={() => setConfirming(true)}>
        {t("admin.delete")}
      </Button>
    );
  return (
    <div role="alertdialog" aria-labelledby={`confirm-${id}`} className="space-y-3 rounded-md border border-danger/30 p-3">
      <p id={`confirm-${id}`} className="text-sm">
        {t("admin.confirmDelete", { name })}
      </p>
      {error ? <Alert tone="danger">{t(error)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={remove} disabled={pending} autoFocus>
          {pending ? t("admin.deleting") : t("admin.delete")}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
          {t("admin.cancel")}
        </Button>
      </div>
    </div>
  );
}
