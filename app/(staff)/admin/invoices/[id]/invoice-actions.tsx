"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Alert, Button, Card, FormField, Input, Select, Textarea } from "@/components/ui";
import { MANUAL_PAYMENT_METHODS, REFUND_DESTINATIONS, type RecordPaymentInput, type RefundInput, recordPaymentSchema, refundSchema } from "@/lib/billing/admin-schemas";
import type { Currency } from "@/lib/billing/money";
import { formatMoney } from "@/lib/format/money";
import { cancelInvoiceAction, deleteDraftAction, issueDraftAction, recordPaymentAction, refundPaymentAction, resendInvoiceAction } from "../actions";
import { ConfirmAction, useErrorText } from "../billing-ui";

export function IssueDraftButton({ invoiceId, total }: { invoiceId: string; total: string }) {
  const t = useTranslations("staffBilling.actions");
  return (
    <ConfirmAction
      id="issue-invoice"
      variant="primary"
      label={t("issue")}
      pendingLabel={t("issuing")}
      confirm={t("issueConfirm", { total })}
      action={issueDraftAction}
      input={{ invoiceId }}
      onDone={(data) => t("issued", { number: data.number ?? "", count: data.emailed })}
    />
  );
}

export function DeleteDraftButton({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations("staffBilling.actions");
  return <ConfirmAction id="delete-draft" variant="danger" label={t("deleteDraft")} pendingLabel={t("deleting")} confirm={t("deleteDraftConfirm")} action={deleteDraftAction} input={{ invoiceId }} afterHref="/admin/invoices" />;
}

export function CancelInvoiceButton({ invoiceId, number }: { invoiceId: string; number: string }) {
  const t = useTranslations("staffBilling.actions");
  return <ConfirmAction id="cancel-invoice" variant="danger" label={t("cancelInvoice")} pendingLabel={t("cancelling")} confirm={t("cancelConfirm", { number })} action={cancelInvoiceAction} input={{ invoiceId }} />;
}

export function ResendButton({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations("staffBilling.actions");
  return <ConfirmAction id="resend-invoice" label={t("resend")} pendingLabel={t("resending")} action={resendInvoiceAction} input={{ invoiceId }} onDone={(data) => t("resent", { count: data.queued })} />;
}

type PaymentOutcome = { duplicate: boolean; appliedMinor: bigint; creditedMinor: bigint; invoicePaid: boolean; taxInvoiceId: string | null };

/**
 * Money received by bank transfer or another channel; the result says what was applied and what
 * went to credit. The card stays after the payment settles the invoice (and the form goes), so the
 * result of an overpayment remains readable.
 */
export function RecordPaymentForm({ invoiceId, currency, balance, today, payable }: { invoiceId: string; currency: Currency; balance: string; today: string; payable: boolean }) {
  const t = useTranslations("staffBilling.payment");
  const errorText = useErrorText();
  const locale = useLocale();
  const router = useRouter();
  const defaults: RecordPaymentInput = { invoiceId, currency, method: "bank_transfer", amount: balance, receivedOn: today, reference: "", transactionId: "", note: "" };
  const { register, handleSubmit, formState, setError, reset } = useForm<RecordPaymentInput>({ resolver: zodResolver(recordPaymentSchema), defaultValues: defaults });
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<PaymentOutcome | null>(null);
  const [pending, startTransition] = useTransition();
  const money = (minor: bigint) => formatMoney(minor, currency, locale);
  const submit = (values: RecordPaymentInput) =>
    startTransition(async () => {
      setFormError(null);
      setOutcome(null);
      const result = await recordPaymentAction(values);
      if (!result.ok) {
        setFormError(result.error ?? "errors.generic");
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof RecordPaymentInput, { message });
        return;
      }
      setOutcome(result.data);
      reset({ ...defaults, amount: "" });
      router.refresh();
    });
  const e = formState.errors;
  if (!payable && !outcome) return null;
  return (
    <Card title={t("title")}>
      <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-3" aria-label={t("title")}>
        {formError ? <Alert tone="danger">{errorText(formError)}</Alert> : null}
        {outcome ? (
          <Alert tone={outcome.duplicate ? "warning" : "success"} data-testid="payment-outcome">
            {outcome.duplicate ? (
              t("duplicate")
            ) : (
              <>
                <p>{t("applied", { amount: money(outcome.appliedMinor) })}</p>
                {outcome.creditedMinor > 0n ? <p>{t("credited", { amount: money(outcome.creditedMinor) })}</p> : null}
                {outcome.invoicePaid ? <p>{t("settled")}</p> : null}
                {outcome.taxInvoiceId ? (
                  <Link href={`/admin/invoices/${outcome.taxInvoiceId}`} className="text-accent hover:underline">
                    {t("taxInvoiceLink")}
                  </Link>
                ) : null}
              </>
            )}
          </Alert>
        ) : null}
        {payable ? (
          <>
            <input type="hidden" {...register("invoiceId")} />
            <input type="hidden" {...register("currency")} />
            <FormField id="payment-method" label={t("method")} error={errorText(e.method?.message)} required>
              <Select {...register("method")}>
                {MANUAL_PAYMENT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`methods.${m}`)}
                  </option>
                ))}
              </Select>
            </FormField>
            <FormField id="payment-amount" label={t("amount", { currency })} hint={t("amountHint")} error={errorText(e.amount?.message)} required>
              <Input inputMode="decimal" {...register("amount")} />
            </FormField>
            <FormField id="payment-received" label={t("receivedOn")} error={errorText(e.receivedOn?.message)} required>
              <Input type="date" max={today} {...register("receivedOn")} />
            </FormField>
            <FormField id="payment-reference" label={t("reference")} hint={t("referenceHint")} error={errorText(e.reference?.message)}>
              <Input maxLength={100} {...register("reference")} />
            </FormField>
            <FormField id="payment-transaction" label={t("transactionId")} hint={t("transactionIdHint")} error={errorText(e.transactionId?.message)}>
              <Input maxLength={100} {...register("transactionId")} />
            </FormField>
            <FormField id="payment-note" label={t("note")} error={errorText(e.note?.message)}>
              <Textarea rows={2} maxLength={1000} {...register("note")} />
            </FormField>
            <Button type="submit" disabled={pending}>
              {pending ? t("recording") : t("record")}
            </Button>
          </>
        ) : null}
      </form>
    </Card>
  );
}

