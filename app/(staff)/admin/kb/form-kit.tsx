"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert } from "@/components/ui";
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
  return (
    <ConfirmButton
      label={t("admin.delete")}
      tone="danger"
      question={t("admin.confirmDelete", { name })}
      confirmLabel={t("admin.delete")}
      pendingLabel={t("admin.deleting")}
      cancelLabel={t("admin.cancel")}
      run={() => action({ id })}
      leavesPage
      onDone={() => router.push(afterHref)}
      errorText={(key) => t(key)}
    />
  );
}
