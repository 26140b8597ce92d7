"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { type ForgotPasswordInput, forgotPasswordSchema } from "@/lib/auth/password-reset-schemas";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  const t = useTranslations("authRecovery");
  const [sent, setSent] = useState(false);
  const { register, handleSubmit, formState, setError } = useForm<ForgotPasswordInput>({ resolver: zodResolver(forgotPasswordSchema), defaultValues: { email: "" } });
  const { submit, formError, pending } = useActionSubmit(requestPasswordResetAction, setError, () => setSent(true));

  if (sent)
    return (
      <Alert tone="success" className="mt-6" title={t("forgot.sentTitle")} data-testid="reset-requested">
        {t("forgot.sent", { minutes: 30 })}
      </Alert>
    );

  const e = formState.errors;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="mt-6 space-y-4">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <FormField id="email" label={t("forgot.email")} error={e.email?.message ? t(e.email.message) : undefined} required>
        <Input type="email" autoComplete="username" inputMode="email" autoFocus {...register("email")} />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("forgot.submitting") : t("forgot.submit")}
      </Button>
    </form>
  );
}
