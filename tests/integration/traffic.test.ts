// Housing traffic: hourly samples per address summed into the user's days and months, the week
// and day ranges by hour, the 95th percentile, monthly totals, and who may see them.
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { getTrafficOverview } from "@/lib/services/traffic";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createService, createUser, unique } from "@/tests/helpers/factories";

const NOW = new Date("2036-12-02T10:30:00Z");
const H = 3_600_000;
const GB = 1_000_000_000n;

let owner: CustomerActor;
let ownerUtc: CustomerActor;
let billing: CustomerActor;
let otherOwner: CustomerActor;
let housingId: string;
let voipId: string;
let v4: string;
let v6: string;

beforeAll(async () => {
  const customer = await createCustomer(db, { country: "SK" });
  const ownerUser = await createUser(db, { timeZone: "Europe/Bratislava" });
  const utcUser = await createUser(db, { timeZone: "UTC" });
  const billingUser = await createUser(db);
  await addMember(db, ownerUser.id, customer.id, { preset: "owner" });
  await addMember(db, utcUser.id, customer.id, { preset: "owner" });
  await addMember(db, billingUser.id, customer.id, { preset: "billing" });
  owner = await customerActorFor(ownerUser.id, customer.id);
  ownerUtc = await customerActorFor(utcUser.id, customer.id);
  billing = await customerActorFor(billingUser.id, customer.id);
  const other = await createCustomer(db);
  const otherUser = await createUser(db);
  await addMember(db, otherUser.id, other.id, { preset: "owner" });
  otherOwner = await customerActorFor(otherUser.id, other.id);

  housingId = (await createService(db, customer.id, { kind: "housing", name: "Server Housing 1U" })).id;
  voipId = (await createService(db, customer.id, { kind: "voip" })).id;
  // Unique per worker database run: ServiceIpAddress.address is unique across services.
  const n = Number.parseInt(unique("").slice(1, 5), 16) % 250;
  v4 = `198.18.${n}.7`;
  v6 = `2001:db8:${n.toString(16)}::7`;
  await db.serviceIpAddress.createMany({ data: [{ serviceId: housingId, address: v4 }, { serviceId: housingId, address: v6 }] });

  // November 2036 (CET, UTC+1): v4 sends 1 GB out and 0.25 GB in every hour; v6 only on 2036-11-15.
  // Plus 23:00 UTC on 2036-10-31, which is already 1 November in Bratislava.
  const start = Date.UTC(2036, 9, 31, 23);
  const end = Date.UTC(2036, 10, 30, 23);
  const rows = [];
  for (let t = start; t < end; t += H) rows.push({ serviceId: housingId, address: v4, hour: new Date(t), inBytes: GB / 4n, outBytes: GB });
  for (let h = 0; h < 24; h++) rows.push({ serviceId: housingId, address: v6, hour: new Date(Date.UTC(2036, 10, 14, 23) + h * H), inBytes: GB, outBytes: 2n * GB });
  // December so far (until 10:00 UTC on the 2nd) for the current-month view.
  for (let t = end; t < Date.UTC(2036, 11, 2, 10); t += H) rows.push({ serviceId: housingId, address: v4, hour: new Date(t), inBytes: 1n, outBytes: 2n });
  await db.trafficSample.createMany({ data: rows });
});

