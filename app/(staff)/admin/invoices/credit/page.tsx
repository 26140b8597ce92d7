import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Button, Card, EmptyState, FormField, Input, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { getCustomerCreditForStaff, searchCustomersForStaff } from "@/lib/billing/admin-queries";
import { creditParamsSchema } from "@/lib/billing/admin-schemas";
import { isSupportedCurrency } from "@/lib/billing/money";
import { formatDateTime, formatMoney } from "@/lib/format";
import { AdjustCreditForm } from "./credit-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffBilling.credit");
  return { title: `${t("title")} · Portico` };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** A customer's credit per currency, its ledger, and the staff adjustment (`?customer=<id>`). */
export default async function CustomerCreditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireStaffActor("staff.billing");
  const query = await searchParams;
  const { customer: customerId } = creditParamsSchema.parse(query);
  if (!customerId) return <PickCustomer actor={actor} q={(Array.isArray(query.q) ? query.q[0] : query.q) ?? ""} />;
  const [credit, t, locale] = await Promise.all([getCustomerCreditForStaff(actor, customerId), getTranslations("staffBilling"), getLocale()]);
  if (!credit) notFound();
  const timeZone = safeTimeZone(actor.timeZone);
  const { customer } = credit;
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("credit.title")}
        description={t("draft.forCustomer", { name: customer.name, contract: customer.contractNumber })}
        back={{ href: `/admin/invoices?customer=${customer.id}`, label: t("credit.backToInvoices") }}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Card title={t("credit.balances")}>
            {credit.balances.length === 0 ? (
              <p className="text-sm text-muted">{t("credit.noCredit")}</p>
            ) : (
              <ul className="flex flex-wrap gap-3" data-testid="credit-balances">
                {credit.balances.map((b) => (
                  <li key={b.currency} className="rounded-md border border-border px-3 py-2 text-lg font-semibold tabular-nums">
                    {formatMoney(b.balanceMinor, b.currency, locale)}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t("credit.ledger")}>
            {credit.entries.length === 0 ? (
              <p className="text-sm text-muted">{t("credit.noEntries")}</p>
            ) : (
              <Table caption={t("credit.ledger")}>
                <THead>
                  <tr>
                    <TH>{t("credit.columns.date")}</TH>
                    <TH>{t("credit.columns.kind")}</TH>
                    <TH className="text-right">{t("credit.columns.amount")}</TH>
                    <TH>{t("credit.columns.details")}</TH>
                  </tr>
                </THead>
                <TBody>
                  {credit.entries.map((e) => (
                    <TR key={e.id}>
                      <TD>{formatDateTime(e.createdAt, locale, timeZone)}</TD>
                      <TD>{t(`credit.kinds.${e.kind}`)}</TD>
                      <TD className="text-right tabular-nums">{formatMoney(e.amountMinor, e.currency, locale)}</TD>
                      <TD className="max-w-sm whitespace-normal text-xs">
                        {e.invoice ? (
                          <Link href={`/admin/invoices/${e.invoice.id}`} className="block font-mono text-accent hover:underline">
                            {e.invoice.number ?? t("list.draftNumber")}
                          </Link>
                        ) : null}
                        {e.note ? <span className="block">{e.note}</span> : null}
                        {e.createdBy ? <span className="block text-muted">{t("payments.recordedBy", { name: e.createdBy })}</span> : null}
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </Card>
        </div>
        <aside>
          <Card title={t("credit.adjustTitle")} description={t("credit.adjustDescription")}>
            <AdjustCreditForm customerId={customer.id} currency={isSupportedCurrency(customer.currency) ? customer.currency : "EUR"} />
          </Card>
        </aside>
      </div>
    </div>
  );
}

/** Without `?customer=`: find the customer whose credit to see. */
async function PickCustomer({ actor, q }: { actor: Awaited<ReturnType<typeof requireStaffActor>>; q: string }) {
  const text = q.slice(0, 100);
  const [customers, t] = await Promise.all([searchCustomersForStaff(actor, text), getTranslations("staffBilling")]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("credit.title")} description={t("credit.pickCustomer")} back={{ href: "/admin/invoices", label: t("list.title") }} />
      <form method="get" action="/admin/invoices/credit" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <FormField id="credit-customer-q" label={t("draft.customerSearch")} hint={t("draft.customerSearchHint")} className="flex-1">
          <Input name="q" type="search" defaultValue={text} maxLength={100} />
        </FormField>
        <Button type="submit">{t("draft.search")}</Button>
      </form>
      {text ? (
        customers.length === 0 ? (
          <EmptyState title={t("draft.noCustomers")} />
        ) : (
          <ul className="divide-y divide-border rounded-md border border-border" aria-label={t("draft.customers")}>
            {customers.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <span>
                  {c.name} <span className="font-mono text-xs text-muted">{c.contractNumber}</span>
                </span>
                <Link href={`/admin/invoices/credit?customer=${c.id}`} className="text-sm font-medium text-accent hover:underline">
                  {t("credit.open")}
                </Link>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
