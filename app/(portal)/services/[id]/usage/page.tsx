import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DiskUsageCharts } from "@/components/services/usage/disk-usage-chart";
import { formatMegabytes } from "@/components/services/usage/megabytes";
import { QuotaBar } from "@/components/services/usage/quota-bar";
import { Card, EmptyState, cn } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatCalendarDate } from "@/lib/format";
import { USAGE_RANGES, getDiskUsage } from "@/lib/services/disk-usage";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("serviceUsage.diskUsage");
  return { title: `${t("title")} · Portico` };
}

/** Disk and bandwidth of a hosting service: quota bars, charts over 30, 90 or 365 days, and the numbers as a table. */
export default async function DiskUsagePage({ params, searchParams }: Props) {
  const actor = await requireCustomerActor("services.view");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [usage, t, locale] = await Promise.all([getDiskUsage(actor, id, { days: query.days }), getTranslations("serviceUsage.diskUsage"), getLocale()]);
  if (!usage) notFound();
  const mb = (value: number) => formatMegabytes(value, locale);
  const percent = (value: number | null) => (value === null ? null : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value / 100));
  const day = (iso: string) => formatCalendarDate(new Date(`${iso}T00:00:00Z`), locale);

  return (
    <div className="space-y-6">
      <Card title={t("quotasTitle")} description={usage.lastSampleDay ? t("measuredOn", { date: day(usage.lastSampleDay) }) : undefined}>
        <div className="grid gap-5 md:grid-cols-2">
          <QuotaBar label={t("disk")} used={mb(usage.disk.usedMb)} limit={usage.disk.limitMb === null ? null : mb(usage.disk.limitMb)} percent={usage.disk.percent} percentLabel={percent(usage.disk.percent)} unlimitedLabel={t("unlimited")} testId="disk-quota" />
          <QuotaBar
            label={t("bandwidthMonth")}
            used={mb(usage.bandwidth.usedMb)}
            limit={usage.bandwidth.limitMb === null ? null : mb(usage.bandwidth.limitMb)}
            percent={usage.bandwidth.percent}
            percentLabel={percent(usage.bandwidth.percent)}
            unlimitedLabel={t("unlimited")}
            testId="bandwidth-quota"
          />
        </div>
      </Card>

      <Card
        title={t("historyTitle")}
        action={
          <nav aria-label={t("rangeLabel")} className="flex gap-1" data-testid="usage-range">
            {USAGE_RANGES.map((days) => (
              <Link
                key={days}
                href={days === 30 ? `/services/${id}/usage` : `/services/${id}/usage?days=${days}`}
                aria-current={days === usage.days ? "page" : undefined}
                className={cn("rounded-full border px-3 py-1 text-sm", days === usage.days ? "border-accent bg-accent text-accent-fg" : "border-border text-fg hover:bg-surface-muted")}
              >
                {t("range", { days })}
              </Link>
            ))}
          </nav>
        }
      >
        {usage.points.length === 0 ? (
          <EmptyState title={t("empty")} description={t("emptyHint")} />
        ) : (
          <div className="space-y-4">
            <DiskUsageCharts points={usage.points} />
            <details className="text-sm">
              <summary className="cursor-pointer text-accent">{t("showTable")}</summary>
              <div className="mt-2 max-h-80 overflow-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">{t("tableCaption", { days: usage.days })}</caption>
                  <thead>
                    <tr className="border-b border-border">
                      <th scope="col" className="py-1 pr-4 font-medium">
                        {t("day")}
                      </th>
                      <th scope="col" className="py-1 pr-4 font-medium">
                        {t("disk")}
                      </th>
                      <th scope="col" className="py-1 font-medium">
                        {t("bandwidth")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...usage.points].reverse().map((p) => (
                      <tr key={p.day} className="border-b border-border/50" data-testid="usage-row">
                        <td className="py-1 pr-4">{day(p.day)}</td>
                        <td className="py-1 pr-4">{mb(p.diskMb)}</td>
                        <td className="py-1">{mb(p.bandwidthMb)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </div>
        )}
      </Card>
    </div>
  );
}
