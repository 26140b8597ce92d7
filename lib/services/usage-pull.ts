import "server-only";
import { db } from "@/lib/db";
import { ProvisioningError, type ProvisioningModule, moduleFor, moduleForServer } from "@/lib/integrations/provisioning";
import { type UsageFeed, floorToHour } from "@/lib/integrations/provisioning/builtin-usage";

// The hourly usage pull (queue services.usage-pull, lib/jobs/usage-jobs.ts): for each active
// service, ask its module what happened since the last pull and store it idempotently.
//   hosting  → module.usage(): today's UsageSample (disk now; today's share of the month's bandwidth)
//   voip     → the module's usage feed: call records since the newest one stored
//   housing  → the module's usage feed: hourly traffic of the service's addresses since the last hour stored
// A re-run (two workers, a retry) writes nothing new: upserts by (serviceId, day) and createMany …
// skipDuplicates on CallRecord (serviceId, externalId) and TrafficSample (serviceId, address, hour).

/** How far back the first pull of a service reaches. */
const FIRST_PULL_DAYS = 7;
/** A pull never asks for more than this at once (a service that was away a long time catches up over several runs). */
const MAX_PULL_DAYS = 31;
const DAY_MS = 86_400_000;
const INSERT_CHUNK = 5_000;
const SERVICE_BATCH = 200;

export type UsagePullLog = { info: (...args: unknown[]) => void; warn: (...args: unknown[]) => void; error: (...args: unknown[]) => void };
export type UsagePullTotals = { services: number; usageSamples: number; callRecords: number; trafficSamples: number; skipped: number; failed: number };

type PullService = { id: string; kind: "hosting" | "voip" | "housing"; serverId: string | null };

/** The usage feed of a service's module; a module without one is skipped. */
const feedOf = (module: ProvisioningModule): UsageFeed | null => module.usageFeed ?? null;

/** The service's own module (not the lazy per-server wrapper, so its feed is visible). */
const moduleOf = async (s: PullService) => (s.serverId ? moduleForServer(s.serverId) : moduleFor(s));