/**
 * Refunds (part of) one payment, after a confirmation that repeats the amount and where it goes.
 * Credit payments can only go back to credit; a card refund goes through Stripe.
 */
export function RefundForm({ paymentId, method, currency, refundable }: { paymentId: string; method: string; currency: Currency; refundable: string }) {
  const t = useTranslations("staffBilling.refund");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<RefundInput | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const destinations = method === "credit" ? (["credit"] as const) : REFUND_DESTINATIONS;
  const defaults: RefundInput = { paymentId, currency, amount: refundable, destination: "credit", reason: "" };
  const { register, handleSubmit, formState, setError, control } = useForm<RefundInput>({ resolver: zodResolver(refundSchema), defaultValues: defaults });
  const destination = useWatch({ control, name: "destination" });
  const e = formState.errors;

  const run = () =>
    startTransition(async () => {
      if (!confirming) return;
      setFormError(null);
      const result = await refundPaymentAction(confirming);
      setConfirming(null);
      if (!result.ok) {
        setFormError(result.error ?? "errors.generic");
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof RefundInput, { message });
        return;
      }
      setDone(true);
      setOpen(false);
      router.refresh();
    });

  if (!open)
    return (
      <div className="space-y-1">
        <Button size="sm" variant="secondary" onClick={() => setOpen(true)} data-testid={`refund-${paymentId}`}>
          {t("open")}
        </Button>
        {done ? <p className="text-xs text-success">{t("done")}</p> : null}
      </div>
    );

  return (
    <form method="post" onSubmit={handleSubmit((values) => setConfirming(values))} noValidate className="min-w-64 space-y-3 rounded-md border border-border p-3" aria-label={t("title")}>
      {formError ? <Alert tone="danger">{errorText(formError)}</Alert> : null}
      <FormField id={`refund-${paymentId}-amount`} label={t("amount", { currency })} hint={t("amountHint", { amount: refundable })} error={errorText(e.amount?.message)} required>
        <Input inputMode="decimal" {...register("amount")} />
      </FormField>
      <FormField id={`refund-${paymentId}-destination`} label={t("destination")} hint={destination === "original" ? t(`originalHint.${method === "card" ? "card" : "other"}`) : t("creditHint")} error={errorText(e.destination?.message)} required>
        <Select {...register("destination")}>
          {destinations.map((d) => (
            <option key={d} value={d}>
              {t(`destinations.${d}`)}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField id={`refund-${paymentId}-reason`} label={t("reason")} hint={t("reasonHint")} error={errorText(e.reason?.message)} required>
        <Textarea rows={2} maxLength={500} {...register("reason")} />
      </FormField>
      {confirming ? (
        <div role="alertdialog" aria-labelledby={`refund-${paymentId}-confirm`} className="space-y-2 rounded-md border border-warning/40 bg-warning-soft p-3">
          <p id={`refund-${paymentId}-confirm`} className="text-sm">
            {t(`confirm.${confirming.destination}`, { amount: `${confirming.amount} ${currency}` })}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button variant="danger" onClick={run} disabled={pending} autoFocus>
              {pending ? t("refunding") : t("submit")}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(null)} disabled={pending}>
              {t("back")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="danger">
            {t("submit")}
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            {t("close")}
          </Button>
        </div>
      )}
    </form>
  );
}
