import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { BillingTabs } from "@/components/billing/billing-tabs";
import { InvoiceKindLabel, InvoiceStatusBadge } from "@/components/billing/invoice-badges";
import { Button, Card, EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table, cn } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { getUnpaidTotals, listInvoices } from "@/lib/billing/queries";
import { INVOICE_FILTERS, invoiceListParamsSchema } from "@/lib/billing/schemas";
import { formatCalendarDate, formatDate, formatMoney } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("billing.invoices");
  return { title: `${t("title")} · Portico` };
}

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("billing.view");
  const query = await searchParams;
  const params = invoiceListParamsSchema.parse(query);
  const [result, unpaid, t, locale, timeZone] = await Promise.all([listInvoices(actor, params), getUnpaidTotals(actor), getTranslations("billing"), getLocale(), getTimeZone()]);
  const money = (minor: bigint, currency: string) => formatMoney(minor, currency, locale);

  return (
    <div>
      <PageHeader title={t("invoices.title")} description={t("invoices.description")} />
      <BillingTabs current="invoices" />
      <div className="space-y-6">
        <Card title={t("invoices.totals.title")} id="balance-due">
          {unpaid.length === 0 ? (
            <p className="text-sm text-muted">{t("invoices.totals.nothingDue")}</p>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {unpaid.map((total) => (
                <li key={total.currency} data-testid={`unpaid-total-${total.currency}`}>
                  <p className="text-2xl font-semibold tabular-nums text-fg">{money(total.totalMinor, total.currency)}</p>
                  <p className="text-sm text-muted">{t("invoices.totals.count", { count: total.count })}</p>
                  {total.overdueCount > 0 ? (
                    <p className="text-sm font-medium text-danger">{t("invoices.totals.overdue", { amount: money(total.overdueMinor, total.currency) })}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <div>
          <nav aria-label={t("invoices.title")} className="mb-4 flex flex-wrap gap-2">
            {INVOICE_FILTERS.map((filter) => (
              <Button
                key={filter}
                href={filter === "unpaid" ? "/billing/invoices" : `/billing/invoices?status=${filter}`}
                size="sm"
                variant={filter === params.status ? "primary" : "secondary"}
                aria-current={filter === params.status ? "page" : undefined}
              >
                {t(`invoices.filters.${filter}`)}
              </Button>
            ))}
          </nav>
          {result.items.length === 0 ? (
            <EmptyState title={t(`invoices.empty.${params.status}`)} description={t("invoices.emptyHint")} />
          ) : (
            <Table caption={t("invoices.table.caption")}>
              <THead>
                <TR>
                  <TH>{t("invoices.table.number")}</TH>
                  <TH>{t("invoices.table.kind")}</TH>
                  <TH>{t("invoices.table.issued")}</TH>
                  <TH>{t("invoices.table.due")}</TH>
                  <TH className="text-right">{t("invoices.table.total")}</TH>
                  <TH className="text-right">{t("invoices.table.balance")}</TH>
                  <TH>{t("invoices.table.status")}</TH>
                </TR>
              </THead>
              <TBody>
                {result.items.map((invoice) => (
                  <TR key={invoice.id} className={cn(invoice.overdue && "bg-danger-soft/40")} data-overdue={invoice.overdue || undefined} data-invoice-id={invoice.id}>
                    <TD>
                      <Link href={`/billing/invoices/${invoice.id}`} className="font-medium text-accent hover:underline">
                        {invoice.number ?? t("invoices.unnumbered", { id: invoice.id.slice(0, 8) })}
                      </Link>
                    </TD>
                    <TD>
                      <InvoiceKindLabel kind={invoice.kind} />
                    </TD>
                    <TD>{invoice.issuedAt ? formatDate(invoice.issuedAt, locale, timeZone) : "—"}</TD>
                    <TD className={cn(invoice.overdue && "font-medium text-danger")}>{formatCalendarDate(invoice.dueDate, locale)}</TD>
                    <TD className="text-right tabular-nums">{money(invoice.totalMinor, invoice.currency)}</TD>
                    <TD className="text-right tabular-nums">
                      {invoice.status === "unpaid" ? (
                        <>
                          <span className={cn("font-medium", invoice.overdue && "text-danger")}>{money(invoice.balanceMinor, invoice.currency)}</span>
                          {invoice.amountPaidMinor > 0n ? (
                            <span className="block text-xs text-muted">{t("invoices.partlyPaid", { amount: money(invoice.amountPaidMinor, invoice.currency) })}</span>
                          ) : null}
                        </>
                      ) : (
                        "—"
                      )}
                    </TD>
                    <TD>
                      <InvoiceStatusBadge status={invoice.status} overdue={invoice.overdue} />
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
          <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/billing/invoices" searchParams={query} />
        </div>

        {result.totals.length > 0 ? (
          <Card title={t("invoices.listTotals.title")} description={t("invoices.listTotals.description")} id="list-totals">
            <Table caption={t("invoices.listTotals.title")}>
              <THead>
                <TR>
                  <TH>{t("invoices.listTotals.currency")}</TH>
                  <TH className="text-right">{t("invoices.listTotals.count")}</TH>
                  <TH className="text-right">{t("invoices.listTotals.total")}</TH>
                  <TH className="text-right">{t("invoices.listTotals.balance")}</TH>
                </TR>
              </THead>
              <TBody>
                {result.totals.map((total) => (
                  <TR key={total.currency} data-testid={`list-total-${total.currency}`}>
                    <TD className="font-mono">{total.currency}</TD>
                    <TD className="text-right tabular-nums">{total.count}</TD>
                    <TD className="text-right tabular-nums">{money(total.totalMinor, total.currency)}</TD>
                    <TD className="text-right tabular-nums">{money(total.balanceMinor, total.currency)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
