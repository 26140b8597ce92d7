import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { BillingTabs } from "@/components/billing/billing-tabs";
import { Button, Card, PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { getCreditBalances } from "@/lib/billing/customer-credit";
import { getPaymentMethodSettings } from "@/lib/billing/customer-payment-method";
import { getUnpaidTotals } from "@/lib/billing/queries";
import { formatMoney } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("billing.overview");
  return { title: `${t("title")} · Portico` };
}

/** The billing section's landing page: what is due, what credit there is, and the way in to each part. */
export default async function BillingPage() {
  const actor = await requireCustomerActor("billing.view");
  const [unpaid, balances, settings, t, locale] = await Promise.all([
    getUnpaidTotals(actor),
    getCreditBalances(actor),
    getPaymentMethodSettings(actor),
    getTranslations("billing"),
    getLocale(),
  ]);
  const withCredit = balances.filter((b) => b.balanceMinor !== 0n);
  const overdue = unpaid.filter((u) => u.overdueCount > 0);

  return (
    <div>
      <PageHeader title={t("overview.title")} description={t("overview.description")} />
      <BillingTabs current="overview" />
      <div className="grid items-start gap-6 md:grid-cols-2 xl:grid-cols-3">
        <Card title={t("overview.invoicesTitle")} description={t("overview.invoicesBody")} id="billing-invoices" footer={<Button href="/billing/invoices" size="sm">{t("overview.openInvoices")}</Button>}>
          {unpaid.length === 0 ? (
            <p className="text-sm text-muted">{t("overview.nothingDue")}</p>
          ) : (
            <ul className="space-y-2">
              {unpaid.map((u) => (
                <li key={u.currency}>
                  <p className="text-xl font-semibold tabular-nums">{formatMoney(u.totalMinor, u.currency, locale)}</p>
                  <p className="text-sm text-muted">{t("overview.unpaidCount", { count: u.count })}</p>
                </li>
              ))}
              {overdue.map((u) => (
                <li key={`overdue-${u.currency}`} className="text-sm font-medium text-danger">
                  {t("invoices.totals.overdue", { amount: formatMoney(u.overdueMinor, u.currency, locale) })}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("overview.quotesTitle")} id="billing-quotes" footer={<Button href="/billing/quotes" size="sm" variant="secondary">{t("overview.openQuotes")}</Button>}>
          <p className="text-sm text-muted">{t("overview.quotesBody")}</p>
        </Card>
        <Card title={t("overview.creditTitle")} description={t("overview.creditBody")} id="billing-credit" footer={<Button href="/billing/credit" size="sm" variant="secondary">{t("overview.openCredit")}</Button>}>
          {withCredit.length === 0 ? (
            <p className="text-sm text-muted">{t("overview.noCredit")}</p>
          ) : (
            <ul className="space-y-1">
              {withCredit.map((b) => (
                <li key={b.currency} className="text-xl font-semibold tabular-nums">
                  {formatMoney(b.balanceMinor, b.currency, locale)}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm text-muted">{t("overview.methodBody", { method: t(`methods.${settings.current}`) })}</p>
        </Card>
      </div>
    </div>
  );
}
