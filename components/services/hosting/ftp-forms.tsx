"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { type CreateFtpInput, type CreateFtpValues, DEFAULT_FTP_DIRECTORY, createFtpSchema } from "@/lib/services/hosting-schemas";
import { createFtpAccountAction } from "@/app/(portal)/services/[id]/ftp/actions";
import { useHostingText } from "./hosting-text";
import { PasswordInput } from "./password-input";

/** A new FTP account "name@domain" limited to a directory of the account, with an optional quota. */
export function CreateFtpForm({ serviceId, domain }: { serviceId: string; domain: string }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  const id = useId();
  const defaults: CreateFtpInput = { serviceId, name: "", password: "", directory: DEFAULT_FTP_DIRECTORY, quotaMb: "" };
  const { register, handleSubmit, setError, setValue, reset, formState } = useForm<CreateFtpInput, unknown, CreateFtpValues>({ resolver: zodResolver(createFtpSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(createFtpAccountAction, setError, () => {
    reset(defaults);
    router.refresh();
  });
  const errors = formState.errors;

  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-labelledby={`${id}-title`} className="space-y-4" data-testid="create-ftp-form">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t("ftp.create.title")}
      </h3>
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {saved && !formError ? <Alert tone="success">{t("ftp.create.done")}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id={`${id}-name`} label={t("ftp.create.name")} hint={t("ftp.create.nameHint", { domain })} error={text(errors.name?.message)} required>
          {(control) => (
            <div className="flex items-center gap-2">
              <Input {...control} {...register("name")} autoComplete="off" autoCapitalize="none" spellCheck={false} className="min-w-0 flex-1" />
              <span className="shrink-0 break-all text-sm text-muted" aria-hidden="true">
                @{domain}
              </span>
            </div>
          )}
        </FormField>
        <FormField id={`${id}-directory`} label={t("ftp.create.directory")} hint={t("ftp.create.directoryHint")} error={text(errors.directory?.message)} required>
          <Input {...register("directory")} autoComplete="off" spellCheck={false} className="font-mono" />
        </FormField>
        <FormField id={`${id}-password`} label={t("password.label")} hint={t("password.hint")} error={text(errors.password?.message)} required className="md:col-span-2">
          {(control) => <PasswordInput control={control} registration={register("password")} setValue={setValue} />}
        </FormField>
        <FormField id={`${id}-quota`} label={t("ftp.create.quota")} hint={t("quota.hint")} error={text(errors.quotaMb?.message)}>
          <Input {...register("quotaMb")} inputMode="numeric" autoComplete="off" />
        </FormField>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.creating") : t("ftp.create.submit")}
      </Button>
    </form>
  );
}
