"use client";

import { useLocale, useTranslations } from "next-intl";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes } from "@/lib/services/usage-format";

export type TrafficChartPoint = { bucket: string; inBytes: number; outBytes: number };

// Bucket labels are wall-clock strings of the user's zone ("2026-11-23" or "2026-11-23T14:00"),
// so they are formatted as UTC: formatting them in the browser's zone would shift them again.
function bucketFormatter(locale: string, bucket: "day" | "hour", style: "tick" | "full") {
  const options: Intl.DateTimeFormatOptions =
    bucket === "day"
      ? style === "tick"
        ? { day: "numeric", month: "numeric", timeZone: "UTC" }
        : { dateStyle: "medium", timeZone: "UTC" }
      : style === "tick"
        ? { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }
        : { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" };
  const format = new Intl.DateTimeFormat(locale, options);
  return (label: string) => format.format(new Date(bucket === "day" ? `${label}T00:00:00Z` : `${label}:00Z`));
}

/** In and out traffic of one address over the selected range (bytes per day or per hour). */
export function TrafficChart({ address, points, bucket }: { address: string; points: TrafficChartPoint[]; bucket: "day" | "hour" }) {
  const t = useTranslations("serviceUsage.traffic");
  const locale = useLocale();
  const tick = bucketFormatter(locale, bucket, "tick");
  const full = bucketFormatter(locale, bucket, "full");
  const bytes = (value: number) => formatBytes(value, locale);
  return (
    <figure className="m-0" data-testid="traffic-chart">
      <figcaption className="sr-only">{t("chartLabel", { address })}</figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
            <XAxis dataKey="bucket" tickFormatter={tick} minTickGap={24} tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={bytes} width={72} tick={{ fontSize: 12 }} />
            <Tooltip labelFormatter={(label) => full(String(label))} formatter={(value) => bytes(Number(value))} />
            <Legend />
            <Area type="monotone" dataKey="outBytes" name={t("out")} stroke="#2563eb" fill="#2563eb" fillOpacity={0.25} isAnimationActive={false} />
            <Area type="monotone" dataKey="inBytes" name={t("in")} stroke="#16a34a" fill="#16a34a" fillOpacity={0.25} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
