import "server-only";
import { safeTimeZone } from "@/i18n/locales";
import type { Actor } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import { todayIn } from "@/lib/format/dates";
import { type UsageServiceRef, findUsageService } from "./calls";
import { dayStartUtc, nextMonth, previousMonth } from "./usage-range";
import { type TrafficParams, type TrafficRange, trafficParamsSchema } from "./usage-schemas";

// Traffic of a housing service's IP addresses (permission usage.traffic): hourly TrafficSample
// rows, summed into the user's days (month view) or shown hourly (week, day), with monthly totals
// for the last year. Days and months are the user's (time zone), as on an invoice they read.

/** Months in the monthly totals table (the selected one and the eleven before it). */
export const TRAFFIC_HISTORY_MONTHS = 12;

export type TrafficPoint = { bucket: string; inBytes: number; outBytes: number };
export type TrafficAddress = {
  address: string;
  /** The selected month's totals. */
  inBytes: bigint;
  outBytes: bigint;
  /** 95th percentile of the hourly average rate (the busier direction), bits per second. */
  p95Bps: number;
  /** Chart points over the range, one per bucket (missing hours are zero). */
  points: TrafficPoint[];
};
export type TrafficMonthRow = { month: string; address: string; inBytes: bigint; outBytes: bigint };

export type TrafficOverview = {
  service: UsageServiceRef;
  month: string;
  range: TrafficRange;
  /** "day" buckets are "YYYY-MM-DD", "hour" buckets "YYYY-MM-DDTHH:00" on the user's clock. */
  bucket: "day" | "hour";
  timeZone: string;
  previousMonth: string;
  /** Null when the selected month is the current one. */
  nextMonth: string | null;
  addresses: TrafficAddress[];
  history: TrafficMonthRow[];
};

const HOUR_MS = 3_600_000;