describe("getTrafficOverview", () => {
  it("sums a month by the user's days and months; every day of the month is a point", async () => {
    const o = await getTrafficOverview(owner, housingId, { month: "2036-11" }, { now: NOW });
    expect(o!.month).toBe("2036-11");
    expect(o!.bucket).toBe("day");
    expect(o!.nextMonth).toBe("2036-12");
    expect(o!.previousMonth).toBe("2036-10");
    const ip4 = o!.addresses.find((a) => a.address === v4)!;
    // 30 days × 24 hours in Bratislava's November.
    expect(ip4.outBytes).toBe(720n * GB);
    expect(ip4.inBytes).toBe(180n * GB);
    expect(ip4.points).toHaveLength(30);
    expect(ip4.points[0]).toEqual({ bucket: "2036-11-01", inBytes: Number(6n * GB), outBytes: Number(24n * GB) });
    const ip6 = o!.addresses.find((a) => a.address === v6)!;
    expect(ip6.outBytes).toBe(48n * GB);
    expect(ip6.points.filter((p) => p.outBytes > 0).map((p) => p.bucket)).toEqual(["2036-11-15"]);
    // The same data in UTC: 1 November loses its first hour (it was 31 October there).
    const utc = await getTrafficOverview(ownerUtc, housingId, { month: "2036-11" }, { now: NOW });
    expect(utc!.addresses.find((a) => a.address === v4)!.outBytes).toBe(719n * GB + 2n);
  });

  it("gives the 95th percentile of the hourly rate in bits per second", async () => {
    const o = await getTrafficOverview(owner, housingId, { month: "2036-11" }, { now: NOW });
    // 1 GB an hour every hour → 8e9 bits / 3600 s.
    expect(o!.addresses.find((a) => a.address === v4)!.p95Bps).toBe(Math.round(8e9 / 3600));
  });

  it("shows the last day and week of a past month by hour", async () => {
    const day = await getTrafficOverview(owner, housingId, { month: "2036-11", range: "day" }, { now: NOW });
    expect(day!.bucket).toBe("hour");
    const points = day!.addresses.find((a) => a.address === v4)!.points;
    expect(points).toHaveLength(24);
    expect(points[0].bucket).toBe("2036-11-30T00:00");
    expect(points[23]).toEqual({ bucket: "2036-11-30T23:00", inBytes: Number(GB / 4n), outBytes: Number(GB) });
    const week = await getTrafficOverview(owner, housingId, { month: "2036-11", range: "week" }, { now: NOW });
    expect(week!.addresses[0].points).toHaveLength(7 * 24);
  });

  it("defaults to this month up to the current hour, and never shows a future month", async () => {
    const o = await getTrafficOverview(owner, housingId, { range: "day" }, { now: NOW });
    expect(o!.month).toBe("2036-12");
    expect(o!.nextMonth).toBeNull();
    const points = o!.addresses.find((a) => a.address === v4)!.points;
    // Up to 11:30 local: the last bucket is the hour in progress (11:00 local = 10:00 UTC, no sample yet).
    expect(points.at(-1)).toEqual({ bucket: "2036-12-02T11:00", inBytes: 0, outBytes: 0 });
    expect(points.at(-2)).toEqual({ bucket: "2036-12-02T10:00", inBytes: 1, outBytes: 2 });
    const future = await getTrafficOverview(owner, housingId, { month: "2037-05" }, { now: NOW });
    expect(future!.month).toBe("2036-12");
  });

  it("lists monthly totals per address for the last year, newest first", async () => {
    const o = await getTrafficOverview(owner, housingId, { month: "2036-12" }, { now: NOW });
    expect(o!.history.map((r) => [r.month, r.address])).toEqual([
      ["2036-12", v4],
      ["2036-11", v6],
      ["2036-11", v4],
    ].sort((a, b) => b[0].localeCompare(a[0]) || a[1].localeCompare(b[1])));
    expect(o!.history.find((r) => r.month === "2036-11" && r.address === v4)!.outBytes).toBe(720n * GB);
  });

  it("is null for another customer's service and a service that is not housing; a contact without usage.traffic is refused", async () => {
    expect(await getTrafficOverview(otherOwner, housingId, {}, { now: NOW })).toBeNull();
    expect(await getTrafficOverview(owner, voipId, {}, { now: NOW })).toBeNull();
    expect(await getTrafficOverview(owner, "x", {}, { now: NOW })).toBeNull();
    await expect(getTrafficOverview(billing, housingId, {}, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
  });
});
