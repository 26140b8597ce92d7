"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { totpCodeSchema } from "@/lib/auth/schemas";
import { confirmEnrolmentAction, finishEnrolmentAction } from "../../../actions";

type Input = z.infer<typeof totpCodeSchema>;

export function EnrolForm({ next }: { next?: string }) {
  const t = useTranslations("auth");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState } = useForm<Input>({ resolver: zodResolver(totpCodeSchema), defaultValues: { code: "" } });

  if (codes) {
    return (
      <section className="mt-6 space-y-4" aria-labelledby="recovery-title">
        <Alert tone="success">{t("setup.enabled")}</Alert>
        <h2 id="recovery-title" className="font-semibold text-fg">
          {t("setup.recoveryTitle")}
        </h2>
        <p className="text-sm text-muted">{t("setup.recoveryIntro")}</p>
        <ul className="grid grid-cols-2 gap-2 rounded-md border border-border bg-surface-muted p-3 font-mono text-sm" data-testid="recovery-codes">
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <ContinueForm next={next} label={t("setup.continue")} />
      </section>
    );
  }

  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setFormError(null);
      const result = await confirmEnrolmentAction(values);
      if (result.ok) setCodes(result.data.recoveryCodes);
      else setFormError(result.error ?? "errors.invalidCode");
    }),
  );
  const error = formState.errors.code?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <FormField id="code" label={t("challenge.code")} error={error ? t(error) : undefined} required>
        <Input autoComplete="one-time-code" inputMode="numeric" placeholder="123456" {...register("code")} />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("challenge.verifying") : t("setup.submit")}
      </Button>
    </form>
  );
}

/** Posts to finishEnrolmentAction, which refreshes the session's stage and moves on. */
export function ContinueForm({ next, label }: { next?: string; label: string }) {
  return (
    <form action={finishEnrolmentAction}>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Button type="submit" className="w-full">
        {label}
      </Button>
    </form>
  );
}
