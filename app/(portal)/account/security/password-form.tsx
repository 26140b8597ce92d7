"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, Checkbox, FormField, Input } from "@/components/ui";
import { type ChangePasswordInput, type PasswordStrength, changePasswordSchema, passwordStrength } from "@/lib/auth/security-schemas";
import { changePasswordAction } from "./account-security-actions";

const LEVELS = ["tooShort", "weak", "fair", "good", "strong"] as const;
const BAR_TONES = ["bg-danger", "bg-danger", "bg-warning", "bg-success", "bg-success"] as const;

/** A meter under the new password: a guide, not the rule (the server checks length and the common-password list). */
export function StrengthMeter({ password, id }: { password: string; id: string }) {
  const t = useTranslations("accountSecurity.password.strength");
  if (!password) return null;
  const score: PasswordStrength = passwordStrength(password);
  return (
    <div className="mt-1 flex items-center gap-2" id={id} aria-live="polite">
      <div className="flex h-1.5 w-32 gap-1" aria-hidden="true">
        {[1, 2, 3, 4].map((step) => (
          <span key={step} className={`h-full flex-1 rounded-full ${score >= step ? BAR_TONES[score] : "bg-border"}`} />
        ))}
      </div>
      <span className="text-xs text-muted" data-testid="password-strength">
        {t("label", { level: t(LEVELS[score]) })}
      </span>
    </div>
  );
}

export function PasswordForm() {
  const t = useTranslations("accountSecurity");
  const router = useRouter();
  const id = useId();
  const [signedOut, setSignedOut] = useState(0);
  const defaults: ChangePasswordInput = { currentPassword: "", newPassword: "", confirmPassword: "", signOutOthers: true };
  const { register, handleSubmit, setError, reset, control, formState } = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(changePasswordAction, setError, (data) => {
    setSignedOut(data.signedOut);
    reset(defaults);
    router.refresh();
  });
  const errors = formState.errors;
  const text = (key: string | undefined) => (key ? t(key) : undefined);
  const newPassword = useWatch({ control, name: "newPassword" });

  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="max-w-xl space-y-4" data-testid="password-form">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      {saved && !formError ? <Alert tone="success">{t("password.changed", { count: signedOut })}</Alert> : null}
      <FormField id={`${id}-current`} label={t("password.current")} error={text(errors.currentPassword?.message)} required>
        <Input type="password" autoComplete="current-password" {...register("currentPassword")} />
      </FormField>
      <FormField id={`${id}-new`} label={t("password.new")} hint={t("password.intro")} error={text(errors.newPassword?.message)} required>
        {(field) => (
          <div>
            <Input {...field} type="password" autoComplete="new-password" {...register("newPassword")} />
            <StrengthMeter password={newPassword} id={`${id}-strength`} />
          </div>
        )}
      </FormField>
      <FormField id={`${id}-confirm`} label={t("password.confirm")} error={text(errors.confirmPassword?.message)} required>
        <Input type="password" autoComplete="new-password" {...register("confirmPassword")} />
      </FormField>
      <div className="flex items-start gap-2">
        <Checkbox id={`${id}-others`} {...register("signOutOthers")} aria-describedby={`${id}-others-hint`} className="mt-0.5" />
        <div>
          <label htmlFor={`${id}-others`} className="text-sm font-medium">
            {t("password.signOutOthers")}
          </label>
          <p id={`${id}-others-hint`} className="text-xs text-muted">
            {t("password.signOutOthersHint")}
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {t("password.submit")}
      </Button>
    </form>
  );
}
