"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type Control, type UseFormRegister, useForm, useWatch } from "react-hook-form";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, Checkbox, FormField, Input } from "@/components/ui";
import {
  CONTACT_PRESETS,
  type ContactPreset,
  type InviteContactInput,
  PERMISSION_GROUPS,
  type TransferOwnershipInput,
  type UpdateContactPermissionsInput,
  inviteContactSchema,
  permissionsOf,
  transferOwnershipSchema,
  updateContactPermissionsSchema,
} from "@/lib/accounts/contact-schemas";
import type { CustomerPermission } from "@/lib/auth/permissions";
import { inviteContactAction, removeContactAction, resendInvitationAction, revokeInvitationAction, transferOwnershipAction, updateContactPermissionsAction } from "./actions";

type PermissionFields = { preset: ContactPreset; permissions?: CustomerPermission[] };

/** A preset (Billing, Technical) or a custom set of checkboxes; a preset shows what it contains. */
function PermissionPicker<V extends PermissionFields>({ idPrefix, control, register, error }: { idPrefix: string; control: Control<V>; register: UseFormRegister<V>; error?: string }) {
  const t = useTranslations("accountContacts");
  const c = control as unknown as Control<PermissionFields>;
  const r = register as unknown as UseFormRegister<PermissionFields>;
  const preset = useWatch({ control: c, name: "preset" });
  const chosen = useWatch({ control: c, name: "permissions" }) ?? [];
  const shown = new Set(permissionsOf({ preset, permissions: chosen }));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">{t("permissions.legend")}</legend>
      <div className="flex flex-wrap gap-4" role="radiogroup">
        {CONTACT_PRESETS.map((p) => (
          <label key={p} className="flex items-center gap-2 text-sm">
            <input type="radio" value={p} {...r("preset")} className="size-4 accent-[var(--accent)]" />
            {t(`presets.${p}`)}
          </label>
        ))}
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {PERMISSION_GROUPS.map((group) => (
          <div key={group[0]} className="space-y-1">
            {group.map((permission) =>
              preset === "custom" ? (
                <label key={permission} className="flex items-center gap-2 text-sm">
                  <Checkbox id={`${idPrefix}-${permission}`} value={permission} {...r("permissions")} />
                  {t(`permissions.${permission}`)}
                </label>
              ) : (
                <label key={permission} className="flex items-center gap-2 text-sm text-muted">
                  <Checkbox id={`${idPrefix}-${permission}`} checked={shown.has(permission)} disabled readOnly />
                  {t(`permissions.${permission}`)}
                </label>
              ),
            )}
          </div>
        ))}
      </div>
      {error ? <p className="text-xs font-medium text-danger">{t(error)}</p> : null}
    </fieldset>
  );
}

