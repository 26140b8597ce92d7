// Demo data of issue 5's usage pages: call records of the demo VoIP trunks (the last 90 days, from
// the built-in module's simulated switch, so the hourly pull continues the same history), the IP
// addresses of the demo housing services and their hourly traffic for 13 months (the simulated
// router), and daily disk/bandwidth samples of the demo hosting services for 13 months (ending at
// what the simulated panel reports today). Deterministic for a given `now`, and fast: createMany.
import type { Prisma } from "@/lib/generated/prisma/client";
import { callProfileOf, floorToHour, simulatedCalls, simulatedTraffic, trafficProfileOf } from "@/lib/integrations/provisioning/builtin-usage";

type Tx = Prisma.TransactionClient;

const DAY_MS = 86_400_000;
const CALL_DAYS = 90;
const HISTORY_DAYS = 396;
const CHUNK = 5_000;
/** The simulated panel's disk use of an empty account (ACCOUNT_BASE_DISK_MB in builtin-runtime.ts). */
const ACCOUNT_BASE_DISK_MB = 64;

/**
 * Addresses of the demo housing services, by the service's label (documentation ranges, RFC 5737 /
 * RFC 3849, so they never clash with anything real). Address is unique across services.
 */
const HOUSING_ADDRESSES: Record<string, string[]> = {
  "Rack B12, U17 — DC Tân Thuận": ["203.0.113.17", "2001:db8:b12:17::10"],
};
const FALLBACK_ADDRESS = (index: number) => [`198.51.100.${10 + index}`];

/**
 * A Postgres array literal sent as one text parameter: Prisma binds a JS array element by element,
 * which costs more than the insert itself at these sizes.
 */
const pgArray = (values: readonly (string | number | bigint)[]) => `{${values.map((v) => `"${String(v).replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

async function chunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** A deterministic wobble in [-1, 1] for day `n` of service `seed`. */
const wobble = (seed: number, n: number) => Math.sin(seed * 12.9898 + n * 78.233) * 0.5 + Math.sin(n / 7 + seed) * 0.5;

async function seedCalls(tx: Tx, now: Date, services: { id: string; createdAt: Date }[]) {
  const until = floorToHour(now);
  for (const service of services) {
    const profile = await callProfileOf(tx, service.id);
    if (!profile) continue;
    const since = new Date(Math.max(until.getTime() - CALL_DAYS * DAY_MS, floorToHour(service.createdAt).getTime()));
    const calls = simulatedCalls(profile, since, until);
    await chunked(calls, (data) => tx.$executeRaw`
      INSERT INTO "CallRecord" ("serviceId", "externalId", "startedAt", "fromNumber", "toNumber", "direction", "durationSec", "costMinor", "currency")
      SELECT ${service.id}::uuid, e, s, f, t, d::"CallDirection", du, c, cu
      FROM unnest(${pgArray(data.map((c) => c.externalId))}::text[], ${pgArray(data.map((c) => c.startedAt.toISOString()))}::timestamp[], ${pgArray(data.map((c) => c.fromNumber))}::text[],
                  ${pgArray(data.map((c) => c.toNumber))}::text[], ${pgArray(data.map((c) => c.direction))}::text[], ${pgArray(data.map((c) => c.durationSec))}::int[],
                  ${pgArray(data.map((c) => c.costMinor.toString()))}::bigint[], ${pgArray(data.map((c) => c.currency))}::text[]) AS u(e, s, f, t, d, du, c, cu)
      ON CONFLICT DO NOTHING`);
  }
}

