"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { type FieldValues, type Path, type UseFormSetError, useForm } from "react-hook-form";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { type AcceptAsExistingUserInput, type AcceptAsNewUserInput, PASSWORD_MIN, acceptAsExistingUserSchema, acceptAsNewUserSchema } from "@/lib/accounts/contact-schemas";
import type { ActionResult } from "@/lib/actions/result";
import { acceptAsExistingUserAction, acceptAsNewUserAction } from "./actions";

/** On success the actions redirect (signed in) and resolve to nothing; a refusal comes back as keys. */
function useAccept<V extends FieldValues>(action: (input: V) => Promise<ActionResult>, setError: UseFormSetError<V>) {
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (values: V) =>
    startTransition(async () => {
      setFormError(null);
      const result = await action(values);
      if (!result || result.ok) return;
      setFormError(result.error ?? "errors.generic");
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as Path<V>, { message });
    });
  return { submit, formError, pending };
}

export function AcceptNewUserForm({ token, email, defaultName }: { token: string; email: string; defaultName: string }) {
  const t = useTranslations("accountContacts");
  const { register, handleSubmit, formState, setError } = useForm<AcceptAsNewUserInput>({ resolver: zodResolver(acceptAsNewUserSchema), defaultValues: { token, name: defaultName, password: "", confirm: "" } });
  const { submit, formError, pending } = useAccept(acceptAsNewUserAction, setError);
  const e = formState.errors;
  const err = (key?: string) => (key ? t(key, { min: PASSWORD_MIN }) : undefined);
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="mt-6 space-y-4" data-testid="accept-new-user">
      {formError && formError !== e.password?.message ? <Alert tone="danger">{err(formError)}</Alert> : null}
      <input type="hidden" autoComplete="username" value={email} readOnly />
      <FormField id="accept-name" label={t("accept.name")} error={err(e.name?.message)} required>
        <Input autoComplete="name" autoFocus {...register("name")} />
      </FormField>
      <FormField id="accept-password" label={t("accept.password")} hint={t("accept.passwordHint", { min: PASSWORD_MIN })} error={err(e.password?.message)} required>
        <Input type="password" autoComplete="new-password" {...register("password")} />
      </FormField>
      <FormField id="accept-confirm" label={t("accept.confirm")} error={err(e.confirm?.message)} required>
        <Input type="password" autoComplete="new-password" {...register("confirm")} />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("accept.joining") : t("accept.createAndJoin")}
      </Button>
    </form>
  );
}

export function AcceptExistingUserForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("accountContacts");
  const { register, handleSubmit, formState, setError } = useForm<AcceptAsExistingUserInput>({ resolver: zodResolver(acceptAsExistingUserSchema), defaultValues: { token, password: "" } });
  const { submit, formError, pending } = useAccept(acceptAsExistingUserAction, setError);
  const error = formState.errors.password?.message;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="mt-6 space-y-4" data-testid="accept-existing-user">
      <p className="text-sm">{t("accept.existingIntro")}</p>
      {formError && formError !== error ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <input type="hidden" autoComplete="username" value={email} readOnly />
      <FormField id="accept-password" label={t("accept.yourPassword")} error={error ? t(error) : undefined} required>
        <Input type="password" autoComplete="current-password" autoFocus {...register("password")} />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("accept.joining") : t("accept.signInAndJoin")}
      </Button>
    </form>
  );
}
