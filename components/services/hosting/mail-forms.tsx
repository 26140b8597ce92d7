"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { type UseFormRegisterReturn, useForm, useWatch } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, Checkbox, FormField, Input, Textarea } from "@/components/ui";
import {
  AUTO_REPLY_BODY_MAX,
  AUTO_REPLY_SUBJECT_MAX,
  type AutoReplyInput,
  type CreateAliasInput,
  type CreateMailboxInput,
  type CreateMailboxValues,
  type MailboxQuotaInput,
  type MailboxQuotaValues,
  autoReplySchema,
  createAliasSchema,
  createMailboxSchema,
  mailboxQuotaSchema,
} from "@/lib/services/hosting-schemas";
import { changeMailboxQuotaAction, createAliasAction, createMailboxAction, setAutoReplyAction } from "@/app/(portal)/services/[id]/email/actions";
import { useHostingText } from "./hosting-text";
import { PasswordInput } from "./password-input";

function AddressField({ id, domain, label, hint, error, registration }: { id: string; domain: string; label: string; hint: string; error?: string; registration: UseFormRegisterReturn<"localPart"> }) {
  return (
    <FormField id={id} label={label} hint={hint} error={error} required>
      {(control) => (
        <div className="flex items-center gap-2">
          <Input {...control} {...registration} autoComplete="off" autoCapitalize="none" spellCheck={false} className="min-w-0 flex-1" />
          <span className="shrink-0 break-all text-sm text-muted" aria-hidden="true">
            @{domain}
          </span>
        </div>
      )}
    </FormField>
  );
}

