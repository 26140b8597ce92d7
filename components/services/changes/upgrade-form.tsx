"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { requestUpgradeAction } from "@/app/(portal)/services/[id]/upgrade/actions";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, cn } from "@/components/ui";
import { type RequestUpgradeInput, requestUpgradeSchema } from "@/lib/services/upgrade-schemas";

/** One package to move to, with its amounts already formatted by the page (the server computes them again on submit). */
export type UpgradeChoice = { productId: string; name: string; description: string | null; price: string; effect: "charge" | "credit" | "none"; amount: string; remainingDays: number };

/**
 * Choose a package, see what it costs or credits for the rest of the paid period, confirm. A charge
 * becomes an invoice to pay (the change follows the payment); a credit applies at once.
 */
export function UpgradeForm({ serviceId, choices }: { serviceId: string; choices: UpgradeChoice[] }) {
  const t = useTranslations("serviceChanges");
  const text = (key: string | null | undefined) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined);
  const router = useRouter();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ status: "applied" | "awaiting_payment"; invoiceId: string | null } | null>(null);
  const { register, handleSubmit, setError, control, formState } = useForm<RequestUpgradeInput>({ resolver: zodResolver(requestUpgradeSchema), defaultValues: { serviceId, productId: "" } });
  const { submit, formError, pending } = useActionSubmit(requestUpgradeAction, setError, (data) => {
    setConfirming(false);
    setDone({ status: data.status, invoiceId: data.invoiceId });
    router.refresh();
  });
  const productId = useWatch({ control, name: "productId" });
  const chosen = choices.find((c) => c.productId === productId);

  if (done) {
    return done.status === "awaiting_payment" && done.invoiceId ? (
      <Alert tone="info" title={t("upgrade.done.awaitingTitle")} data-testid="upgrade-awaiting">
        {t("upgrade.done.awaiting")}{" "}
        <Link href={`/billing/invoices/${done.invoiceId}`} className="font-medium text-accent underline">
          {t("upgrade.done.payInvoice")}
        </Link>
      </Alert>
    ) : (
      <Alert tone="success" title={t("upgrade.done.appliedTitle")} data-testid="upgrade-applied">
        {t("upgrade.done.applied")}
      </Alert>
    );
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-testid="upgrade-form">
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      <fieldset aria-describedby={formState.errors.productId ? `${id}-error` : undefined}>
        <legend className="mb-2 text-sm font-semibold text-fg">{t("upgrade.choose")}</legend>
        <ul className="grid gap-3 md:grid-cols-2">
          {choices.map((choice) => (
            <li key={choice.productId}>
              <label
                className={cn(
                  "flex h-full cursor-pointer gap-3 rounded-lg border p-4 has-[:checked]:border-accent has-[:checked]:ring-1 has-[:checked]:ring-accent has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent",
                  "border-border",
                )}
                data-testid="upgrade-option"
              >
                <input type="radio" value={choice.productId} {...register("productId", { onChange: () => setConfirming(false) })} className="mt-1" />
                <span className="min-w-0 space-y-1 text-sm">
                  <span className="block font-medium text-fg">{choice.name}</span>
                  {choice.description ? <span className="block text-muted">{choice.description}</span> : null}
                  <span className="block">{t("upgrade.newPrice", { price: choice.price })}</span>
                  <span className={cn("block font-medium", choice.effect === "charge" ? "text-fg" : choice.effect === "credit" ? "text-success" : "text-muted")} data-testid="upgrade-effect">
                    {choice.effect === "charge" ? t("upgrade.charge", { amount: choice.amount, days: choice.remainingDays }) : choice.effect === "credit" ? t("upgrade.credit", { amount: choice.amount, days: choice.remainingDays }) : t("upgrade.noCharge")}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {formState.errors.productId ? (
          <p id={`${id}-error`} className="mt-2 text-sm text-danger">
            {text(formState.errors.productId.message)}
          </p>
        ) : null}
      </fieldset>
      {confirming && chosen ? (
        <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="space-y-3 rounded-lg border border-border bg-surface-muted p-4">
          <p id={`${id}-confirm`} className="text-sm font-medium text-fg">
            {chosen.effect === "charge" ? t("upgrade.confirmCharge", { name: chosen.name, amount: chosen.amount }) : chosen.effect === "credit" ? t("upgrade.confirmCredit", { name: chosen.name, amount: chosen.amount }) : t("upgrade.confirmNone", { name: chosen.name })}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending} data-testid="upgrade-confirm">
              {pending ? t("upgrade.submitting") : t("upgrade.confirm")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
              {t("common.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          type="button"
          onClick={() => {
            if (!chosen) setError("productId", { message: "upgrade.errors.choosePackage" });
            else setConfirming(true);
          }}
          data-testid="upgrade-review"
        >
          {t("upgrade.review")}
        </Button>
      )}
    </form>
  );
}
