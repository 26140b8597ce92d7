"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { type CreateDatabaseInput, createDatabaseSchema } from "@/lib/services/hosting-schemas";
import { createDatabaseAction } from "@/app/(portal)/services/[id]/databases/actions";
import { useHostingText } from "./hosting-text";
import { PasswordInput } from "./password-input";

/** A new database "<username>_<name>" with a database user of the same name and its password. */
export function CreateDatabaseForm({ serviceId, username }: { serviceId: string; username: string }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  const id = useId();
  const defaults: CreateDatabaseInput = { serviceId, name: "", password: "" };
  const { register, handleSubmit, setError, setValue, reset, formState } = useForm<CreateDatabaseInput>({ resolver: zodResolver(createDatabaseSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(createDatabaseAction, setError, () => {
    reset(defaults);
    router.refresh();
  });
  const errors = formState.errors;

  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-labelledby={`${id}-title`} className="space-y-4" data-testid="create-database-form">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t("databases.create.title")}
      </h3>
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {saved && !formError ? <Alert tone="success">{t("databases.create.done")}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id={`${id}-name`} label={t("databases.create.name")} hint={t("databases.create.nameHint", { prefix: `${username}_` })} error={text(errors.name?.message)} required>
          {(control) => (
            <div className="flex items-center gap-1">
              <span className="shrink-0 font-mono text-sm text-muted" aria-hidden="true">
                {username}_
              </span>
              <Input {...control} {...register("name")} autoComplete="off" autoCapitalize="none" spellCheck={false} className="min-w-0 flex-1 font-mono" />
            </div>
          )}
        </FormField>
        <FormField id={`${id}-password`} label={t("password.label")} hint={t("password.hint")} error={text(errors.password?.message)} required className="md:col-span-2">
          {(control) => <PasswordInput control={control} registration={register("password")} setValue={setValue} />}
        </FormField>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.creating") : t("databases.create.submit")}
      </Button>
    </form>
  );
}
