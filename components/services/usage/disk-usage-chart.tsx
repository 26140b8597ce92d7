"use client";

import { useLocale, useTranslations } from "next-intl";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsagePoint } from "@/lib/services/disk-usage";
import { formatMegabytes } from "./megabytes";

const dayFormat = (locale: string, style: "tick" | "full") => {
  const format = new Intl.DateTimeFormat(locale, style === "tick" ? { day: "numeric", month: "numeric", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" });
  return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
};

/** Disk use (area) and daily bandwidth (bars) over the chosen range. The page also gives the numbers as a table for screen readers. */
export function DiskUsageCharts({ points }: { points: UsagePoint[] }) {
  const t = useTranslations("serviceUsage.diskUsage");
  const locale = useLocale();
  const tick = dayFormat(locale, "tick");
  const full = dayFormat(locale, "full");
  const mb = (value: number) => formatMegabytes(value, locale);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="m-0" data-testid="disk-chart" aria-hidden="true">
        <figcaption className="mb-2 text-sm font-medium text-fg">{t("diskChart")}</figcaption>
        <div className="h-56 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
              <XAxis dataKey="day" tickFormatter={tick} minTickGap={24} tick={{ fontSize: 12 }} />
              <YAxis tickFormatter={mb} width={72} tick={{ fontSize: 12 }} />
              <Tooltip labelFormatter={(label) => full(String(label))} formatter={(value) => [mb(Number(value)), t("disk")]} />
              <Area type="monotone" dataKey="diskMb" stroke="#2563eb" fill="#2563eb" fillOpacity={0.2} isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="m-0" data-testid="bandwidth-chart" aria-hidden="true">
        <figcaption className="mb-2 text-sm font-medium text-fg">{t("bandwidthChart")}</figcaption>
        <div className="h-56 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
              <XAxis dataKey="day" tickFormatter={tick} minTickGap={24} tick={{ fontSize: 12 }} />
              <YAxis tickFormatter={mb} width={72} tick={{ fontSize: 12 }} />
              <Tooltip labelFormatter={(label) => full(String(label))} formatter={(value) => [mb(Number(value)), t("bandwidth")]} />
              <Bar dataKey="bandwidthMb" fill="#16a34a" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
