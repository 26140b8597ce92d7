import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { TrafficChart } from "@/components/services/usage/traffic-chart";
import { Button, Card, EmptyState, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { getTrafficOverview } from "@/lib/services/traffic";
import { formatBytes } from "@/lib/services/usage-format";
import { TRAFFIC_RANGES, type TrafficParams } from "@/lib/services/usage-schemas";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("serviceUsage.traffic");
  return { title: `${t("title")} · Portico` };
}

const monthName = (month: string, locale: string) => new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));

/** Housing traffic per IP address (usage.traffic): charts over a month, week or day, and monthly totals. */
export default async function TrafficPage({ params, searchParams }: Props) {
  const actor = await requireCustomerActor("usage.traffic");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [overview, t, locale] = await Promise.all([getTrafficOverview(actor, id, query as TrafficParams), getTranslations("serviceUsage.traffic"), getLocale()]);
  if (!overview) notFound();
  const href = (month: string, range: string) => `/services/${id}/traffic?month=${month}${range === "month" ? "" : `&range=${range}`}`;
  const bytes = (value: bigint) => formatBytes(value, locale);
  const mbps = (bps: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: bps < 10e6 ? 2 : 1 }).format(bps / 1e6);

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <nav aria-label={t("monthNav")} className="flex items-center gap-2">
          <Button href={href(overview.previousMonth, overview.range)} variant="secondary" size="sm" aria-label={t("previousMonth", { month: monthName(overview.previousMonth, locale) })}>
            ←
          </Button>
          <h2 className="min-w-40 text-center text-lg font-semibold" data-testid="traffic-month">
            {monthName(overview.month, locale)}
          </h2>
          {overview.nextMonth ? (
            <Button href={href(overview.nextMonth, overview.range)} variant="secondary" size="sm" aria-label={t("nextMonth", { month: monthName(overview.nextMonth, locale) })}>
              →
            </Button>
          ) : (
            <span className="inline-flex h-8 w-10" aria-hidden="true" />
          )}
        </nav>
        <nav aria-label={t("rangeNav")} className="flex flex-wrap gap-2">
          {TRAFFIC_RANGES.map((range) => (
            <Button key={range} href={href(overview.month, range)} size="sm" variant={range === overview.range ? "primary" : "secondary"} aria-current={range === overview.range ? "page" : undefined}>
              {t(`ranges.${range}`)}
            </Button>
          ))}
        </nav>
      </div>

      {overview.addresses.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} />
      ) : (
        overview.addresses.map((ip) => (
          <Card key={ip.address} title={<span className="font-mono">{ip.address}</span>} description={t(`rangeDescription.${overview.range}`, { month: monthName(overview.month, locale), timeZone: overview.timeZone })} data-testid="traffic-address">
            <dl className="mb-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
              <div>
                <dt className="text-sm text-muted">{t("monthIn")}</dt>
                <dd className="text-xl font-semibold tabular-nums">{bytes(ip.inBytes)}</dd>
              </div>
              <div>
                <dt className="text-sm text-muted">{t("monthOut")}</dt>
                <dd className="text-xl font-semibold tabular-nums">{bytes(ip.outBytes)}</dd>
              </div>
              <div>
                <dt className="text-sm text-muted">{t("monthTotal")}</dt>
                <dd className="text-xl font-semibold tabular-nums">{bytes(ip.inBytes + ip.outBytes)}</dd>
              </div>
              <div>
                <dt className="text-sm text-muted">{t("p95")}</dt>
                <dd className="text-xl font-semibold tabular-nums">{t("mbps", { value: mbps(ip.p95Bps) })}</dd>
              </div>
            </dl>
            <TrafficChart address={ip.address} points={ip.points} bucket={overview.bucket} />
          </Card>
        ))
      )}

      <section aria-labelledby="traffic-history-title" className="space-y-3">
        <h2 id="traffic-history-title" className="text-lg font-semibold">
          {t("history.title")}
        </h2>
        {overview.history.length === 0 ? (
          <EmptyState title={t("history.empty")} />
        ) : (
          <Table caption={t("history.caption", { timeZone: overview.timeZone })}>
            <THead>
              <tr>
                <TH>{t("history.month")}</TH>
                <TH>{t("history.address")}</TH>
                <TH className="text-right">{t("in")}</TH>
                <TH className="text-right">{t("out")}</TH>
                <TH className="text-right">{t("history.total")}</TH>
              </tr>
            </THead>
            <TBody>
              {overview.history.map((row) => (
                <TR key={`${row.month}|${row.address}`} data-testid="traffic-history-row">
                  <TD>{monthName(row.month, locale)}</TD>
                  <TD className="font-mono text-xs">{row.address}</TD>
                  <TD className="text-right tabular-nums">{bytes(row.inBytes)}</TD>
                  <TD className="text-right tabular-nums">{bytes(row.outBytes)}</TD>
                  <TD className="text-right tabular-nums">{bytes(row.inBytes + row.outBytes)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </div>
  );
}
