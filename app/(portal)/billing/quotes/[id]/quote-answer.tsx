"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Textarea } from "@/components/ui";
import { type DeclineQuoteInput, QUOTE_DECLINE_REASON_MAX, declineQuoteSchema } from "@/lib/billing/quote-schemas";
import { acceptQuoteAction, declineQuoteAction } from "../actions";

type Mode = "idle" | "accept" | "decline";

/** Accept (after a confirmation naming the amount) or decline (with an optional reason) a sent quote. */
export function QuoteAnswer({ id, number, amount }: { id: string; number: string; amount: string }) {
  const t = useTranslations("quotes");
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("idle");
  const { register, handleSubmit, formState, setError } = useForm<DeclineQuoteInput>({ resolver: zodResolver(declineQuoteSchema), defaultValues: { id, reason: "" } });
  const decline = useActionSubmit(declineQuoteAction, setError, () => {
    setMode("idle");
    router.refresh();
  });
  const text = (key: string | null | undefined) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined);

  if (mode === "decline") {
    return (
      <form method="post" onSubmit={handleSubmit(decline.submit)} noValidate aria-labelledby="decline-title" className="space-y-3 rounded-md border border-border p-4">
        <p id="decline-title" className="text-sm font-medium">
          {t("customer.decline.confirm", { number })}
        </p>
        {decline.formError ? <Alert tone="danger">{text(decline.formError)}</Alert> : null}
        <input type="hidden" {...register("id")} />
        <FormField id="decline-reason" label={t("customer.decline.reason")} hint={t("customer.decline.reasonHint")} error={text(formState.errors.reason?.message)}>
          <Textarea rows={3} maxLength={QUOTE_DECLINE_REASON_MAX} {...register("reason")} />
        </FormField>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="danger" disabled={decline.pending}>
            {decline.pending ? t("customer.decline.pending") : t("customer.decline.yes")}
          </Button>
          <Button variant="secondary" onClick={() => setMode("idle")} disabled={decline.pending}>
            {t("customer.cancel")}
          </Button>
        </div>
      </form>
    );
  }

  // While the acceptance is asked, it stands alone: no "Decline" beside it.
  return (
    <div className={mode === "accept" ? undefined : "flex flex-wrap gap-2"}>
      <ConfirmButton
        label={t("customer.accept.button")}
        question={t("customer.accept.confirm", { number, amount })}
        confirmLabel={t("customer.accept.yes")}
        pendingLabel={t("customer.accept.pending")}
        cancelLabel={t("customer.cancel")}
        run={() => acceptQuoteAction({ id })}
        leavesPage
        onDone={(data) => router.push(`/billing/invoices/${data.invoiceId}`)}
        errorText={text}
        onOpenChange={(open) => setMode(open ? "accept" : "idle")}
      />
      {mode === "accept" ? null : (
        <Button variant="secondary" onClick={() => setMode("decline")}>
          {t("customer.decline.button")}
        </Button>
      )}
    </div>
  );
}
