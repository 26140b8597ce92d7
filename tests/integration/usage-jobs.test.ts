// The hourly usage pull (services.usage-pull): call records and traffic from the built-in module's
// simulated switch and router since the last stored point, today's disk/bandwidth sample from
// module.usage(); a second run stores nothing new; one failing module does not stop the others.
import { db } from "@/lib/db";
import { floorToHour, simulatedCalls } from "@/lib/integrations/provisioning/builtin-usage";
import { callProfileOf } from "@/lib/integrations/provisioning/builtin-usage";
import { pullUsage } from "@/lib/jobs/usage-jobs";
import { runUsagePull } from "@/lib/services/usage-pull";
import { createCustomer, createService, unique } from "@/tests/helpers/factories";

const NOW = new Date("2036-11-20T10:25:00Z");
const H = 3_600_000;
const DAY = 24 * H;
const quiet = { info() {}, warn() {}, error() {} };
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

let customerId: string;
let voipId: string;
let housingId: string;
let hostingId: string;
let bareHostingId: string;
let brokenHostingId: string;
let suspendedVoipId: string;
let addresses: string[];

beforeAll(async () => {
  customerId = (await createCustomer(db, { country: "VN", currency: "EUR" })).id;
  voipId = (await createService(db, customerId, { kind: "voip", name: "VoIP Trunk (10 channels)", label: "+84 28 3823 4567" })).id;
  suspendedVoipId = (await createService(db, customerId, { kind: "voip", name: "VoIP Trunk (10 channels)", status: "suspended" })).id;
  housingId = (await createService(db, customerId, { kind: "housing" })).id;
  const n = Number.parseInt(unique("").slice(1, 5), 16) % 250;
  addresses = [`198.18.${n}.30`, `198.18.${n}.31`];
  await db.serviceIpAddress.createMany({ data: addresses.map((address) => ({ serviceId: housingId, address })) });

  const server = await db.server.create({ data: { name: "Usage web", hostname: `${unique("usage")}.portico.test`, module: "builtin" } });
  hostingId = (await createService(db, customerId, { kind: "hosting" })).id;
  await db.service.update({ where: { id: hostingId }, data: { serverId: server.id } });
  const account = await db.panelAccount.create({ data: { serverId: server.id, serviceId: hostingId, username: unique("u").replace(/-/g, "").slice(0, 12), passwordHash: "x", packageName: "starter", domain: `${unique("site")}.test`, diskQuotaMb: 5_120, bandwidthQuotaMb: 100_000 } });
  await db.panelDatabase.create({ data: { accountId: account.id, serverId: server.id, name: unique("db").replace(/-/g, "_"), dbUser: unique("dbu").replace(/-/g, "_"), passwordHash: "x", sizeMb: 300 } });
  // Earlier days of November already sampled: 1,000 MB of the month's bandwidth.
  await db.usageSample.createMany({ data: [{ serviceId: hostingId, day: day("2036-11-18"), diskMb: 200, bandwidthMb: 400 }, { serviceId: hostingId, day: day("2036-11-19"), diskMb: 210, bandwidthMb: 600 }] });

  bareHostingId = (await createService(db, customerId, { kind: "hosting" })).id;
  const broken = await db.server.create({ data: { name: "Unknown module", hostname: `${unique("broken")}.portico.test`, module: "not-installed" } });
  brokenHostingId = (await createService(db, customerId, { kind: "hosting" })).id;
  await db.service.update({ where: { id: brokenHostingId }, data: { serverId: broken.id } });
});

const pull = (now: Date, serviceIds = [voipId, suspendedVoipId, housingId, hostingId, bareHostingId, brokenHostingId]) => runUsagePull({ now, serviceIds, log: quiet });

