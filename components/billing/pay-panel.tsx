"use client";

import { useTranslations } from "next-intl";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert, Button, cn } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";
import type { DefaultPaymentMethod, PayInvoiceInput } from "@/lib/billing/schemas";

type PayResult = { paidMinor: string; invoicePaid: boolean; taxInvoiceId: string | null };

export type PayPanelProps = {
  invoiceId: string;
  /** Formatted amounts: the page formats money, the panel only shows it. */
  amountDue: string;
  /** On offer, the customer's default first. */
  methods: DefaultPaymentMethod[];
  defaultMethod: DefaultPaymentMethod;
  credit: { available: string; covers: string; remaining: string; coversAll: boolean } | null;
  bank: { bankName: string | null; iban: string; swift: string | null; reference: string | null } | null;
  payWithCredit: (input: PayInvoiceInput) => Promise<ActionResult<PayResult>>;
  startCardPayment: (input: PayInvoiceInput) => Promise<ActionResult<{ url: string }>>;
};

/** The invoice's pay box: one tab per method on offer; the server decides every amount. */
export function PayPanel(props: PayPanelProps) {
  const t = useTranslations("billing");
  const [chosen, setMethod] = useState<DefaultPaymentMethod | undefined>(props.methods[0]);
  // After a partial credit payment the page refreshes and credit may no longer be on offer.
  const method = chosen && props.methods.includes(chosen) ? chosen : props.methods[0];
  if (!method) return <Alert tone="info">{t("pay.noMethods")}</Alert>;
  return (
    <div className="space-y-4">
      <p className="text-lg font-semibold tabular-nums">{t("pay.amountDue", { amount: props.amountDue })}</p>
      {props.methods.length > 1 ? (
        <div role="tablist" aria-label={t("pay.choose")} className="flex flex-wrap gap-2">
          {props.methods.map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              id={`pay-tab-${m}`}
              aria-selected={m === method}
              aria-controls={`pay-panel-${m}`}
              onClick={() => setMethod(m)}
              className={cn(
                "rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                m === method ? "border-accent bg-accent text-accent-fg" : "border-border bg-surface text-fg hover:bg-surface-muted",
              )}
            >
              {t(`methods.${m}`)}
              {m === props.defaultMethod ? <span className="ml-1 text-xs font-normal opacity-80">({t("pay.defaultMethod")})</span> : null}
            </button>
          ))}
        </div>
      ) : (
        <h3 className="text-sm font-semibold">{t(`methods.${method}`)}</h3>
      )}
      <div role={props.methods.length > 1 ? "tabpanel" : undefined} id={`pay-panel-${method}`} aria-labelledby={props.methods.length > 1 ? `pay-tab-${method}` : undefined}>
        {method === "credit" && props.credit ? <CreditPay invoiceId={props.invoiceId} credit={props.credit} action={props.payWithCredit} /> : null}
        {method === "bank_transfer" && props.bank ? <BankTransfer bank={props.bank} amountDue={props.amountDue} /> : null}
        {method === "card" ? <CardPay invoiceId={props.invoiceId} amountDue={props.amountDue} action={props.startCardPayment} /> : null}
      </div>
    </div>
  );
}

function CreditPay({ invoiceId, credit, action }: { invoiceId: string; credit: NonNullable<PayPanelProps["credit"]>; action: PayPanelProps["payWithCredit"] }) {
  const t = useTranslations("billing");
  const router = useRouter();
  const pathname = usePathname();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3 text-sm">
      <p>{t("pay.credit.available", { amount: credit.available })}</p>
      <p>{credit.coversAll ? t("pay.credit.coversAll", { amount: credit.covers }) : t("pay.credit.coversPart", { amount: credit.covers, remaining: credit.remaining })}</p>
      {error ? <Alert tone="danger">{t(error)}</Alert> : null}
      <ConfirmButton
        label={t("pay.credit.button")}
        triggerSize="md"
        size="sm"
        question={<span className="font-medium">{t("pay.credit.confirm", { amount: credit.covers })}</span>}
        confirmLabel={t("pay.credit.confirmYes", { amount: credit.covers })}
        pendingLabel={t("pay.credit.paying")}
        cancelLabel={t("pay.credit.cancel")}
        run={() => {
          setError(null);
          // Only the id goes to the server: it books min(credit, balance) itself.
          return action({ invoiceId });
        }}
        onDone={(paid) => {
          router.replace(`${pathname}?credit=${paid.invoicePaid ? "paid" : "partial"}`);
          router.refresh();
        }}
        onError={(result) => setError(result.error ?? "errors.generic")}
      />
    </div>
  );
}

/** An IBAN as it is printed for people: groups of four ("SK31 1200 0000 …"). */
const ibanForPeople = (iban: string) => iban.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");

function BankTransfer({ bank, amountDue }: { bank: NonNullable<PayPanelProps["bank"]>; amountDue: string }) {
  const t = useTranslations("billing.pay.bank");
  const rows: [string, string, string?][] = [
    ...(bank.bankName ? [[t("bankName"), bank.bankName] as [string, string]] : []),
    [t("iban"), ibanForPeople(bank.iban), "font-mono"],
    ...(bank.swift ? [[t("swift"), bank.swift, "font-mono"] as [string, string, string]] : []),
    [t("amount"), amountDue, "font-semibold tabular-nums"],
    [t("reference"), bank.reference ?? t("noReference"), bank.reference ? "font-mono text-base font-semibold" : undefined],
  ];
  return (
    <div className="space-y-3 text-sm">
      <p>{t("intro")}</p>
      <dl className="space-y-2" data-testid="bank-transfer">
        {rows.map(([term, value, className]) => (
          <div key={term}>
            <dt className="text-xs text-muted">{term}</dt>
            <dd className={cn("break-words", className)}>{value}</dd>
          </div>
        ))}
      </dl>
      <Alert tone="info">{t("note")}</Alert>
    </div>
  );
}

function CardPay({ invoiceId, amountDue, action }: { invoiceId: string; amountDue: string; action: PayPanelProps["startCardPayment"] }) {
  const t = useTranslations("billing");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [leaving, setLeaving] = useState(false);
  const start = () =>
    startTransition(async () => {
      setError(null);
      const result = await action({ invoiceId });
      if (!result.ok) {
        setError(result.error ?? "errors.generic");
        return;
      }
      setLeaving(true);
      window.location.assign(result.data.url);
    });
  return (
    <div className="space-y-3 text-sm">
      <p>{t("pay.card.intro", { amount: amountDue })}</p>
      {error ? <Alert tone="danger">{t(error)}</Alert> : null}
      <Button onClick={start} disabled={pending || leaving}>
        {pending || leaving ? t("pay.card.redirecting") : t("pay.card.button")}
      </Button>
    </div>
  );
}
