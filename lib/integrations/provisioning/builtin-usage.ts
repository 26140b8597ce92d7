// The built-in module's usage feed: a simulated telephone switch (call detail records of a VoIP
// trunk) and a simulated border router (hourly traffic counters of a housed server's addresses).
// Like a real switch, it answers "what happened between `since` and `until`"; the answer is
// deterministic (a seeded generator per service and hour), so pulling an hour twice gives the same
// records with the same ids, and the demo seed and the pull job write the same history.
// No data access here except the lookups in BuiltinUsageFeed; the generators are pure.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProvisionedService, PulledCall, PulledTraffic, UsageFeed } from "./provisioning-module";

export type { PulledCall, PulledTraffic, UsageFeed } from "./provisioning-module";

const HOUR_MS = 3_600_000;
export const floorToHour = (d: Date) => new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);

/** FNV-1a: a stable 32-bit seed from text. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for demo data; never for anything secret. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (rand: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join("");

/** Calling codes the simulated switch knows, longest first so "+421" wins over "+42". */
const COUNTRIES = [
  { code: "+421", landline: ["2", "32", "33", "41", "55"], mobile: ["90", "91", "94"], landlineLen: 8, mobileLen: 7 },
  { code: "+420", landline: ["2", "5"], mobile: ["60", "73", "77"], landlineLen: 8, mobileLen: 7 },
  { code: "+84", landline: ["24", "28", "236"], mobile: ["90", "91", "98", "86"], landlineLen: 8, mobileLen: 7 },
  { code: "+36", landline: ["1"], mobile: ["20", "30", "70"], landlineLen: 7, mobileLen: 7 },
  { code: "+44", landline: ["20", "161"], mobile: ["7700"], landlineLen: 8, mobileLen: 6 },
  { code: "+49", landline: ["30", "89"], mobile: ["151", "170"], landlineLen: 8, mobileLen: 8 },
  { code: "+1", landline: ["212", "415"], mobile: ["646"], landlineLen: 7, mobileLen: 7 },
] as const;
type Country = (typeof COUNTRIES)[number];

/** Per-minute rates in minor units of each currency (billed per second). */
const RATES: Record<string, { landline: number; mobile: number; international: number }> = {
  EUR: { landline: 1.2, mobile: 4.5, international: 9 },
  USD: { landline: 1.3, mobile: 4.9, international: 10 },
  HUF: { landline: 550, mobile: 1_900, international: 3_900 },
  VND: { landline: 350, mobile: 1_150, international: 2_600 },
};