/** A new mailbox "<name>@<domain>" with its password and an optional size limit. */
export function CreateMailboxForm({ serviceId, domain }: { serviceId: string; domain: string }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  const id = useId();
  const defaults: CreateMailboxInput = { serviceId, localPart: "", password: "", quotaMb: "" };
  const { register, handleSubmit, setError, setValue, reset, formState } = useForm<CreateMailboxInput, unknown, CreateMailboxValues>({ resolver: zodResolver(createMailboxSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(createMailboxAction, setError, () => {
    reset(defaults);
    router.refresh();
  });
  const errors = formState.errors;
  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-labelledby={`${id}-title`} className="space-y-4" data-testid="create-mailbox-form">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t("email.mailboxes.create.title")}
      </h3>
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {saved && !formError ? <Alert tone="success">{t("email.mailboxes.create.done")}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <AddressField id={`${id}-local`} domain={domain} label={t("email.mailboxes.create.address")} hint={t("email.localPartHint")} error={text(errors.localPart?.message)} registration={register("localPart")} />
        <FormField id={`${id}-quota`} label={t("email.mailboxes.create.quota")} hint={t("quota.hint")} error={text(errors.quotaMb?.message)}>
          <Input {...register("quotaMb")} inputMode="numeric" autoComplete="off" />
        </FormField>
        <FormField id={`${id}-password`} label={t("password.label")} hint={t("password.hint")} error={text(errors.password?.message)} required className="md:col-span-2">
          {(control) => <PasswordInput control={control} registration={register("password")} setValue={setValue} />}
        </FormField>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.creating") : t("email.mailboxes.create.submit")}
      </Button>
    </form>
  );
}

/** A forwarder "<name>@<domain>" → any address. */
export function CreateAliasForm({ serviceId, domain }: { serviceId: string; domain: string }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  const id = useId();
  const defaults: CreateAliasInput = { serviceId, localPart: "", destination: "" };
  const { register, handleSubmit, setError, reset, formState } = useForm<CreateAliasInput>({ resolver: zodResolver(createAliasSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(createAliasAction, setError, () => {
    reset(defaults);
    router.refresh();
  });
  const errors = formState.errors;
  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-labelledby={`${id}-title`} className="space-y-4" data-testid="create-alias-form">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t("email.aliases.create.title")}
      </h3>
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {saved && !formError ? <Alert tone="success">{t("email.aliases.create.done")}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <AddressField id={`${id}-local`} domain={domain} label={t("email.aliases.create.address")} hint={t("email.localPartHint")} error={text(errors.localPart?.message)} registration={register("localPart")} />
        <FormField id={`${id}-destination`} label={t("email.aliases.create.destination")} hint={t("email.aliases.create.destinationHint")} error={text(errors.destination?.message)} required>
          <Input {...register("destination")} type="email" autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </FormField>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.creating") : t("email.aliases.create.submit")}
      </Button>
    </form>
  );
}

/** The mailbox's size limit (empty: the account's disk is the limit). */
export function MailboxQuotaForm({ serviceId, mailboxId, quotaMb }: { serviceId: string; mailboxId: string; quotaMb: number | null }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  const id = useId();
  const { register, handleSubmit, setError, formState } = useForm<MailboxQuotaInput, unknown, MailboxQuotaValues>({
    resolver: zodResolver(mailboxQuotaSchema),
    defaultValues: { serviceId, mailboxId, quotaMb: quotaMb === null ? "" : String(quotaMb) },
  });
  const { submit, formError, saved, pending } = useActionSubmit(changeMailboxQuotaAction, setError, () => router.refresh());
  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-labelledby={`${id}-title`} className="space-y-4">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t("email.mailbox.quotaTitle")}
      </h3>
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {saved && !formError ? <Alert tone="success">{t("email.mailbox.quotaSaved")}</Alert> : null}
      <FormField id={`${id}-quota`} label={t("email.mailboxes.create.quota")} hint={t("quota.hint")} error={text(formState.errors.quotaMb?.message)}>
        <Input {...register("quotaMb")} inputMode="numeric" autoComplete="off" className="max-w-48" />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}

type AutoReply = { enabled: boolean; subject: string | null; body: string | null; until: string | null };

/** The mailbox's auto-responder: on or off, subject, message and an optional last day. */
export function AutoReplyForm({ serviceId, mailboxId, autoReply }: { serviceId: string; mailboxId: string; autoReply: AutoReply }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  const id = useId();
  const { register, handleSubmit, setError, control, formState } = useForm<AutoReplyInput>({
    resolver: zodResolver(autoReplySchema),
    defaultValues: { serviceId, mailboxId, enabled: autoReply.enabled, subject: autoReply.subject ?? "", body: autoReply.body ?? "", until: autoReply.until ?? "" },
  });
  const enabled = useWatch({ control, name: "enabled" });
  const { submit, formError, saved, pending } = useActionSubmit(setAutoReplyAction, setError, () => router.refresh());
  const errors = formState.errors;
  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-labelledby={`${id}-title`} className="space-y-4" data-testid="auto-reply-form">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t("email.autoReply.title")}
      </h3>
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {saved && !formError ? <Alert tone="success">{enabled ? t("email.autoReply.savedOn") : t("email.autoReply.savedOff")}</Alert> : null}
      <label htmlFor={`${id}-enabled`} className="flex items-center gap-2 text-sm font-medium">
        <Checkbox id={`${id}-enabled`} {...register("enabled")} />
        {t("email.autoReply.enabled")}
      </label>
      <FormField id={`${id}-subject`} label={t("email.autoReply.subject")} error={text(errors.subject?.message)} required={enabled}>
        <Input {...register("subject")} maxLength={AUTO_REPLY_SUBJECT_MAX} />
      </FormField>
      <FormField id={`${id}-body`} label={t("email.autoReply.body")} error={text(errors.body?.message)} required={enabled}>
        <Textarea {...register("body")} rows={5} maxLength={AUTO_REPLY_BODY_MAX} />
      </FormField>
      <FormField id={`${id}-until`} label={t("email.autoReply.until")} hint={t("email.autoReply.untilHint")} error={text(errors.until?.message)}>
        <Input {...register("until")} type="date" className="max-w-48" />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}
