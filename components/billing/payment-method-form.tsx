"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";
import { type DefaultPaymentMethod, type PaymentMethodInput, paymentMethodSchema } from "@/lib/billing/schemas";

type Props = {
  current: DefaultPaymentMethod;
  /** What may be chosen now (card only while card payments are configured). */
  selectable: DefaultPaymentMethod[];
  action: (input: PaymentMethodInput) => Promise<ActionResult<undefined>>;
};

export function PaymentMethodForm({ current, selectable, action }: Props) {
  const t = useTranslations("billing");
  const { register, handleSubmit, setError, formState } = useForm<PaymentMethodInput>({ resolver: zodResolver(paymentMethodSchema), defaultValues: { method: current } });
  const { submit, formError, saved, pending } = useActionSubmit(action, setError, () => undefined);
  const fieldError = formState.errors.method?.message;
  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      {saved ? <Alert tone="success">{t("paymentMethod.saved")}</Alert> : null}
      <fieldset aria-describedby={fieldError ? "payment-method-error" : undefined}>
        <legend className="sr-only">{t("paymentMethod.legend")}</legend>
        <div className="space-y-2">
          {selectable.map((method) => (
            <label key={method} className="flex cursor-pointer items-start gap-3 rounded-md border border-border p-3 hover:bg-surface-muted has-[:checked]:border-accent">
              <input type="radio" value={method} {...register("method")} className="mt-1" />
              <span>
                <span className="block text-sm font-medium">{t(`methods.${method}`)}</span>
                <span className="block text-xs text-muted">{t(`paymentMethod.hints.${method}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldError ? (
          <p id="payment-method-error" className="mt-2 text-sm text-danger">
            {t(fieldError)}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? t("paymentMethod.saving") : t("paymentMethod.save")}
      </Button>
    </form>
  );
}
