"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Input, Select, Textarea } from "@/components/ui";
import { type AdjustCreditInput, adjustCreditSchema } from "@/lib/billing/admin-schemas";
import { type Currency, SUPPORTED_CURRENCIES } from "@/lib/billing/money";
import { formatMoney } from "@/lib/format/money";
import { adjustCreditAction } from "../actions";
import { useErrorText } from "../billing-ui";

/** A signed correction of the customer's credit in one currency, with the reason. */
export function AdjustCreditForm({ customerId, currency }: { customerId: string; currency: Currency }) {
  const t = useTranslations("staffBilling.credit");
  const errorText = useErrorText();
  const locale = useLocale();
  const router = useRouter();
  const defaults: AdjustCreditInput = { customerId, currency, amount: "", note: "" };
  const { register, handleSubmit, formState, setError, reset } = useForm<AdjustCreditInput>({ resolver: zodResolver(adjustCreditSchema), defaultValues: defaults });
  const [balance, setBalance] = useState<{ amount: bigint; currency: string } | null>(null);
  const { submit, formError, pending } = useActionSubmit(adjustCreditAction, setError, (data, values) => {
    setBalance({ amount: data.balanceMinor, currency: values.currency });
    reset({ ...defaults, currency: values.currency });
    router.refresh();
  });
  const e = formState.errors;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-3" aria-label={t("adjustTitle")}>
      {formError ? <Alert tone="danger">{errorText(formError)}</Alert> : null}
      {balance ? <Alert tone="success">{t("adjusted", { balance: formatMoney(balance.amount, balance.currency, locale) })}</Alert> : null}
      <input type="hidden" {...register("customerId")} />
      <div className="grid gap-3 sm:grid-cols-[8rem_minmax(0,1fr)]">
        <FormField id="credit-currency" label={t("currency")} error={errorText(e.currency?.message)} required>
          <Select {...register("currency")}>
            {SUPPORTED_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="credit-amount" label={t("amount")} hint={t("amountHint")} error={errorText(e.amount?.message)} required>
          <Input inputMode="decimal" {...register("amount")} />
        </FormField>
      </div>
      <FormField id="credit-note" label={t("note")} hint={t("noteHint")} error={errorText(e.note?.message)} required>
        <Textarea rows={2} maxLength={500} {...register("note")} />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("adjusting") : t("adjust")}
      </Button>
    </form>
  );
}
