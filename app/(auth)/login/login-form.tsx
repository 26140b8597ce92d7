"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { type LoginInput, loginSchema } from "@/lib/auth/schemas";
import { loginAction } from "../actions";

export function LoginForm() {
  const t = useTranslations("auth");
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError } = useForm<LoginInput>({ resolver: zodResolver(loginSchema), defaultValues: { email: "", password: "" } });

  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setFormError(null);
      const result = await loginAction(values);
      if (result && !result.ok) {
        setFormError(result.error ?? "errors.invalidCredentials");
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof LoginInput, { message });
      }
    }),
  );

  const e = formState.errors;
  // method="post": should the scripts not run, a native submit must not put the password in the URL.
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <FormField id="email" label={t("login.email")} error={e.email?.message ? t(e.email.message) : undefined} required>
        <Input type="email" autoComplete="username" inputMode="email" autoFocus {...register("email")} />
      </FormField>
      <FormField id="password" label={t("login.password")} error={e.password?.message ? t(e.password.message) : undefined} required>
        <Input type="password" autoComplete="current-password" {...register("password")} />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("login.submitting") : t("login.submit")}
      </Button>
    </form>
  );
}
