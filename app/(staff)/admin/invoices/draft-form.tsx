"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Input, Textarea } from "@/components/ui";
import { type DraftInput, type DraftLineInput, MAX_DRAFT_LINES, draftSchema, quantityToMilli, vatPercentToBp } from "@/lib/billing/admin-schemas";
import { type Currency, multiplyQuantity, safeParseMoney } from "@/lib/billing/money";
import { invoiceTotals } from "@/lib/billing/tax";
import { formatMoney } from "@/lib/format/money";
import { createDraftAction, saveDraftAction } from "./actions";
import { useErrorText } from "./billing-ui";

export type DraftCustomer = { id: string; name: string; contractNumber: string; currency: Currency; defaultVatRate: string };

/** What the lines add up to as typed; the server computes the stored totals itself. */
function previewTotals(lines: DraftLineInput[], currency: Currency) {
  const taxable = [];
  for (const line of lines) {
    const quantity = quantityToMilli(line.quantity ?? "");
    const rate = vatPercentToBp(line.vatRate ?? "");
    const price = safeParseMoney(line.unitPrice ?? "", currency, { allowNegative: true });
    if (quantity === null || rate === null || !price.ok) return null;
    taxable.push({ netMinor: multiplyQuantity(price.minor, quantity), rateBp: rate });
  }
  return invoiceTotals(taxable);
}

/** Creates a draft or edits one: due date, notes and the lines (added, removed, changed). */
export function DraftForm({ customer, defaults, mode }: { customer: DraftCustomer; defaults: DraftInput; mode: "create" | "edit" }) {
  const t = useTranslations("staffBilling.draft");
  const errorText = useErrorText();
  const locale = useLocale();
  const router = useRouter();
  const { register, handleSubmit, formState, setError, control } = useForm<DraftInput>({ resolver: zodResolver(draftSchema), defaultValues: defaults });
  const { fields, append, remove } = useFieldArray({ control, name: "lines" });
  const lines = useWatch({ control, name: "lines" });
  const { submit, formError, saved, pending } = useActionSubmit(mode === "create" ? createDraftAction : saveDraftAction, setError, ({ id }) => {
    if (mode === "create") router.push(`/admin/invoices/${id}`);
    else router.refresh();
  });
  const e = formState.errors;
  const totals = previewTotals(lines ?? [], customer.currency);
  const money = (minor: bigint) => formatMoney(minor, customer.currency, locale);
  const newLine = (): DraftLineInput => ({ description: "", periodStart: "", periodEnd: "", quantity: "1", unitPrice: "", vatRate: customer.defaultVatRate });

  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-5" aria-label={mode === "create" ? t("createTitle") : t("editTitle")}>
      {formError ? <Alert tone="danger">{errorText(formError)}</Alert> : null}
      {saved && mode === "edit" ? <Alert tone="success">{t("saved")}</Alert> : null}
      <input type="hidden" {...register("invoiceId")} />
      <input type="hidden" {...register("customerId")} />
      <input type="hidden" {...register("currency")} />
      {e.customerId ? <Alert tone="danger">{errorText(e.customerId.message)}</Alert> : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="draft-due" label={t("dueDate")} error={errorText(e.dueDate?.message)} required>
          <Input type="date" {...register("dueDate")} />
        </FormField>
        <div className="text-sm">
          <p className="font-medium">{t("currency")}</p>
          <p className="mt-2 text-muted">{t("currencyHint", { currency: customer.currency })}</p>
        </div>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{t("lines")}</legend>
        {fields.map((field, i) => {
          const le = e.lines?.[i];
          return (
            <div key={field.id} className="space-y-3 rounded-md border border-border p-3" data-testid="draft-line">
              <div className="flex items-start justify-between gap-2">
                <p className="text-xs font-medium text-muted">{t("lineNumber", { number: i + 1 })}</p>
                <Button variant="ghost" size="sm" onClick={() => remove(i)} disabled={fields.length === 1} aria-label={t("removeLineLabel", { number: i + 1 })}>
                  {t("removeLine")}
                </Button>
              </div>
              <FormField id={`line-${i}-description`} label={t("description")} error={errorText(le?.description?.message)} required>
                <Input maxLength={500} {...register(`lines.${i}.description`)} />
              </FormField>
              <div className="grid gap-3 sm:grid-cols-3">
                <FormField id={`line-${i}-quantity`} label={t("quantity")} hint={t("quantityHint")} error={errorText(le?.quantity?.message)} required>
                  <Input inputMode="decimal" {...register(`lines.${i}.quantity`)} />
                </FormField>
                <FormField id={`line-${i}-unitPrice`} label={t("unitPrice", { currency: customer.currency })} hint={t("unitPriceHint")} error={errorText(le?.unitPrice?.message)} required>
                  <Input inputMode="decimal" {...register(`lines.${i}.unitPrice`)} />
                </FormField>
                <FormField id={`line-${i}-vatRate`} label={t("vatRate")} hint={t("vatRateHint")} error={errorText(le?.vatRate?.message)} required>
                  <Input inputMode="decimal" {...register(`lines.${i}.vatRate`)} />
                </FormField>
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                <FormField id={`line-${i}-periodStart`} label={t("periodStart")} error={errorText(le?.periodStart?.message)}>
                  <Input type="date" {...register(`lines.${i}.periodStart`)} />
                </FormField>
                <FormField id={`line-${i}-periodEnd`} label={t("periodEnd")} error={errorText(le?.periodEnd?.message)}>
                  <Input type="date" {...register(`lines.${i}.periodEnd`)} />
                </FormField>
              </div>
            </div>
          );
        })}
        {e.lines?.message || e.lines?.root?.message ? <p className="text-xs font-medium text-danger">{errorText(e.lines?.message ?? e.lines?.root?.message)}</p> : null}
        <Button variant="secondary" onClick={() => append(newLine())} disabled={fields.length >= MAX_DRAFT_LINES}>
          {t("addLine")}
        </Button>
      </fieldset>

      <FormField id="draft-notes" label={t("notes")} hint={t("notesHint")} error={errorText(e.notes?.message)}>
        <Textarea rows={3} maxLength={2000} {...register("notes")} />
      </FormField>

      <div className="rounded-md bg-surface-muted p-3 text-sm" aria-live="polite">
        <p className="font-medium">{t("preview")}</p>
        {totals ? (
          <dl className="mt-1 grid grid-cols-[auto_auto] justify-start gap-x-6 gap-y-0.5 tabular-nums">
            <dt>{t("net")}</dt>
            <dd>{money(totals.netMinor)}</dd>
            {totals.byRate.map((r) => (
              <div key={r.rateBp} className="contents">
                <dt>{t("vatAt", { rate: r.rateBp / 100 })}</dt>
                <dd>{money(r.taxMinor)}</dd>
              </div>
            ))}
            <dt className="font-semibold">{t("total")}</dt>
            <dd className="font-semibold">{money(totals.grossMinor)}</dd>
          </dl>
        ) : (
          <p className="text-muted">{t("previewIncomplete")}</p>
        )}
        <p className="mt-1 text-xs text-muted">{t("previewHint")}</p>
      </div>

      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : mode === "create" ? t("create") : t("save")}
      </Button>
    </form>
  );
}