describe("runUsagePull", () => {
  it("first run: a week of calls and traffic in whole hours, today's hosting sample; services without a panel are skipped, a broken module is counted", async () => {
    const totals = await pull(NOW);
    expect(totals).toMatchObject({ services: 5, usageSamples: 1, skipped: 1, failed: 1 });
    const until = floorToHour(NOW);
    const since = new Date(until.getTime() - 7 * DAY);

    const calls = await db.callRecord.findMany({ where: { serviceId: voipId }, orderBy: { startedAt: "asc" } });
    const expected = simulatedCalls((await callProfileOf(db, voipId))!, since, until);
    expect(totals.callRecords).toBe(expected.length);
    expect(calls.length).toBe(expected.length);
    expect(calls.length).toBeGreaterThan(100);
    expect(calls[0].startedAt.getTime()).toBeGreaterThanOrEqual(since.getTime());
    expect(calls.at(-1)!.startedAt.getTime()).toBeLessThan(until.getTime());
    expect(calls.every((c) => c.currency === "EUR" && (c.direction === "outbound" ? c.fromNumber : c.toNumber).startsWith("+842838234567"))).toBe(true);
    expect(await db.callRecord.count({ where: { serviceId: suspendedVoipId } })).toBe(0);

    expect(totals.trafficSamples).toBe(7 * 24 * 2);
    const hours = await db.trafficSample.findMany({ where: { serviceId: housingId, address: addresses[0] }, orderBy: { hour: "asc" } });
    expect(hours[0].hour).toEqual(since);
    expect(hours.at(-1)!.hour).toEqual(new Date(until.getTime() - H));
    expect(hours.every((h) => h.outBytes > h.inBytes && h.inBytes > 0n)).toBe(true);

    // Disk is the panel's (64 MB base + the 300 MB database); today's bandwidth is the month's
    // total from the panel less what the earlier days already have (nothing new yet).
    expect(await db.usageSample.findUnique({ where: { serviceId_day: { serviceId: hostingId, day: day("2036-11-20") } } })).toMatchObject({ diskMb: 364, bandwidthMb: 0 });
  });

  it("a second run at the same time stores nothing new", async () => {
    const before = { calls: await db.callRecord.count(), traffic: await db.trafficSample.count(), usage: await db.usageSample.count() };
    const totals = await pull(NOW);
    expect(totals).toMatchObject({ callRecords: 0, trafficSamples: 0, usageSamples: 1 });
    expect({ calls: await db.callRecord.count(), traffic: await db.trafficSample.count(), usage: await db.usageSample.count() }).toEqual(before);
  });

  it("a later run continues from the last stored hour: only the new hours arrive", async () => {
    const later = new Date(NOW.getTime() + 3 * H);
    const callsBefore = await db.callRecord.count({ where: { serviceId: voipId } });
    const totals = await pull(later);
    const expectedNew = simulatedCalls((await callProfileOf(db, voipId))!, floorToHour(NOW), floorToHour(later)).length;
    expect(totals.callRecords).toBe(expectedNew);
    expect(await db.callRecord.count({ where: { serviceId: voipId } })).toBe(callsBefore + expectedNew);
    expect(totals.trafficSamples).toBe(3 * 2);
  });

  it("keeps today's bandwidth when the month's total grows through today's own row", async () => {
    await db.usageSample.update({ where: { serviceId_day: { serviceId: hostingId, day: day("2036-11-20") } }, data: { bandwidthMb: 250 } });
    await pull(NOW, [hostingId]);
    expect(await db.usageSample.findUnique({ where: { serviceId_day: { serviceId: hostingId, day: day("2036-11-20") } } })).toMatchObject({ diskMb: 364, bandwidthMb: 250 });
  });

  it("the job's handler runs the same pull over every active service", async () => {
    // Other files' services in this worker's database are pulled too; this file's have nothing new.
    const mine = async () => ({ calls: await db.callRecord.count({ where: { serviceId: voipId } }), traffic: await db.trafficSample.count({ where: { serviceId: housingId } }) });
    const before = await mine();
    const totals = await pullUsage(quiet, new Date(NOW.getTime() + 3 * H));
    expect(totals.services).toBeGreaterThanOrEqual(5);
    expect(totals.failed).toBeGreaterThanOrEqual(1);
    expect(await mine()).toEqual(before);
  });
});
