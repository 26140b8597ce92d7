import "server-only";
import { z } from "zod";
import { customerScope, type CustomerActor } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import { serviceIdSchema } from "./schemas";

// Disk and bandwidth of a hosting service over time (services.view): the daily UsageSample rows the
// hourly pull stores (lib/services/usage-pull.ts), so the page reads Portico's own data and stays
// up when the control panel is not. Two queries per request, however long the range.

export const USAGE_RANGES = [30, 90, 365] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

/** `?days=30|90|365`; anything else is the default. */
export const diskUsageParamsSchema = z.object({
  days: z.coerce
    .number()
    .refine((n): n is UsageRange => (USAGE_RANGES as readonly number[]).includes(n))
    .catch(30),
});

export type UsagePoint = { day: string; diskMb: number; bandwidthMb: number };

export type Quota = { usedMb: number; limitMb: number | null; percent: number | null };

export type DiskUsage = {
  service: { id: string; name: string };
  days: UsageRange;
  points: UsagePoint[];
  /** The latest sample's disk use against the account's disk quota. */
  disk: Quota;
  /** This calendar month's (UTC) bandwidth against the monthly quota. */
  bandwidth: Quota;
  lastSampleDay: string | null;
};

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Percent of the quota, one decimal; null without a quota. */
export function quotaPercent(usedMb: number, limitMb: number | null): number | null {
  if (limitMb === null || limitMb <= 0) return null;
  return Math.round((usedMb / limitMb) * 1000) / 10;
}

/** Null when the id is malformed, the service is another customer's, or it is not a hosting service. */
export async function getDiskUsage(actor: CustomerActor, serviceId: string, params: { days?: unknown } = {}, now: Date = new Date()): Promise<DiskUsage | null> {
  const customerId = customerScope(actor, "services.view");
  if (!serviceIdSchema.safeParse(serviceId).success) return null;
  const { days } = diskUsageParamsSchema.parse(params);
  const today = new Date(`${isoDay(now)}T00:00:00.000Z`);
  const from = new Date(today.getTime() - (days - 1) * DAY_MS);
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const since = from < monthStart ? from : monthStart;

  const service = await db.service.findFirst({
    where: { id: serviceId, customerId, kind: "hosting" },
    select: {
      id: true,
      name: true,
      panelAccount: { select: { diskQuotaMb: true, bandwidthQuotaMb: true } },
      product: { select: { diskQuotaMb: true, bandwidthQuotaMb: true } },
      usageSamples: { where: { day: { gte: since, lte: today } }, orderBy: { day: "asc" }, select: { day: true, diskMb: true, bandwidthMb: true } },
    },
  });
  if (!service) return null;

  const samples = service.usageSamples;
  const points = samples.filter((s) => s.day >= from).map((s) => ({ day: isoDay(s.day), diskMb: s.diskMb, bandwidthMb: s.bandwidthMb }));
  const latest = samples.at(-1) ?? null;
  const monthMb = samples.filter((s) => s.day >= monthStart).reduce((sum, s) => sum + s.bandwidthMb, 0);
  // The panel account's quotas are the ones enforced; before it exists, the product's.
  const quotas = service.panelAccount ?? service.product ?? { diskQuotaMb: null, bandwidthQuotaMb: null };
  const diskUsed = latest?.diskMb ?? 0;
  return {
    service: { id: service.id, name: service.name },
    days,
    points,
    disk: { usedMb: diskUsed, limitMb: quotas.diskQuotaMb, percent: quotaPercent(diskUsed, quotas.diskQuotaMb) },
    bandwidth: { usedMb: monthMb, limitMb: quotas.bandwidthQuotaMb, percent: quotaPercent(monthMb, quotas.bandwidthQuotaMb) },
    lastSampleDay: latest ? isoDay(latest.day) : null,
  };
}
