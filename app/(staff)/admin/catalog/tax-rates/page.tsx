import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { listTaxRates } from "@/lib/billing/catalog";
import { formatCountry } from "@/lib/format";
import { CatalogTabs } from "../catalog-tabs";
import { AddTaxRateForm, TaxRateRowActions } from "./tax-rate-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("catalog.taxRates");
  return { title: `${t("title")} · Portico` };
}

/** A rate in basis points as the locale writes a percentage: 2300 → "23 %", 550 → "5,5 %". */
function formatRate(rateBp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(rateBp / 10_000);
}

export default async function TaxRatesPage() {
  const actor = await requireStaffActor("staff.catalog");
  const [t, tc, locale, rates] = await Promise.all([getTranslations("catalog.taxRates"), getTranslations("catalog"), getLocale(), listTaxRates(actor)]);

  return (
    <div className="space-y-6">
      <div>
        <PageHeader title={tc("title")} description={tc("description")} />
        <CatalogTabs current="taxRates" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="tax-rates-title" className="min-w-0 space-y-3">
          <div>
            <h2 id="tax-rates-title" className="text-lg font-semibold">
              {t("title")}
            </h2>
            <p className="text-sm text-muted">{t("description")}</p>
          </div>
          {rates.length === 0 ? (
            <EmptyState title={t("empty")} description={t("emptyHint")} />
          ) : (
            <Table caption={t("caption")}>
              <THead>
                <tr>
                  <TH>{t("colCountry")}</TH>
                  <TH className="text-right">{t("colRate")}</TH>
                  <TH>
                    <span className="sr-only">{t("colActions")}</span>
                  </TH>
                </tr>
              </THead>
              <TBody>
                {rates.map((rate) => {
                  const countryName = formatCountry(rate.country, locale);
                  return (
                    <TR key={rate.country} data-testid="tax-rate">
                      <TD>
                        {countryName} <span className="font-mono text-xs text-muted">{rate.country}</span>
                      </TD>
                      <TD className="text-right tabular-nums">{formatRate(rate.rateBp, locale)}</TD>
                      <TD className="whitespace-normal">
                        <TaxRateRowActions country={rate.country} countryName={countryName} percent={rate.percent} />
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          )}
        </section>
        <aside>
          <Card id="tax-rate-new" title={t("addTitle")}>
            <AddTaxRateForm />
          </Card>
        </aside>
      </div>
    </div>
  );
}
