"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { type ChallengeInput, challengeSchema } from "@/lib/auth/schemas";
import { challengeAction } from "../../actions";

export function ChallengeForm() {
  const t = useTranslations("auth");
  const [formError, setFormError] = useState<string | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, reset } = useForm<ChallengeInput>({ resolver: zodResolver(challengeSchema), defaultValues: { code: "" } });

  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setFormError(null);
      const result = await challengeAction(values);
      if (result && !result.ok) {
        setFormError(result.error ?? "errors.invalidCode");
        reset({ code: "" });
      }
    }),
  );

  const error = formState.errors.code?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <FormField
        id="code"
        label={useRecovery ? t("challenge.recoveryCode") : t("challenge.code")}
        hint={useRecovery ? t("challenge.recoveryHint") : t("challenge.codeHint")}
        error={error ? t(error) : undefined}
        required
      >
        <Input
          autoComplete="one-time-code"
          inputMode={useRecovery ? "text" : "numeric"}
          autoFocus
          placeholder={useRecovery ? "XXXXX-XXXXX" : "123456"}
          {...register("code")}
        />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("challenge.verifying") : t("challenge.submit")}
      </Button>
      <button
        type="button"
        className="w-full text-center text-sm text-accent underline underline-offset-4"
        onClick={() => {
          setUseRecovery((v) => !v);
          reset({ code: "" });
        }}
      >
        {useRecovery ? t("challenge.useApp") : t("challenge.useRecovery")}
      </button>
    </form>
  );
}
