import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { BillingTabs } from "@/components/billing/billing-tabs";
import { PaymentMethodForm } from "@/components/billing/payment-method-form";
import { Card, EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table, cn } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { getCreditBalances, listCreditLedger } from "@/lib/billing/customer-credit";
import { getPaymentMethodSettings } from "@/lib/billing/customer-payment-method";
import { creditLedgerParamsSchema } from "@/lib/billing/schemas";
import { formatDate, formatMoney } from "@/lib/format";
import { setPaymentMethodAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("billing.credit");
  return { title: `${t("title")} · Portico` };
}

export default async function CreditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("billing.view");
  const query = await searchParams;
  const params = creditLedgerParamsSchema.parse(query);
  const [balances, ledger, settings, t, locale, timeZone] = await Promise.all([
    getCreditBalances(actor),
    listCreditLedger(actor, params),
    getPaymentMethodSettings(actor),
    getTranslations("billing"),
    getLocale(),
    getTimeZone(),
  ]);
  const mayPay = can(actor, "billing.pay");
  const withCredit = balances.filter((b) => b.balanceMinor !== 0n);

  return (
    <div>
      <PageHeader title={t("credit.title")} description={t("credit.description")} />
      <BillingTabs current="credit" />
      <div className="space-y-6">
        <div className="grid items-start gap-6 md:grid-cols-2">
          <Card title={t("credit.balancesTitle")} description={t("credit.balancesHint")} id="credit-balances">
            {withCredit.length === 0 ? (
              <p className="text-sm text-muted">{t("credit.balancesEmpty")}</p>
            ) : (
              <ul className="space-y-1">
                {withCredit.map((b) => (
                  <li key={b.currency} className="text-2xl font-semibold tabular-nums" data-testid={`credit-balance-${b.currency}`}>
                    {formatMoney(b.balanceMinor, b.currency, locale)}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t("paymentMethod.title")} description={t("paymentMethod.description")} id="payment-method">
            {mayPay ? (
              <PaymentMethodForm current={settings.current} selectable={settings.selectable} action={setPaymentMethodAction} />
            ) : (
              <div className="space-y-2 text-sm">
                <p>{t("paymentMethod.current", { method: t(`methods.${settings.current}`) })}</p>
                <p className="text-muted">{t("paymentMethod.readOnly")}</p>
              </div>
            )}
            {!settings.bankTransferOffered ? <p className="mt-3 text-xs text-muted">{t("paymentMethod.bankNotOffered")}</p> : null}
          </Card>
        </div>

        <section aria-labelledby="credit-ledger-title">
          <h2 id="credit-ledger-title" className="mb-3 text-base font-semibold">
            {t("credit.ledgerTitle")}
          </h2>
          {ledger.items.length === 0 ? (
            <EmptyState title={t("credit.ledgerEmpty")} />
          ) : (
            <Table caption={t("credit.ledgerCaption")}>
              <THead>
                <TR>
                  <TH>{t("credit.date")}</TH>
                  <TH>{t("credit.kind")}</TH>
                  <TH>{t("credit.invoice")}</TH>
                  <TH>{t("credit.note")}</TH>
                  <TH className="text-right">{t("credit.amount")}</TH>
                </TR>
              </THead>
              <TBody>
                {ledger.items.map((entry) => (
                  <TR key={entry.id} data-entry-id={entry.id}>
                    <TD className="whitespace-nowrap">{formatDate(entry.createdAt, locale, timeZone)}</TD>
                    <TD>{t(`credit.kinds.${entry.kind}`)}</TD>
                    <TD>
                      {entry.invoice ? (
                        <Link href={`/billing/invoices/${entry.invoice.id}`} className="font-medium text-accent hover:underline">
                          {entry.invoice.number ?? t("invoices.unnumbered", { id: entry.invoice.id.slice(0, 8) })}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </TD>
                    <TD className="max-w-xs whitespace-normal text-muted">{entry.note ?? ""}</TD>
                    <TD className={cn("text-right font-medium tabular-nums", entry.amountMinor < 0n ? "text-fg" : "text-success")}>
                      {entry.amountMinor > 0n ? "+" : ""}
                      {formatMoney(entry.amountMinor, entry.currency, locale)}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
          <Pagination page={ledger.page} pageCount={Math.ceil(ledger.total / ledger.pageSize)} pathname="/billing/credit" searchParams={query} />
        </section>
      </div>
    </div>
  );
}
