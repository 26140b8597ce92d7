"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useFieldArray, useForm } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Input, Textarea } from "@/components/ui";
import { QUOTE_LINES_MAX, QUOTE_NOTES_MAX, QUOTE_SUBJECT_MAX, type QuoteDraftInput, quoteDraftSchema } from "@/lib/billing/quote-schemas";
import { saveQuoteDraftAction } from "./actions";

/** Message keys under "quotes"; an unknown key reads as the generic error rather than as a raw key. */
export function useQuoteMessage() {
  const t = useTranslations("quotes");
  return (key: string | null | undefined) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined);
}

/**
 * A draft's subject, validity, notes and lines. Prices are typed in the customer's currency as
 * plain decimals ("1250.50"); the server parses them for that currency and computes the totals.
 */
export function QuoteForm({ defaults, currency, defaultRate }: { defaults: QuoteDraftInput; currency: string; defaultRate: string }) {
  const t = useTranslations("quotes.staff.form");
  const message = useQuoteMessage();
  const router = useRouter();
  const isNew = !defaults.id;
  const { register, handleSubmit, formState, setError, control } = useForm<QuoteDraftInput>({ resolver: zodResolver(quoteDraftSchema, undefined, { raw: true }), defaultValues: defaults });
  const { fields, append, remove } = useFieldArray({ control, name: "lines" });
  const { submit, formError, saved, pending } = useActionSubmit(saveQuoteDraftAction, setError, ({ id }) => {
    if (isNew) router.push(`/admin/quotes/${id}`);
    else router.refresh();
  });
  const e = formState.errors;
  const linesError = message(e.lines?.root?.message ?? e.lines?.message);

  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-5">
      {formError ? <Alert tone="danger">{message(formError)}</Alert> : saved && !isNew ? <Alert tone="success">{t("saved")}</Alert> : null}
      <input type="hidden" {...register("id")} />
      <input type="hidden" {...register("customerId")} />
      <FormField id="quote-subject" label={t("subject")} error={message(e.subject?.message)} required>
        <Input maxLength={QUOTE_SUBJECT_MAX} {...register("subject")} />
      </FormField>
      <FormField id="quote-valid-until" label={t("validUntil")} hint={t("validUntilHint")} error={message(e.validUntil?.message)} required>
        <Input type="date" className="max-w-xs" {...register("validUntil")} />
      </FormField>
      <FormField id="quote-notes" label={t("notes")} hint={t("notesHint")} error={message(e.notes?.message)}>
        <Textarea rows={3} maxLength={QUOTE_NOTES_MAX} {...register("notes")} />
      </FormField>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-fg">{t("lines", { currency })}</legend>
        <p className="text-xs text-muted">{t("linesHint", { currency })}</p>
        <ol className="space-y-3">
          {fields.map((field, index) => {
            const le = e.lines?.[index];
            return (
              <li key={field.id} data-testid="quote-line-input" className="grid gap-3 rounded-md border border-border p-3 sm:grid-cols-[minmax(0,1fr)_6rem_8rem_6rem_auto] sm:items-start">
                <FormField id={`line-${index}-description`} label={t("description", { n: index + 1 })} error={message(le?.description?.message)} required>
                  <Input {...register(`lines.${index}.description`)} />
                </FormField>
                <FormField id={`line-${index}-quantity`} label={t("quantity")} error={message(le?.quantity?.message)} required>
                  <Input inputMode="decimal" {...register(`lines.${index}.quantity`)} />
                </FormField>
                <FormField id={`line-${index}-unit-price`} label={t("unitPrice", { currency })} error={message(le?.unitPrice?.message)} required>
                  <Input inputMode="decimal" {...register(`lines.${index}.unitPrice`)} />
                </FormField>
                <FormField id={`line-${index}-tax-rate`} label={t("taxRate")} error={message(le?.taxRate?.message)} required>
                  <Input inputMode="decimal" {...register(`lines.${index}.taxRate`)} />
                </FormField>
                <div className="sm:pt-6">
                  <Button variant="ghost" size="sm" onClick={() => remove(index)} disabled={fields.length <= 1} aria-label={t("removeLine", { n: index + 1 })}>
                    {t("remove")}
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
        {linesError ? <p className="text-xs font-medium text-danger">{linesError}</p> : null}
        <Button variant="secondary" size="sm" onClick={() => append({ description: "", quantity: "1", unitPrice: "", taxRate: defaultRate })} disabled={fields.length >= QUOTE_LINES_MAX}>
          {t("addLine")}
        </Button>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : isNew ? t("create") : t("save")}
        </Button>
        <p className="text-xs text-muted">{t("totalsHint")}</p>
      </div>
    </form>
  );
}
