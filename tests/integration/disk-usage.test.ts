// Disk and bandwidth of a hosting service (lib/services/disk-usage.ts): the daily series of the
// chosen range, quota percentages from the panel account (or the product before it exists), this
// month's bandwidth, and nothing for another customer, another kind or a contact without services.view.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/disk-usage
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { diskUsageParamsSchema, getDiskUsage, quotaPercent } from "@/lib/services/disk-usage";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

const NOW = new Date("2031-03-20T10:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

let customerId: string;
let owner: CustomerActor;
let billingContact: CustomerActor;
let other: CustomerActor;
let serviceId: string;

beforeAll(async () => {
  customerId = (await createCustomer(db)).id;
  const otherId = (await createCustomer(db)).id;
  const [o, b, x] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
  await addMember(db, o.id, customerId, { preset: "owner" });
  await addMember(db, b.id, customerId, { preset: "billing" });
  await addMember(db, x.id, otherId, { preset: "owner" });
  [owner, billingContact, other] = await Promise.all([customerActorFor(o.id, customerId), customerActorFor(b.id, customerId), customerActorFor(x.id, otherId)]);
  const product = await db.product.create({ data: { slug: unique("usage"), kind: "hosting", name: "Usage test", diskQuotaMb: 10_000, bandwidthQuotaMb: 1_000 } });
  serviceId = (await db.service.create({ data: { customerId, kind: "hosting", name: "Usage test", status: "active", productId: product.id } })).id;
  // 120 days up to "today": disk grows 10 MB a day, 10 MB of traffic a day.
  const rows = Array.from({ length: 120 }, (_, i) => ({ serviceId, day: new Date(day("2031-03-20").getTime() - (119 - i) * 86_400_000), diskMb: 8_000 + i * 10, bandwidthMb: 10 }));
  await db.usageSample.createMany({ data: rows });
});

afterAll(async () => {
  await db.$disconnect();
});

describe("getDiskUsage", () => {
  it("gives the chosen range day by day, the latest disk use and this month's bandwidth against the quotas", async () => {
    const usage = await getDiskUsage(owner, serviceId, { days: "90" }, NOW);
    expect(usage?.days).toBe(90);
    expect(usage?.points).toHaveLength(90);
    expect(usage?.points[0]).toEqual({ day: "2030-12-21", diskMb: 8_000 + 30 * 10, bandwidthMb: 10 });
    expect(usage?.points.at(-1)).toEqual({ day: "2031-03-20", diskMb: 9_190, bandwidthMb: 10 });
    expect(usage?.disk).toEqual({ usedMb: 9_190, limitMb: 10_000, percent: 91.9 });
    // March 1–20: 20 days of 10 MB.
    expect(usage?.bandwidth).toEqual({ usedMb: 200, limitMb: 1_000, percent: 20 });
    expect(usage?.lastSampleDay).toBe("2031-03-20");
    expect((await getDiskUsage(owner, serviceId, {}, NOW))?.points).toHaveLength(30);
  });

  it("prefers the panel account's quotas, and has no percentage without a quota", async () => {
    const account = await db.panelAccount.create({
      data: { serviceId, serverId: (await db.server.create({ data: { name: "Usage", hostname: `${unique("u")}.portico.test` } })).id, username: unique("u").slice(0, 12).replace(/[^a-z0-9]/g, "a"), domain: `${unique("u")}.example`, passwordHash: "x", packageName: "p", diskQuotaMb: 20_000, bandwidthQuotaMb: null },
    });
    const usage = await getDiskUsage(owner, serviceId, {}, NOW);
    expect(usage?.disk).toEqual({ usedMb: 9_190, limitMb: 20_000, percent: 46 });
    expect(usage?.bandwidth).toEqual({ usedMb: 200, limitMb: null, percent: null });
    await db.panelAccount.delete({ where: { id: account.id } });
  });

  it("is null for another customer, another kind and a malformed id; refused without services.view", async () => {
    expect(await getDiskUsage(other, serviceId, {}, NOW)).toBeNull();
    expect(await getDiskUsage(owner, "not-a-uuid", {}, NOW)).toBeNull();
    const voip = await db.service.create({ data: { customerId, kind: "voip", name: "Trunk", status: "active" } });
    expect(await getDiskUsage(owner, voip.id, {}, NOW)).toBeNull();
    await expect(getDiskUsage(billingContact, serviceId, {}, NOW)).rejects.toBeInstanceOf(PermissionDenied);
  });

  it("accepts only the offered ranges, and rounds percentages to one decimal", () => {
    expect(diskUsageParamsSchema.parse({ days: "365" }).days).toBe(365);
    for (const bad of ["7", "abc", undefined, "-30"]) expect(diskUsageParamsSchema.parse({ days: bad }).days).toBe(30);
    expect(quotaPercent(1, 3)).toBe(33.3);
    expect(quotaPercent(5, null)).toBeNull();
    expect(quotaPercent(5, 0)).toBeNull();
  });
});