const dayOf = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00.000Z`);

async function pullHosting(s: PullService, module: ProvisioningModule, now: Date): Promise<number> {
  const snapshot = await module.usage({ id: s.id, kind: s.kind, serverId: s.serverId });
  const today = dayOf(now);
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  // The module reports the month's bandwidth so far; today's row gets what the other days of the month have not.
  const earlier = await db.usageSample.aggregate({ where: { serviceId: s.id, day: { gte: monthStart, lt: today } }, _sum: { bandwidthMb: true } });
  const bandwidthMb = Math.max(0, snapshot.bandwidthMb - (earlier._sum.bandwidthMb ?? 0));
  const data = { diskMb: Math.max(0, Math.round(snapshot.diskMb)), bandwidthMb: Math.round(bandwidthMb) };
  await db.usageSample.upsert({ where: { serviceId_day: { serviceId: s.id, day: today } }, create: { serviceId: s.id, day: today, ...data }, update: data });
  return 1;
}

/** The window to ask for: from the last stored point (re-asking its hour is harmless) to the last whole hour. */
function windowFrom(last: Date | null | undefined, now: Date): { since: Date; until: Date } | null {
  const until = floorToHour(now);
  const floor = new Date(until.getTime() - MAX_PULL_DAYS * DAY_MS);
  let since = last ? floorToHour(last) : new Date(until.getTime() - FIRST_PULL_DAYS * DAY_MS);
  if (since < floor) since = floor;
  const end = new Date(Math.min(until.getTime(), since.getTime() + MAX_PULL_DAYS * DAY_MS));
  return since < end ? { since, until: end } : null;
}

async function pullCalls(s: PullService, feed: UsageFeed, now: Date): Promise<number> {
  const newest = await db.callRecord.findFirst({ where: { serviceId: s.id }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], select: { startedAt: true } });
  const window = windowFrom(newest?.startedAt, now);
  if (!window) return 0;
  const calls = await feed.callRecords({ id: s.id, kind: s.kind, serverId: s.serverId }, window.since, window.until);
  let inserted = 0;
  for (let i = 0; i < calls.length; i += INSERT_CHUNK) {
    const chunk = calls.slice(i, i + INSERT_CHUNK).map((c) => ({ ...c, serviceId: s.id }));
    inserted += (await db.callRecord.createMany({ data: chunk, skipDuplicates: true })).count;
  }
  return inserted;
}

async function pullTraffic(s: PullService, feed: UsageFeed, now: Date): Promise<number> {
  const addresses = (await db.serviceIpAddress.findMany({ where: { serviceId: s.id }, select: { address: true }, orderBy: { address: "asc" } })).map((a) => a.address);
  if (!addresses.length) return 0;
  const latest = await db.trafficSample.groupBy({ by: ["address"], where: { serviceId: s.id, address: { in: addresses } }, _max: { hour: true } });
  const lastBy = new Map(latest.map((l) => [l.address, l._max.hour]));
  // One window for all addresses, from the one furthest behind; the others' repeated hours are skipped as duplicates.
  const lasts = addresses.map((a) => lastBy.get(a) ?? null);
  const oldest = lasts.includes(null) ? null : new Date(Math.min(...lasts.map((d) => d!.getTime())));
  const window = windowFrom(oldest, now);
  if (!window) return 0;
  const samples = await feed.trafficSamples({ id: s.id, kind: s.kind, serverId: s.serverId }, addresses, window.since, window.until);
  let inserted = 0;
  for (let i = 0; i < samples.length; i += INSERT_CHUNK) {
    const chunk = samples.slice(i, i + INSERT_CHUNK).map((t) => ({ ...t, serviceId: s.id }));
    inserted += (await db.trafficSample.createMany({ data: chunk, skipDuplicates: true })).count;
  }
  return inserted;
}

/**
 * One pull over every active hosting, VoIP and housing service (or only `serviceIds`). A module
 * that fails for one service is logged and the others go on; the next hourly run tries again.
 */
export async function runUsagePull(opts: { now?: Date; serviceIds?: string[]; log?: UsagePullLog } = {}): Promise<UsagePullTotals> {
  const now = opts.now ?? new Date();
  const log = opts.log ?? console;
  const totals: UsagePullTotals = { services: 0, usageSamples: 0, callRecords: 0, trafficSamples: 0, skipped: 0, failed: 0 };
  let after: string | undefined;
  for (;;) {
    const services = (await db.service.findMany({
      where: { status: "active", kind: { in: ["hosting", "voip", "housing"] }, id: { ...(opts.serviceIds ? { in: opts.serviceIds } : {}), ...(after ? { gt: after } : {}) } },
      orderBy: { id: "asc" },
      take: SERVICE_BATCH,
      select: { id: true, kind: true, serverId: true },
    })) as PullService[];
    for (const s of services) {
      totals.services++;
      try {
        const serviceModule = await moduleOf(s);
        if (s.kind === "hosting") {
          totals.usageSamples += await pullHosting(s, serviceModule, now);
          continue;
        }
        const feed = feedOf(serviceModule);
        if (!feed) {
          totals.skipped++;
          continue;
        }
        if (s.kind === "voip") totals.callRecords += await pullCalls(s, feed, now);
        else totals.trafficSamples += await pullTraffic(s, feed, now);
      } catch (error) {
        // A hosting service without a panel account (never provisioned, or staff-made) has no usage to pull.
        if (error instanceof ProvisioningError && error.code === "not_found") {
          totals.skipped++;
          continue;
        }
        totals.failed++;
        log.warn(`[usage] pull for service ${s.id} (${s.kind}) failed:`, error instanceof Error ? error.message : error);
      }
    }
    if (services.length < SERVICE_BATCH) break;
    after = services[services.length - 1].id;
  }
  return totals;
}
