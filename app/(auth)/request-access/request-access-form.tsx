"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Input, Textarea } from "@/components/ui";
import { ACCESS_REQUEST_MESSAGE_MAX, type RequestAccessInput, requestAccessSchema } from "@/lib/accounts/access-request-schemas";
import { requestAccessAction } from "./actions";

export function RequestAccessForm() {
  const t = useTranslations("accessRequests");
  const [done, setDone] = useState(false);
  const { register, handleSubmit, formState, setError } = useForm<RequestAccessInput>({ resolver: zodResolver(requestAccessSchema), defaultValues: { contractNumber: "", email: "", name: "", message: "" } });
  const { submit, formError, pending } = useActionSubmit(requestAccessAction, setError, () => setDone(true));
  if (done)
    return (
      <Alert tone="success" title={t("request.doneTitle")} className="mt-6" role="status" data-testid="request-access-done">
        {t("request.done")}
      </Alert>
    );
  const e = formState.errors;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="mt-6 space-y-4">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <FormField id="contractNumber" label={t("request.contractNumber")} hint={t("request.contractHint")} error={e.contractNumber?.message ? t(e.contractNumber.message) : undefined} required>
        <Input autoComplete="off" autoFocus {...register("contractNumber")} />
      </FormField>
      <FormField id="email" label={t("request.email")} error={e.email?.message ? t(e.email.message) : undefined} required>
        <Input type="email" autoComplete="email" inputMode="email" {...register("email")} />
      </FormField>
      <FormField id="name" label={t("request.name")} error={e.name?.message ? t(e.name.message) : undefined} required>
        <Input autoComplete="name" {...register("name")} />
      </FormField>
      <FormField id="message" label={t("request.message")} hint={t("request.messageHint")} error={e.message?.message ? t(e.message.message) : undefined}>
        <Textarea rows={3} maxLength={ACCESS_REQUEST_MESSAGE_MAX} {...register("message")} />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("request.sending") : t("request.submit")}
      </Button>
    </form>
  );
}
