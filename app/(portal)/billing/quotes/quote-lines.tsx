import { useTranslations } from "next-intl";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import type { QuoteLineView, QuoteTotalsView } from "@/lib/billing/quotes";
import { formatMoney } from "@/lib/format";

const quantityText = (milli: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(milli / 1000);
export const rateText = (bp: number, locale: string) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(bp / 10_000);

/** A quote's lines with the VAT breakdown per rate and the totals; used by the customer and the staff pages. */
export function QuoteLines({ lines, totals, currency, locale }: { lines: QuoteLineView[]; totals: QuoteTotalsView; currency: string; locale: string }) {
  const t = useTranslations("quotes.lines");
  const money = (minor: bigint) => formatMoney(minor, currency, locale);
  return (
    <div className="space-y-4">
      <Table caption={t("caption")}>
        <THead>
          <tr>
            <TH>{t("description")}</TH>
            <TH className="text-right">{t("quantity")}</TH>
            <TH className="text-right">{t("unitPrice")}</TH>
            <TH className="text-right">{t("vat")}</TH>
            <TH className="text-right">{t("net")}</TH>
          </tr>
        </THead>
        <TBody>
          {lines.map((line) => (
            <TR key={line.id} data-testid="quote-line">
              <TD className="max-w-md whitespace-normal break-words">{line.description}</TD>
              <TD className="text-right tabular-nums">{quantityText(line.quantityMilli, locale)}</TD>
              <TD className="text-right tabular-nums">{money(line.unitPriceMinor)}</TD>
              <TD className="text-right tabular-nums">{rateText(line.taxRateBp, locale)}</TD>
              <TD className="text-right tabular-nums">{money(line.netMinor)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <dl className="ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
        <dt className="text-muted">{t("subtotal")}</dt>
        <dd className="text-right tabular-nums">{money(totals.subtotalMinor)}</dd>
        {totals.byRate.map((rate) => (
          <div key={rate.rateBp} className="contents">
            <dt className="text-muted">{t("vatAt", { rate: rateText(rate.rateBp, locale), base: money(rate.netMinor) })}</dt>
            <dd className="text-right tabular-nums">{money(rate.taxMinor)}</dd>
          </div>
        ))}
        <dt className="font-semibold">{t("total")}</dt>
        <dd className="text-right text-lg font-semibold tabular-nums" data-testid="quote-total">
          {money(totals.totalMinor)}
        </dd>
      </dl>
    </div>
  );
}
