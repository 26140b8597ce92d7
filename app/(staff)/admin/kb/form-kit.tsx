"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";

// Small pieces shared by the staff forms of /admin/kb and /admin/network. Messages are keys under "kb".

export { useActionSubmit } from "@/components/forms/use-action-submit";

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