/** Every bucket label of [start, end) on the wall clock of `timeZone`, so the chart shows gaps as zero. */
function bucketLabels(start: Date, end: Date, bucket: "day" | "hour", timeZone: string): string[] {
  const fmt = new Intl.DateTimeFormat("sv-SE", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit" });
  const labels: string[] = [];
  const seen = new Set<string>();
  for (let t = start.getTime(); t < end.getTime(); t += HOUR_MS) {
    const local = fmt.format(new Date(t)); // "2026-11-23 14"
    const label = bucket === "day" ? local.slice(0, 10) : `${local.slice(0, 10)}T${local.slice(11, 13)}:00`;
    if (!seen.has(label)) {
      seen.add(label);
      labels.push(label);
    }
  }
  return labels;
}

/**
 * The traffic page's data for `month` (default: this month) and `range`: "month" is the whole
 * month by day; "week" and "day" are the last 7 days or 24 hours of it (up to now) by hour. Null
 * when the service is not the actor's customer's housing service.
 */
export async function getTrafficOverview(actor: Actor, serviceId: string, raw: TrafficParams, opts: { now?: Date } = {}): Promise<TrafficOverview | null> {
  const service = await findUsageService(actor, serviceId, "housing", "usage.traffic");
  if (!service) return null;
  const params = trafficParamsSchema.parse(raw);
  const timeZone = safeTimeZone(actor.timeZone);
  const now = opts.now ?? new Date();
  const thisMonth = todayIn(timeZone, now).slice(0, 7);
  const month = params.month && params.month <= thisMonth ? params.month : thisMonth;
  const monthStart = dayStartUtc(`${month}-01`, timeZone);
  const monthEnd = dayStartUtc(`${nextMonth(month)}-01`, timeZone);
  // The range ends at the month's end, or at the current hour's end in the current month.
  const currentHourEnd = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  const rangeEnd = monthEnd < currentHourEnd ? monthEnd : currentHourEnd;
  const bucket = params.range === "month" ? "day" : "hour";
  const rangeStart = params.range === "month" ? monthStart : new Date(Math.max(monthStart.getTime(), rangeEnd.getTime() - (params.range === "week" ? 7 * 24 : 24) * HOUR_MS));
  let historyStartMonth = month;
  for (let i = 1; i < TRAFFIC_HISTORY_MONTHS; i++) historyStartMonth = previousMonth(historyStartMonth);
  const historyStart = dayStartUtc(`${historyStartMonth}-01`, timeZone);

  const [ips, series, monthly, percentiles] = await Promise.all([
    db.serviceIpAddress.findMany({ where: { serviceId: service.id }, select: { address: true }, orderBy: { address: "asc" } }),
    db.$queryRaw<{ address: string; bucket: Date; inBytes: bigint; outBytes: bigint }[]>`
      SELECT "address", date_trunc(${bucket}, ("hour" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}) AS "bucket",
             sum("inBytes")::bigint AS "inBytes", sum("outBytes")::bigint AS "outBytes"
      FROM "TrafficSample"
      WHERE "serviceId" = ${service.id}::uuid AND "hour" >= ${rangeStart}::timestamp AND "hour" < ${rangeEnd}::timestamp
      GROUP BY 1, 2`,
    db.$queryRaw<{ address: string; month: string; inBytes: bigint; outBytes: bigint }[]>`
      SELECT "address", to_char(("hour" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}, 'YYYY-MM') AS "month",
             sum("inBytes")::bigint AS "inBytes", sum("outBytes")::bigint AS "outBytes"
      FROM "TrafficSample"
      WHERE "serviceId" = ${service.id}::uuid AND "hour" >= ${historyStart}::timestamp AND "hour" < ${monthEnd}::timestamp
      GROUP BY 1, 2`,
    db.$queryRaw<{ address: string; p95: number | null }[]>`
      SELECT "address", percentile_cont(0.95) WITHIN GROUP (ORDER BY greatest("inBytes", "outBytes"))::float8 AS "p95"
      FROM "TrafficSample"
      WHERE "serviceId" = ${service.id}::uuid AND "hour" >= ${monthStart}::timestamp AND "hour" < ${monthEnd}::timestamp
      GROUP BY 1`,
  ]);

  // Addresses that had traffic but are no longer assigned still show (their history is real).
  const addresses = [...new Set([...ips.map((ip) => ip.address), ...monthly.map((m) => m.address)])].sort();
  const labels = bucketLabels(rangeStart, rangeEnd, bucket, timeZone);
  const labelOf = (d: Date) => (bucket === "day" ? d.toISOString().slice(0, 10) : `${d.toISOString().slice(0, 13)}:00`);
  const seriesBy = new Map(series.map((s) => [`${s.address}|${labelOf(s.bucket)}`, s]));
  const monthBy = new Map(monthly.map((m) => [`${m.address}|${m.month}`, m]));
  const p95By = new Map(percentiles.map((p) => [p.address, p.p95 ?? 0]));

  return {
    service,
    month,
    range: params.range,
    bucket,
    timeZone,
    previousMonth: previousMonth(month),
    nextMonth: month < thisMonth ? nextMonth(month) : null,
    addresses: addresses.map((address) => {
      const total = monthBy.get(`${address}|${month}`);
      return {
        address,
        inBytes: total?.inBytes ?? 0n,
        outBytes: total?.outBytes ?? 0n,
        // Bytes in an hour → bits per second.
        p95Bps: Math.round(((p95By.get(address) ?? 0) * 8) / 3600),
        points: labels.map((label) => {
          const s = seriesBy.get(`${address}|${label}`);
          return { bucket: label, inBytes: s ? Number(s.inBytes) : 0, outBytes: s ? Number(s.outBytes) : 0 };
        }),
      };
    }),
    history: monthly
      .map((m) => ({ month: m.month, address: m.address, inBytes: m.inBytes, outBytes: m.outBytes }))
      .sort((a, b) => b.month.localeCompare(a.month) || a.address.localeCompare(b.address)),
  };
}
