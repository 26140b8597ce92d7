"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";
import { databasePasswordSchema, ftpPasswordSchema, mailboxPasswordSchema } from "@/lib/services/hosting-schemas";
import { deleteDatabaseAction, changeDatabasePasswordAction } from "@/app/(portal)/services/[id]/databases/actions";
import { changeMailboxPasswordAction, deleteAliasAction, deleteMailboxAction } from "@/app/(portal)/services/[id]/email/actions";
import { changeFtpPasswordAction, deleteFtpAccountAction } from "@/app/(portal)/services/[id]/ftp/actions";
import { deleteSubdomainAction } from "@/app/(portal)/services/[id]/subdomains/actions";
import { useHostingText } from "./hosting-text";
import { PasswordInput } from "./password-input";

type PasswordKind = "ftp" | "database" | "mailbox";
type PasswordValues = { serviceId: string; resourceId: string; password: string };

// One form for the three resources with a password; each posts its own schema's shape.
const PASSWORD_FORMS = {
  ftp: { schema: ftpPasswordSchema, run: (v: PasswordValues) => changeFtpPasswordAction({ serviceId: v.serviceId, ftpId: v.resourceId, password: v.password }) },
  database: { schema: databasePasswordSchema, run: (v: PasswordValues) => changeDatabasePasswordAction({ serviceId: v.serviceId, databaseId: v.resourceId, password: v.password }) },
  mailbox: { schema: mailboxPasswordSchema, run: (v: PasswordValues) => changeMailboxPasswordAction({ serviceId: v.serviceId, mailboxId: v.resourceId, password: v.password }) },
} as const;

/**
 * "Change password" for one FTP account, database or mailbox: opens a small form in place; the new
 * password goes to the panel (Portico does not keep it).
 */
export function PasswordChange({ kind, serviceId, resourceId, name, startOpen = false }: { kind: PasswordKind; serviceId: string; resourceId: string; name: string; startOpen?: boolean }) {
  const { t, text } = useHostingText();
  const formId = useId();
  const [open, setOpen] = useState(startOpen);
  const [done, setDone] = useState(false);
  const idField = kind === "ftp" ? "ftpId" : kind === "database" ? "databaseId" : "mailboxId";
  const { register, handleSubmit, setError, setValue, reset, formState } = useForm<PasswordValues>({
    resolver: async (values, context, options) => {
      // The resource's own schema checks the values under its own field names.
      const shaped = { serviceId: values.serviceId, [idField]: values.resourceId, password: values.password } as never;
      const parsed = await zodResolver(PASSWORD_FORMS[kind].schema)(shaped, context, options as never);
      return Object.keys(parsed.errors).length ? { values: {}, errors: parsed.errors } : { values, errors: {} };
    },
    defaultValues: { serviceId, resourceId, password: "" },
  });
  const { submit, formError, pending } = useActionSubmit(PASSWORD_FORMS[kind].run, setError, () => {
    reset({ serviceId, resourceId, password: "" });
    setDone(true);
    if (!startOpen) setOpen(false);
  });

  if (!open)
    return (
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={() => (setDone(false), setOpen(true))} aria-label={t("password.changeFor", { name })}>
          {t("password.change")}
        </Button>
        {done ? (
          <span role="status" className="text-xs text-success">
            {t("password.changed")}
          </span>
        ) : null}
      </div>
    );

  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-label={t("password.changeFor", { name })} className="w-full space-y-3 rounded-md border border-border p-3 sm:min-w-96">
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {done ? <Alert tone="success">{t("password.changed")}</Alert> : null}
      <FormField id={`${formId}-password`} label={t("password.new")} hint={t("password.hint")} error={text(formState.errors.password?.message)} required>
        {(control) => <PasswordInput control={control} registration={register("password")} setValue={setValue} />}
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? t("common.saving") : t("password.save")}
        </Button>
        {startOpen ? null : (
          <Button variant="secondary" size="sm" onClick={() => setOpen(false)} disabled={pending}>
            {t("common.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}

type DeleteKind = "ftp" | "database" | "mailbox" | "alias" | "subdomain";

const DELETES: Record<DeleteKind, (serviceId: string, id: string) => Promise<ActionResult<undefined>>> = {
  ftp: (serviceId, ftpId) => deleteFtpAccountAction({ serviceId, ftpId }),
  database: (serviceId, databaseId) => deleteDatabaseAction({ serviceId, databaseId }),
  mailbox: (serviceId, mailboxId) => deleteMailboxAction({ serviceId, mailboxId }),
  alias: (serviceId, aliasId) => deleteAliasAction({ serviceId, aliasId }),
  subdomain: (serviceId, subdomainId) => deleteSubdomainAction({ serviceId, subdomainId }),
};

/** Delete one resource after a confirmation naming it; `afterHref` leaves a page that shows only this resource. */
export function DeleteResource({ kind, serviceId, resourceId, name, afterHref }: { kind: DeleteKind; serviceId: string; resourceId: string; name: string; afterHref?: string }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  return (
    <ConfirmButton
      label={t("common.delete")}
      ariaLabel={t("common.deleteNamed", { name })}
      triggerVariant="secondary"
      size="sm"
      tone="danger"
      question={t(`delete.${kind}`, { name })}
      confirmLabel={t("common.deleteConfirm")}
      pendingLabel={t("common.deleting")}
      cancelLabel={t("common.cancel")}
      testId={`delete-${kind}`}
      run={() => DELETES[kind](serviceId, resourceId)}
      leavesPage={Boolean(afterHref)}
      onDone={() => (afterHref ? router.push(afterHref) : router.refresh())}
      errorText={(key) => text(key)}
    />
  );
}
