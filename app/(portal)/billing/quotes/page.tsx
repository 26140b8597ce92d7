import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { BillingTabs } from "@/components/billing/billing-tabs";
import { EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { quoteListParamsSchema } from "@/lib/billing/quote-schemas";
import { listQuotes } from "@/lib/billing/quotes";
import { formatCalendarDate, formatDate, formatMoney } from "@/lib/format";
import { QuoteStatusBadge } from "./quote-status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quotes.customer");
  return { title: `${t("title")} · Portico` };
}

export default async function QuotesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("billing.view");
  const query = await searchParams;
  const params = quoteListParamsSchema.parse(query);
  const [result, t, locale, timeZone] = await Promise.all([listQuotes(actor, params), getTranslations("quotes.customer"), getLocale(), getTimeZone()]);

  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <BillingTabs current="quotes" />
      {result.items.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} />
      ) : (
        <Table caption={t("table.caption")}>
          <THead>
            <tr>
              <TH>{t("table.number")}</TH>
              <TH>{t("table.subject")}</TH>
              <TH>{t("table.sent")}</TH>
              <TH>{t("table.validUntil")}</TH>
              <TH className="text-right">{t("table.total")}</TH>
              <TH>{t("table.status")}</TH>
            </tr>
          </THead>
          <TBody>
            {result.items.map((quote) => (
              <TR key={quote.id} data-testid="quote-row">
                <TD>
                  <Link href={`/billing/quotes/${quote.id}`} className="font-medium text-accent hover:underline">
                    {quote.number}
                  </Link>
                </TD>
                <TD className="max-w-xs whitespace-normal break-words">{quote.subject}</TD>
                <TD>{quote.sentAt ? formatDate(quote.sentAt, locale, timeZone) : null}</TD>
                <TD>{formatCalendarDate(quote.validUntil, locale)}</TD>
                <TD className="text-right tabular-nums">{formatMoney(quote.totalMinor, quote.currency, locale)}</TD>
                <TD>
                  <QuoteStatusBadge status={quote.status} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/billing/quotes" searchParams={query} />
    </div>
  );
}
