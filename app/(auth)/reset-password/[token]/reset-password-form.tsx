"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { RESET_PASSWORD_MIN_LENGTH, type ResetPasswordInput, resetPasswordSchema } from "@/lib/auth/password-reset-schemas";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("authRecovery");
  const [done, setDone] = useState(false);
  const { register, handleSubmit, formState, setError } = useForm<ResetPasswordInput>({ resolver: zodResolver(resetPasswordSchema), defaultValues: { token, password: "", confirm: "" } });
  const { submit, formError, pending } = useActionSubmit(resetPasswordAction, setError, () => setDone(true));

  if (done)
    return (
      <div className="mt-6 space-y-4">
        <Alert tone="success" title={t("reset.doneTitle")} data-testid="reset-done">
          {t("reset.done")}
        </Alert>
        <Button href="/login" className="w-full">
          {t("reset.signIn")}
        </Button>
      </div>
    );

  const e = formState.errors;
  const showFormError = formError && formError !== "errors.invalidForm";
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="mt-6 space-y-4">
      {showFormError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <input type="hidden" {...register("token")} />
      <FormField
        id="password"
        label={t("reset.password")}
        hint={t("reset.passwordHint", { min: RESET_PASSWORD_MIN_LENGTH })}
        error={e.password?.message ? t(e.password.message, { min: RESET_PASSWORD_MIN_LENGTH }) : undefined}
        required
      >
        <Input type="password" autoComplete="new-password" autoFocus {...register("password")} />
      </FormField>
      <FormField id="confirm" label={t("reset.confirm")} error={e.confirm?.message ? t(e.confirm.message) : undefined} required>
        <Input type="password" autoComplete="new-password" {...register("confirm")} />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("reset.submitting") : t("reset.submit")}
      </Button>
    </form>
  );
}
