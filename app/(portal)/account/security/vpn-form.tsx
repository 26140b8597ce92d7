"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { type VpnPasswordInput, vpnPasswordSchema } from "@/lib/auth/security-schemas";
import { setVpnPasswordAction } from "./account-security-actions";
import { StrengthMeter } from "./password-form";

/** A new password for one VPN access service (services.manage; the action checks again). */
export function VpnPasswordForm({ serviceId }: { serviceId: string }) {
  const t = useTranslations("accountSecurity");
  const id = useId();
  const defaults: VpnPasswordInput = { serviceId, password: "", confirmPassword: "" };
  const { register, handleSubmit, setError, reset, control, formState } = useForm<VpnPasswordInput>({ resolver: zodResolver(vpnPasswordSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(setVpnPasswordAction, setError, () => reset(defaults));
  const errors = formState.errors;
  const text = (key: string | undefined) => (key ? t(key) : undefined);
  const password = useWatch({ control, name: "password" });

  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="max-w-xl space-y-4" data-testid="vpn-password-form">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      {saved && !formError ? <Alert tone="success">{t("vpn.saved")}</Alert> : null}
      <input type="hidden" {...register("serviceId")} />
      <FormField id={`${id}-password`} label={t("vpn.password")} hint={t("password.intro")} error={text(errors.password?.message)} required>
        {(field) => (
          <div>
            <Input {...field} type="password" autoComplete="new-password" {...register("password")} />
            <StrengthMeter password={password} id={`${id}-strength`} />
          </div>
        )}
      </FormField>
      <FormField id={`${id}-confirm`} label={t("vpn.confirm")} error={text(errors.confirmPassword?.message)} required>
        <Input type="password" autoComplete="new-password" {...register("confirmPassword")} />
      </FormField>
      <Button type="submit" disabled={pending}>
        {t("vpn.submit")}
      </Button>
    </form>
  );
}
