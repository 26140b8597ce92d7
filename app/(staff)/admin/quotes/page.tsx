import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button, EmptyState, FormField, Input, PageHeader, Pagination, Select, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { STAFF_QUOTE_FILTERS, staffQuoteListParamsSchema } from "@/lib/billing/quote-schemas";
import { listQuotesForStaff } from "@/lib/billing/quote-staff";
import { formatCalendarDate, formatMoney } from "@/lib/format";
import { QuoteStatusBadge } from "@/app/(portal)/billing/quotes/quote-status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quotes.staff");
  return { title: `${t("title")} · Portico` };
}

export default async function StaffQuotesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.billing");
  const query = await searchParams;
  const params = staffQuoteListParamsSchema.parse(query);
  const [result, t, tStatus, locale] = await Promise.all([listQuotesForStaff(actor, params), getTranslations("quotes.staff"), getTranslations("quotes.status"), getLocale()]);
  const filtered = params.q !== "" || params.status !== "all";

  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} actions={<Button href="/admin/quotes/new">{t("new")}</Button>} />

      <form method="get" action="/admin/quotes" role="search" aria-label={t("filters.label")} className="mb-4 grid gap-3 rounded-lg border border-border bg-surface p-3 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-end">
        <FormField id="quotes-q" label={t("filters.search")}>
          <Input name="q" type="search" defaultValue={params.q} placeholder={t("filters.searchPlaceholder")} />
        </FormField>
        <FormField id="quotes-status" label={t("filters.status")}>
          <Select name="status" defaultValue={params.status}>
            {STAFF_QUOTE_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "all" ? t("filters.all") : tStatus(s)}
              </option>
            ))}
          </Select>
        </FormField>
        <div className="flex gap-2">
          <Button type="submit">{t("filters.apply")}</Button>
          {filtered ? (
            <Button href="/admin/quotes" variant="ghost">
              {t("filters.reset")}
            </Button>
          ) : null}
        </div>
      </form>

      <p className="mb-2 text-sm text-muted" aria-live="polite">
        {t("total", { count: result.total })}
      </p>

      {result.items.length === 0 ? (
        <EmptyState
          title={filtered ? t("emptyFiltered") : t("empty")}
          description={filtered ? t("emptyFilteredHint") : t("emptyHint")}
          action={filtered ? undefined : <Button href="/admin/quotes/new">{t("new")}</Button>}
        />
      ) : (
        <Table caption={t("table.caption")}>
          <THead>
            <tr>
              <TH>{t("table.number")}</TH>
              <TH>{t("table.customer")}</TH>
              <TH>{t("table.subject")}</TH>
              <TH>{t("table.validUntil")}</TH>
              <TH className="text-right">{t("table.total")}</TH>
              <TH>{t("table.status")}</TH>
            </tr>
          </THead>
          <TBody>
            {result.items.map((quote) => (
              <TR key={quote.id} data-testid="staff-quote-row">
                <TD>
                  <Link href={`/admin/quotes/${quote.id}`} className="font-medium text-accent hover:underline">
                    {quote.number ?? t("draftNumber")}
                  </Link>
                </TD>
                <TD>
                  <span className="block">{quote.customer.name}</span>
                  <span className="block font-mono text-xs text-muted">{quote.customer.contractNumber}</span>
                </TD>
                <TD className="max-w-xs whitespace-normal break-words">{quote.subject}</TD>
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
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/admin/quotes" searchParams={query} />
    </div>
  );
}