async function seedHousing(tx: Tx, now: Date, services: { id: string; label: string | null; createdAt: Date }[]) {
  const until = floorToHour(now);
  for (const [index, service] of services.entries()) {
    const addresses = HOUSING_ADDRESSES[service.label ?? ""] ?? FALLBACK_ADDRESS(index);
    await tx.serviceIpAddress.createMany({ data: addresses.map((address) => ({ serviceId: service.id, address })), skipDuplicates: true });
    const profile = await trafficProfileOf(tx, service.id);
    if (!profile) continue;
    const since = new Date(Math.max(until.getTime() - HISTORY_DAYS * DAY_MS, floorToHour(service.createdAt).getTime()));
    const samples = simulatedTraffic(profile, addresses, since, until);
    // unnest() of column arrays: one statement with five parameters, several times faster than createMany at this size.
    await chunked(samples, (data) => tx.$executeRaw`
      INSERT INTO "TrafficSample" ("serviceId", "address", "hour", "inBytes", "outBytes")
      SELECT ${service.id}::uuid, a, h, i, o
      FROM unnest(${pgArray(data.map((t) => t.address))}::text[], ${pgArray(data.map((t) => t.hour.toISOString()))}::timestamp[], ${pgArray(data.map((t) => t.inBytes.toString()))}::bigint[], ${pgArray(data.map((t) => t.outBytes.toString()))}::bigint[]) AS u(a, h, i, o)
      ON CONFLICT DO NOTHING`);
  }
}

/**
 * Daily samples ending today: disk grows towards what the panel holds now (databases, mailboxes),
 * bandwidth follows the week (quieter at weekends) at roughly half the package's monthly quota.
 */
async function seedHostingUsage(tx: Tx, now: Date, services: { id: string; createdAt: Date }[]) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const rows: Prisma.UsageSampleCreateManyInput[] = [];
  for (const [seed, service] of services.entries()) {
    const account = await tx.panelAccount.findUnique({ where: { serviceId: service.id }, select: { id: true, diskQuotaMb: true, bandwidthQuotaMb: true } });
    if (!account) continue;
    const [databases, mailboxes] = await Promise.all([
      tx.panelDatabase.aggregate({ where: { accountId: account.id }, _sum: { sizeMb: true } }),
      tx.panelMailbox.aggregate({ where: { accountId: account.id }, _sum: { usedMb: true } }),
    ]);
    const diskNow = ACCOUNT_BASE_DISK_MB + (databases._sum.sizeMb ?? 0) + (mailboxes._sum.usedMb ?? 0);
    const monthlyBandwidth = (account.bandwidthQuotaMb ?? 200_000) * (0.35 + 0.1 * (seed % 3));
    const firstDay = Math.max(today - (HISTORY_DAYS - 1) * DAY_MS, Date.UTC(service.createdAt.getUTCFullYear(), service.createdAt.getUTCMonth(), service.createdAt.getUTCDate()));
    const days = Math.round((today - firstDay) / DAY_MS) + 1;
    for (let n = 0; n < days; n++) {
      const day = new Date(firstDay + n * DAY_MS);
      const progress = days === 1 ? 1 : n / (days - 1);
      // Today is exactly the panel's figure; earlier days grow towards it with a little noise.
      const diskMb = n === days - 1 ? diskNow : Math.max(ACCOUNT_BASE_DISK_MB, Math.round(diskNow * (0.55 + 0.45 * progress) * (1 + 0.03 * wobble(seed, n))));
      const weekday = day.getUTCDay() === 0 || day.getUTCDay() === 6 ? 0.65 : 1.1;
      const bandwidthMb = Math.max(0, Math.round((monthlyBandwidth / 30) * weekday * (0.75 + 0.45 * progress) * (1 + 0.25 * wobble(seed + 7, n))));
      rows.push({ serviceId: service.id, day, diskMb, bandwidthMb });
    }
  }
  await chunked(rows, (data) => tx.usageSample.createMany({ data, skipDuplicates: true }));
}

/** Usage history of the demo customers' services only (the database may hold other data). */
export async function seedUsage(tx: Tx, now: Date, demoCustomerIds: string[]): Promise<void> {
  const services = await tx.service.findMany({
    where: { customerId: { in: demoCustomerIds }, kind: { in: ["voip", "housing", "hosting"] }, status: { in: ["active", "suspended"] } },
    select: { id: true, kind: true, label: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  await seedCalls(tx, now, services.filter((s) => s.kind === "voip"));
  await seedHousing(tx, now, services.filter((s) => s.kind === "housing"));
  await seedHostingUsage(tx, now, services.filter((s) => s.kind === "hosting"));
}
