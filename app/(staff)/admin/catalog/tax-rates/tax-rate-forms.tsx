"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button, FormField, Input } from "@/components/ui";
import { type TaxRateFormInput, type TaxRateInput, taxRateSchema } from "@/lib/billing/catalog-schemas";
import { createTaxRateAction, deleteTaxRateAction, updateTaxRateAction } from "../actions";
import { ConfirmAction, FormOutcome, useActionSubmit, useCatalogText } from "../form-kit";

const EMPTY: TaxRateFormInput = { country: "", rate: "" };

/** Adds the rate of a country that has none yet. */
export function AddTaxRateForm() {
  const t = useTranslations("catalog.taxRates");
  const text = useCatalogText();
  const router = useRouter();
  const { register, handleSubmit, formState, setError, reset } = useForm<TaxRateFormInput, unknown, TaxRateInput>({ resolver: zodResolver(taxRateSchema), defaultValues: EMPTY });
  const { submit, formError, saved, pending } = useActionSubmit<TaxRateFormInput, undefined>(createTaxRateAction, setError, () => {
    reset(EMPTY);
    router.refresh();
  });
  const e = formState.errors;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4" aria-label={t("addTitle")}>
      <FormOutcome error={formError} saved={saved} savedMessage={t("added")} />
      <FormField id="tax-rate-country" label={t("country")} hint={t("countryHint")} error={text(e.country?.message)} required>
        <Input maxLength={2} autoComplete="off" spellCheck={false} className="max-w-24 font-mono uppercase" {...register("country")} />
      </FormField>
      <FormField id="tax-rate-rate" label={t("rate")} hint={t("rateHint")} error={text(e.rate?.message)} required>
        <Input inputMode="decimal" autoComplete="off" className="max-w-32 text-right tabular-nums" {...register("rate")} />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("add")}
      </Button>
    </form>
  );
}

/** "Change" opens a one-field form in the row; "Remove" asks first. */
export function TaxRateRowActions({ country, countryName, percent }: { country: string; countryName: string; percent: string }) {
  const t = useTranslations("catalog.taxRates");
  const text = useCatalogText();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const defaults: TaxRateFormInput = { country, rate: percent };
  const { register, handleSubmit, formState, setError } = useForm<TaxRateFormInput, unknown, TaxRateInput>({ resolver: zodResolver(taxRateSchema), defaultValues: defaults });
  const { submit, formError, pending } = useActionSubmit<TaxRateFormInput, undefined>(updateTaxRateAction, setError, () => {
    setEditing(false);
    router.refresh();
  });
  const inputId = `tax-rate-${country}-rate`;

  if (editing) {
    return (
      <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-2" aria-label={t("changeNamed", { country: countryName })}>
        <FormOutcome error={formError} saved={false} />
        <FormField id={inputId} label={t("newRate", { country: countryName })} error={text(formState.errors.rate?.message)} required>
          <Input inputMode="decimal" autoComplete="off" className="max-w-32 text-right tabular-nums" {...register("rate")} />
        </FormField>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" size="sm" disabled={pending}>
            {pending ? t("saving") : t("save")}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setEditing(false)} disabled={pending}>
            {t("cancel")}
          </Button>
        </div>
      </form>
    );
  }
  return (
    <div className="flex flex-wrap items-start justify-end gap-2">
      <Button size="sm" variant="secondary" onClick={() => setEditing(true)} aria-label={t("changeNamed", { country: countryName })}>
        {t("change")}
      </Button>
      <ConfirmAction
        id={`remove-${country}`}
        size="sm"
        label={t("remove")}
        ariaLabel={t("removeNamed", { country: countryName })}
        confirmText={t("confirmRemove", { country: countryName })}
        confirmLabel={t("removeYes")}
        run={() => deleteTaxRateAction({ country })}
        onDone={() => router.refresh()}
      />
    </div>
  );
}