export function InviteForm() {
  const t = useTranslations("accountContacts");
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { register, control, handleSubmit, formState, setError, reset } = useForm<InviteContactInput>({
    resolver: zodResolver(inviteContactSchema),
    defaultValues: { email: "", name: "", preset: "billing", permissions: [] },
  });
  const { submit, formError, pending } = useActionSubmit(inviteContactAction, setError, (_data, values) => {
    setSentTo(values.email);
    reset({ email: "", name: "", preset: "billing", permissions: [] });
    router.refresh();
  });
  const e = formState.errors;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-testid="invite-form">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      {sentTo ? (
        <Alert tone="success" role="status">
          {t("invite.sent", { email: sentTo })}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="invite-email" label={t("invite.email")} error={e.email?.message ? t(e.email.message) : undefined} required>
          <Input type="email" autoComplete="off" {...register("email")} />
        </FormField>
        <FormField id="invite-name" label={t("invite.name")} hint={t("invite.nameHint")} error={e.name?.message ? t(e.name.message) : undefined}>
          <Input autoComplete="off" {...register("name")} />
        </FormField>
      </div>
      <PermissionPicker idPrefix="invite" control={control} register={register} error={e.permissions?.message} />
      <Button type="submit" disabled={pending}>
        {pending ? t("invite.sending") : t("invite.submit")}
      </Button>
    </form>
  );
}

function EditPermissionsForm({ membershipId, preset, permissions, onClose }: { membershipId: string; preset: ContactPreset; permissions: CustomerPermission[]; onClose: () => void }) {
  const t = useTranslations("accountContacts");
  const router = useRouter();
  const { register, control, handleSubmit, formState, setError } = useForm<UpdateContactPermissionsInput>({
    resolver: zodResolver(updateContactPermissionsSchema),
    defaultValues: { membershipId, preset, permissions },
  });
  const { submit, formError, pending } = useActionSubmit(updateContactPermissionsAction, setError, () => {
    onClose();
    router.refresh();
  });
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="w-full space-y-3 rounded-md border border-border p-3 sm:w-[36rem]" data-testid="edit-permissions-form">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <PermissionPicker idPrefix={`edit-${membershipId}`} control={control} register={register} error={formState.errors.permissions?.message} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {t("edit.save")}
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onClose} disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

function TransferForm({ membershipId, name, onClose }: { membershipId: string; name: string; onClose: () => void }) {
  const t = useTranslations("accountContacts");
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<TransferOwnershipInput>({ resolver: zodResolver(transferOwnershipSchema), defaultValues: { membershipId, password: "" } });
  const { submit, formError, pending } = useActionSubmit(transferOwnershipAction, setError, () => {
    onClose();
    router.refresh();
  });
  const error = formState.errors.password?.message;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate role="alertdialog" aria-labelledby={`transfer-${membershipId}-q`} className="w-full space-y-3 rounded-md border border-warning/40 bg-warning-soft p-3 text-sm sm:w-96">
      <p id={`transfer-${membershipId}-q`}>{t("transfer.question", { name })}</p>
      {formError && formError !== error ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <FormField id={`transfer-password-${membershipId}`} label={t("transfer.password")} error={error ? t(error) : undefined} required>
        <Input type="password" autoComplete="current-password" autoFocus {...register("password")} />
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="danger" disabled={pending} data-testid="transfer-confirm">
          {t("transfer.confirm")}
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onClose} disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** Edit permissions, remove access, and (for the owner) transfer ownership, for one contact. */
export function ContactActions({ membershipId, name, permissions, preset, mayTransfer }: { membershipId: string; name: string; permissions: CustomerPermission[]; preset: ContactPreset; mayTransfer: boolean }) {
  const t = useTranslations("accountContacts");
  const router = useRouter();
  const [open, setOpen] = useState<"edit" | "remove" | "transfer" | null>(null);
  if (open === "edit") return <EditPermissionsForm membershipId={membershipId} preset={preset} permissions={permissions} onClose={() => setOpen(null)} />;
  if (open === "transfer") return <TransferForm membershipId={membershipId} name={name} onClose={() => setOpen(null)} />;
  return (
    <div className="flex flex-wrap items-start gap-2">
      {open === null ? (
        <Button size="sm" variant="secondary" onClick={() => setOpen("edit")} aria-label={t("edit.label", { name })} data-testid="edit-permissions">
          {t("edit.button")}
        </Button>
      ) : null}
      <ConfirmButton
        label={t("remove.button")}
        ariaLabel={t("remove.label", { name })}
        size="sm"
        tone="danger"
        triggerVariant="secondary"
        question={t("remove.question", { name })}
        confirmLabel={t("remove.confirm")}
        cancelLabel={t("cancel")}
        testId={`remove-${membershipId}`}
        run={() => removeContactAction({ membershipId })}
        onDone={() => router.refresh()}
        onOpenChange={(isOpen) => setOpen(isOpen ? "remove" : null)}
        errorText={(key) => t(key)}
      />
      {open === null && mayTransfer ? (
        <Button size="sm" variant="secondary" onClick={() => setOpen("transfer")} aria-label={t("transfer.label", { name })}>
          {t("transfer.button")}
        </Button>
      ) : null}
    </div>
  );
}

/** Resend (a new link, 7 more days) or revoke one pending invitation. */
export function InvitationActions({ invitationId, email }: { invitationId: string; email: string }) {
  const t = useTranslations("accountContacts");
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <ConfirmButton
        label={t("pending.resend")}
        ariaLabel={t("pending.resendLabel", { email })}
        size="sm"
        triggerVariant="secondary"
        question={t("pending.resendQuestion", { email })}
        confirmLabel={t("pending.resendConfirm")}
        cancelLabel={t("cancel")}
        run={() => resendInvitationAction({ invitationId })}
        onDone={() => {
          setNotice(t("pending.resent", { email }));
          router.refresh();
        }}
        errorText={(key) => t(key)}
      />
      <ConfirmButton
        label={t("pending.revoke")}
        ariaLabel={t("pending.revokeLabel", { email })}
        size="sm"
        tone="danger"
        triggerVariant="secondary"
        question={t("pending.revokeQuestion", { email })}
        confirmLabel={t("pending.revokeConfirm")}
        cancelLabel={t("cancel")}
        run={() => revokeInvitationAction({ invitationId })}
        onDone={() => router.refresh()}
        errorText={(key) => t(key)}
      />
      {notice ? (
        <p role="status" className="w-full text-xs text-muted">
          {notice}
        </p>
      ) : null}
    </div>
  );
}
