"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { requestCancellationAction, withdrawCancellationAction } from "@/app/(portal)/services/[id]/cancel/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Textarea } from "@/components/ui";
import { CANCELLATION_REASON_MAX, type CancellationTimingName, type RequestCancellationInput, requestCancellationSchema } from "@/lib/services/cancellation-schemas";

function useChangesText() {
  const t = useTranslations("serviceChanges");
  const text = (key: string | null | undefined) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined);
  return { t, text };
}

/** The timings this service offers, with the first day without service already formatted. */
export type TimingChoice = { timing: CancellationTimingName; endsOn: string };

/** Ask to cancel: when, and why; a confirmation says what happens before anything is sent. */
export function CancelForm({ serviceId, choices }: { serviceId: string; choices: TimingChoice[] }) {
  const { t, text } = useChangesText();
  const router = useRouter();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const defaults: RequestCancellationInput = { serviceId, timing: choices.some((c) => c.timing === "end_of_period") ? "end_of_period" : "immediate", reason: "" };
  const { register, handleSubmit, setError, control, trigger, formState } = useForm<RequestCancellationInput>({ resolver: zodResolver(requestCancellationSchema), defaultValues: defaults });
  const { submit, formError, pending } = useActionSubmit(requestCancellationAction, setError, () => {
    setConfirming(false);
    router.refresh();
  });
  const timing = useWatch({ control, name: "timing" });
  const chosen = choices.find((c) => c.timing === timing);
  const errors = formState.errors;

  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-testid="cancel-form">
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-fg">{t("cancel.when")}</legend>
        <div className="space-y-2">
          {choices.map((choice) => (
            <label key={choice.timing} className="flex cursor-pointer items-start gap-3 rounded-md border border-border p-3 has-[:checked]:border-accent">
              <input type="radio" value={choice.timing} {...register("timing", { onChange: () => setConfirming(false) })} className="mt-1" />
              <span className="text-sm">
                <span className="block font-medium text-fg">{t(`cancel.timing.${choice.timing}`)}</span>
                <span className="block text-muted">{t("cancel.endsOn", { date: choice.endsOn })}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.timing ? <p className="mt-2 text-sm text-danger">{text(errors.timing.message)}</p> : null}
      </fieldset>
      <FormField id={`${id}-reason`} label={t("cancel.reason")} hint={t("cancel.reasonHint", { max: CANCELLATION_REASON_MAX })} error={text(errors.reason?.message)} required>
        <Textarea rows={4} maxLength={CANCELLATION_REASON_MAX} {...register("reason", { onChange: () => setConfirming(false) })} />
      </FormField>
      {confirming && chosen ? (
        <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="space-y-3 rounded-lg border border-danger/30 p-4">
          <p id={`${id}-confirm`} className="text-sm font-medium text-fg">
            {t(`cancel.confirm.${chosen.timing}`, { date: chosen.endsOn })}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending} data-testid="cancel-confirm">
              {pending ? t("cancel.submitting") : t("cancel.submit")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
              {t("common.back")}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          type="button"
          variant="danger"
          data-testid="cancel-review"
          onClick={async () => {
            if (await trigger(["timing", "reason"])) setConfirming(true);
          }}
        >
          {t("cancel.review")}
        </Button>
      )}
    </form>
  );
}

/** Take back a request staff have not processed. */
export function WithdrawCancellation({ requestId }: { requestId: string }) {
  const { t, text } = useChangesText();
  const router = useRouter();
  return (
    <ConfirmButton
      label={t("cancel.withdraw")}
      triggerVariant="secondary"
      question={t("cancel.withdrawQuestion")}
      confirmLabel={t("cancel.withdrawConfirm")}
      pendingLabel={t("cancel.withdrawing")}
      cancelLabel={t("common.back")}
      testId="withdraw-cancellation"
      run={() => withdrawCancellationAction({ requestId })}
      onDone={() => router.refresh()}
      errorText={(key) => text(key)}
    />
  );
}
