"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert, Button, FormField, Input } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";
import { totpCodeSchema } from "@/lib/auth/schemas";
import { disableTwoFactorAction, regenerateRecoveryCodesAction, setTwoFactorRequirementAction } from "./actions";

type CodeInput = z.infer<typeof totpCodeSchema>;

/** A one-field form asking for a current authenticator code before a sensitive change. */
function CodeConfirmForm<T>({ id, submitLabel, variant, action, onDone }: {
  id: string;
  submitLabel: string;
  variant: "secondary" | "danger";
  action: (input: CodeInput) => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
}) {
  const t = useTranslations("auth");
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, reset } = useForm<CodeInput>({ resolver: zodResolver(totpCodeSchema), defaultValues: { code: "" } });
  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setFormError(null);
      const result = await action(values);
      if (result.ok) {
        reset({ code: "" });
        onDone(result.data);
      } else setFormError(result.error ?? "errors.invalidCode");
    }),
  );
  const error = formState.errors.code?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <FormField id={id} label={t("challenge.code")} error={error ? t(error) : formError ? t(formError) : undefined} className="sm:w-48">
        <Input autoComplete="one-time-code" inputMode="numeric" placeholder="123456" {...register("code")} />
      </FormField>
      <Button type="submit" variant={variant} disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}

export function RecoveryCodesForm() {
  const t = useTranslations("account");
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <div className="space-y-3">
      <CodeConfirmForm id="regen-code" submitLabel={t("security.regenerate")} variant="secondary" action={regenerateRecoveryCodesAction} onDone={(d) => setCodes(d.codes)} />
      {codes ? (
        <Alert tone="success" title={t("security.newCodes")}>
          <ul className="mt-2 grid grid-cols-2 gap-1 font-mono" data-testid="recovery-codes">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}

export function TurnOffForm() {
  const t = useTranslations("account");
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <Button variant="danger" onClick={() => setConfirming(true)}>
        {t("security.turnOff")}
      </Button>
    );
  return (
    <div className="space-y-2 rounded-md border border-danger/30 p-3">
      <p className="text-sm">{t("security.turnOffConfirm")}</p>
      <CodeConfirmForm id="off-code" submitLabel={t("security.turnOff")} variant="danger" action={disableTwoFactorAction} onDone={() => setConfirming(false)} />
    </div>
  );
}

export function RequirementForm({ required }: { required: boolean }) {
  const t = useTranslations("account");
  const tAuth = useTranslations("auth");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toggle = () =>
    startTransition(async () => {
      const result = await setTwoFactorRequirementAction({ required: required ? "off" : "on" });
      setError(result.ok ? null : (result.error ?? "errors.forbidden"));
    });
  return (
    <div className="space-y-2">
      {error ? <Alert tone="danger">{tAuth(error)}</Alert> : null}
      <Button variant={required ? "secondary" : "primary"} disabled={pending} onClick={toggle}>
        {required ? t("security.requirementOff") : t("security.requirementOn")}
      </Button>
    </div>
  );
}