/** "+84 28 3823 4567" → "+842838234567" (what a switch writes in a CDR). */
export const normalizeNumber = (value: string) => value.replace(/[^\d+*#]/g, "");

function countryOf(number: string): Country {
  return COUNTRIES.find((c) => number.startsWith(c.code)) ?? COUNTRIES[2];
}

function randomNumber(rand: () => number, country: Country, mobile: boolean): string {
  const prefixes = mobile ? country.mobile : country.landline;
  const prefix = prefixes[Math.floor(rand() * prefixes.length)];
  return `${country.code}${prefix}${digits(rand, mobile ? country.mobileLen : country.landlineLen)}`;
}

export type CallProfile = {
  serviceId: string;
  /** The trunk's number (Service.label of a VoIP service), any spacing. */
  trunkNumber: string;
  currency: string;
  /** Channels of the trunk: busier trunks make more calls. */
  channels: number;
  /** The customer's offset from UTC in hours, for office hours. */
  utcOffsetHours: number;
};

/** Calls the switch recorded in one hour (deterministic per service and hour). */
export function simulatedCallsInHour(profile: CallProfile, hour: Date): PulledCall[] {
  const start = floorToHour(hour).getTime();
  const rand = generator(hash32(`${profile.serviceId}|calls|${start}`));
  const local = new Date(start + profile.utcOffsetHours * HOUR_MS);
  const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
  const h = local.getUTCHours();
  const office = weekday && h >= 8 && h < 18;
  const lunch = h === 12;
  const mean = (office ? (lunch ? 0.35 : 0.7) : weekday && h >= 7 && h < 21 ? 0.15 : 0.04) * profile.channels;
  // Poisson count by inversion (mean is small).
  let count = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = rand();
  while (u > cumulative && count < 200) {
    count++;
    p *= mean / count;
    cumulative += p;
  }

  const trunk = normalizeNumber(profile.trunkNumber);
  const home = countryOf(trunk);
  const rates = RATES[profile.currency] ?? RATES.EUR;
  const calls: PulledCall[] = [];
  for (let i = 0; i < count; i++) {
    const outbound = rand() < 0.58;
    const international = rand() < 0.12;
    const mobile = rand() < 0.45;
    const abroad = COUNTRIES.filter((c) => c.code !== home.code);
    const other = randomNumber(rand, international ? abroad[Math.floor(rand() * abroad.length)] : home, mobile);
    // A fifth of the calls are not answered (0 s); most answered ones are a few minutes.
    const answered = rand() >= 0.2;
    const durationSec = answered ? Math.min(3_600, Math.max(4, Math.round(-Math.log(1 - rand()) * (rand() < 0.3 ? 40 : 210)))) : 0;
    const extension = String(10 + Math.floor(rand() * 40));
    const rate = international ? rates.international : mobile ? rates.mobile : rates.landline;
    const costMinor = outbound ? BigInt(Math.round((rate * durationSec) / 60)) : 0n;
    calls.push({
      externalId: `sw-${start / 1000}-${String(i).padStart(3, "0")}`,
      startedAt: new Date(start + Math.floor(rand() * HOUR_MS)),
      fromNumber: outbound ? `${trunk}${extension}` : other,
      toNumber: outbound ? other : `${trunk}${extension}`,
      direction: outbound ? "outbound" : "inbound",
      durationSec,
      costMinor,
      currency: profile.currency,
    });
  }
  return calls.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

/** Every call in the whole hours of [since, until). */
export function simulatedCalls(profile: CallProfile, since: Date, until: Date): PulledCall[] {
  const out: PulledCall[] = [];
  for (let t = floorToHour(since).getTime(); t + HOUR_MS <= until.getTime(); t += HOUR_MS) out.push(...simulatedCallsInHour(profile, new Date(t)));
  return out;
}

export type TrafficProfile = { serviceId: string; utcOffsetHours: number };

/**
 * One address's counters for one hour: a server that mostly sends (out ≈ 4 × in), busiest in the
 * local evening, quieter at weekends, growing slowly over the year, with noise and the odd burst.
 */
export function simulatedTrafficInHour(profile: TrafficProfile, address: string, index: number, hour: Date): PulledTraffic {
  const start = floorToHour(hour).getTime();
  const rand = generator(hash32(`${profile.serviceId}|${address}|${start}`));
  const local = new Date(start + profile.utcOffsetHours * HOUR_MS);
  const h = local.getUTCHours();
  const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
  const diurnal = 0.55 + 0.45 * Math.sin(((h - 14) / 24) * 2 * Math.PI); // lowest ~08:00, highest ~20:00
  const growth = 1 + ((start / HOUR_MS / 24) % 3650) / 3650; // ~+10% a year, stable across calls
  const noise = 0.8 + rand() * 0.4;
  const burst = rand() < 0.01 ? 3 + rand() * 4 : 1;
  // The first (IPv4) address carries most; an IPv6 address about a quarter of it.
  const scale = (address.includes(":") ? 0.25 : 1) / (1 + index * 0.6);
  const outMbps = 14 * diurnal * (weekend ? 0.7 : 1) * growth * noise * burst * scale;
  const outBytes = BigInt(Math.round((outMbps * 1e6 * 3600) / 8));
  const inBytes = BigInt(Math.round(Number(outBytes) * (0.2 + rand() * 0.1)));
  return { address, hour: new Date(start), inBytes, outBytes };
}

/** Every address's counters in the whole hours of [since, until). */
export function simulatedTraffic(profile: TrafficProfile, addresses: readonly string[], since: Date, until: Date): PulledTraffic[] {
  const out: PulledTraffic[] = [];
  for (const [index, address] of addresses.entries()) {
    for (let t = floorToHour(since).getTime(); t + HOUR_MS <= until.getTime(); t += HOUR_MS) out.push(simulatedTrafficInHour(profile, address, index, new Date(t)));
  }
  return out;
}

/** Office hours of the simulated customers: their country's offset (no DST: demo data). */
const UTC_OFFSETS: Record<string, number> = { VN: 7, HU: 1, SK: 1, CZ: 1, DE: 1, GB: 0, US: -5 };

/** The simulated switch and router need the trunk's number, the customer's currency and country. */
export async function callProfileOf(client: Prisma.TransactionClient, serviceId: string): Promise<CallProfile | null> {
  const service = await client.service.findUnique({ where: { id: serviceId }, select: { label: true, name: true, customer: { select: { currency: true, country: true, phone: true } } } });
  if (!service) return null;
  const channels = Number(/\((\d+) channels?\)/i.exec(service.name)?.[1] ?? 4);
  return {
    serviceId,
    trunkNumber: service.label && /^\+?[\d\s]+$/.test(service.label) ? service.label : (service.customer.phone ?? "+84 28 0000 0000"),
    currency: service.customer.currency,
    channels,
    utcOffsetHours: UTC_OFFSETS[service.customer.country] ?? 0,
  };
}

export async function trafficProfileOf(client: Prisma.TransactionClient, serviceId: string): Promise<TrafficProfile | null> {
  const service = await client.service.findUnique({ where: { id: serviceId }, select: { customer: { select: { country: true } } } });
  return service ? { serviceId, utcOffsetHours: UTC_OFFSETS[service.customer.country] ?? 0 } : null;
}

/** The built-in module's feed: reads the profile from Postgres, generates the records. */
export class BuiltinUsageFeed implements UsageFeed {
  constructor(private readonly client: Prisma.TransactionClient) {}

  async callRecords(service: ProvisionedService, since: Date, until: Date): Promise<PulledCall[]> {
    const profile = await callProfileOf(this.client, service.id);
    return profile ? simulatedCalls(profile, since, until) : [];
  }

  async trafficSamples(service: ProvisionedService, addresses: readonly string[], since: Date, until: Date): Promise<PulledTraffic[]> {
    const profile = await trafficProfileOf(this.client, service.id);
    return profile ? simulatedTraffic(profile, addresses, since, until) : [];
  }
}
