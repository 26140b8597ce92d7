import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Button, Card, EmptyState, FormField, PageHeader, Select, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { type RevenueRow, revenueReport } from "@/lib/billing/admin-report";
import { reportParamsSchema } from "@/lib/billing/admin-schemas";
import { formatMoney } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffBilling.report");
  return { title: `${t("title")} · Portico` };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Revenue per month and currency for a year; each currency has its own rows and totals. */
export default async function RevenueReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireStaffActor("staff.billing");
  const { year } = reportParamsSchema(new Date().getUTCFullYear()).parse(await searchParams);
  const [report, t, locale] = await Promise.all([revenueReport(actor, year), getTranslations("staffBilling.report"), getLocale()]);
  const monthName = (month: number) => new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, 1)));

  const cells = (r: RevenueRow) => {
    const money = (minor: bigint) => formatMoney(minor, r.currency, locale);
    return (
      <>
        <TD className="text-right tabular-nums">{r.invoicedCount}</TD>
        <TD className="text-right tabular-nums">{money(r.invoicedNetMinor)}</TD>
        <TD className="text-right tabular-nums">{money(r.invoicedTaxMinor)}</TD>
        <TD className="text-right tabular-nums">{money(r.invoicedGrossMinor)}</TD>
        <TD className="text-right tabular-nums">{r.creditNoteCount ? `${money(r.creditGrossMinor)} (${r.creditNoteCount})` : "—"}</TD>
        <TD className="text-right tabular-nums">{money(r.receivedMinor)}</TD>
        <TD className="text-right tabular-nums">{money(r.refundedMinor)}</TD>
      </>
    );
  };
  const head = (first: string) => (
    <THead>
      <tr>
        <TH>{first}</TH>
        <TH className="text-right">{t("columns.invoicedCount")}</TH>
        <TH className="text-right">{t("columns.net")}</TH>
        <TH className="text-right">{t("columns.vat")}</TH>
        <TH className="text-right">{t("columns.gross")}</TH>
        <TH className="text-right">{t("columns.creditNotes")}</TH>
        <TH className="text-right">{t("columns.received")}</TH>
        <TH className="text-right">{t("columns.refunds")}</TH>
      </tr>
    </THead>
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        back={{ href: "/admin/invoices", label: t("back") }}
        actions={
          report.rows.length ? (
            <Button href={`/admin/invoices/report/csv?year=${year}`} variant="secondary" prefetch={false}>
              {t("csv")}
            </Button>
          ) : undefined
        }
      />
      <form method="get" action="/admin/invoices/report" className="flex items-end gap-2">
        <FormField id="report-year" label={t("year")}>
          <Select name="year" defaultValue={String(year)}>
            {report.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </FormField>
        <Button type="submit">{t("show")}</Button>
      </form>
      <p className="text-sm text-muted">{t("explanation")}</p>
      {report.rows.length === 0 ? (
        <EmptyState title={t("empty", { year })} />
      ) : (
        <>
          <Card title={t("totals", { year })}>
            <Table caption={t("totals", { year })}>
              {head(t("columns.currency"))}
              <TBody>
                {report.totals.map((r) => (
                  <TR key={r.currency} data-testid="report-total">
                    <TD className="font-medium">{r.currency}</TD>
                    {cells(r)}
                  </TR>
                ))}
              </TBody>
            </Table>
          </Card>
          <Card title={t("byMonth")}>
            <Table caption={t("byMonth")}>
              {head(t("columns.month"))}
              <TBody>
                {report.rows.map((r) => (
                  <TR key={`${r.month}-${r.currency}`} data-testid="report-row">
                    <TD>
                      {monthName(r.month)} <span className="text-muted">· {r.currency}</span>
                    </TD>
                    {cells(r)}
                  </TR>
                ))}
              </TBody>
            </Table>
          </Card>
        </>
      )}
    </div>
  );
}
