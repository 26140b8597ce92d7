// VoIP call records: date filters are the user's calendar days, direction filter, keyset pages
// forwards and back, totals per currency over the whole filter, the CSV stream, and who may see
// them (another customer's service, a service of another kind, a contact without usage.voip).
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { CALLS_CSV_HEADER, callRecordsCsv, listCallRecords } from "@/lib/services/calls";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createService, createUser } from "@/tests/helpers/factories";

// Calls of November 2036; "now" is early December in Ho Chi Minh City (UTC+7).
const NOW = new Date("2036-12-02T03:00:00Z");

let owner: CustomerActor;
let ownerUtc: CustomerActor;
let tech: CustomerActor;
let billing: CustomerActor;
let otherOwner: CustomerActor;
let voipId: string;
let hostingId: string;
let emptyVoipId: string;

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

beforeAll(async () => {
  const customer = await createCustomer(db, { currency: "EUR", country: "VN" });
  const ownerUser = await createUser(db, { timeZone: "Asia/Ho_Chi_Minh" });
  const ownerUtcUser = await createUser(db, { timeZone: "UTC" });
  const techUser = await createUser(db, { timeZone: "Asia/Ho_Chi_Minh" });
  const billingUser = await createUser(db);
  await addMember(db, ownerUser.id, customer.id, { preset: "owner" });
  await addMember(db, ownerUtcUser.id, customer.id, { preset: "owner" });
  await addMember(db, techUser.id, customer.id, { preset: "technical" });
  await addMember(db, billingUser.id, customer.id, { preset: "billing" });
  owner = await customerActorFor(ownerUser.id, customer.id);
  ownerUtc = await customerActorFor(ownerUtcUser.id, customer.id);
  tech = await customerActorFor(techUser.id, customer.id);
  billing = await customerActorFor(billingUser.id, customer.id);
  const other = await createCustomer(db);
  const otherUser = await createUser(db);
  await addMember(db, otherUser.id, other.id, { preset: "owner" });
  otherOwner = await customerActorFor(otherUser.id, other.id);

  voipId = (await createService(db, customer.id, { kind: "voip", name: "VoIP Trunk (4 channels)", label: "+84 28 3823 4567" })).id;
  emptyVoipId = (await createService(db, customer.id, { kind: "voip", name: "VoIP Trunk (2 channels)" })).id;
  hostingId = (await createService(db, customer.id, { kind: "hosting" })).id;

  // 120 calls on 2036-11-10 (local), one every 5 minutes from 08:00 local (01:00 UTC): even ones
  // outbound at 7 cents, odd ones inbound and free; two calls on the 11th in HUF; one call at
  // 23:30 local on the 9th (16:30 UTC on the 9th) and one at 00:30 local on the 12th (17:30 UTC on the 11th).
  const base = Date.UTC(2036, 10, 10, 1, 0, 0);
  const rows = Array.from({ length: 120 }, (_, i) => ({
    serviceId: voipId,
    externalId: `c-${i}`,
    startedAt: new Date(base + i * 5 * 60_000),
    fromNumber: i % 2 === 0 ? "+842838234567" : "+84901234567",
    toNumber: i % 2 === 0 ? "+84907654321" : "+842838234567",
    direction: (i % 2 === 0 ? "outbound" : "inbound") as "outbound" | "inbound",
    durationSec: 60 + i,
    costMinor: i % 2 === 0 ? 7n : 0n,
    currency: "EUR",
  }));
  rows.push(
    { serviceId: voipId, externalId: "huf-1", startedAt: new Date(Date.UTC(2036, 10, 11, 3)), fromNumber: "+842838234567", toNumber: "+3612345678", direction: "outbound", durationSec: 30, costMinor: 25_000n, currency: "HUF" },
    { serviceId: voipId, externalId: "huf-2", startedAt: new Date(Date.UTC(2036, 10, 11, 4)), fromNumber: "+842838234567", toNumber: "+3612345679", direction: "outbound", durationSec: 90, costMinor: 50_000n, currency: "HUF" },
    { serviceId: voipId, externalId: "edge-9th", startedAt: new Date(Date.UTC(2036, 10, 9, 16, 30)), fromNumber: "+84901111111", toNumber: "+842838234567", direction: "inbound", durationSec: 10, costMinor: 0n, currency: "EUR" },
    { serviceId: voipId, externalId: "edge-12th", startedAt: new Date(Date.UTC(2036, 10, 11, 17, 30)), fromNumber: "+84902222222", toNumber: "+842838234567", direction: "inbound", durationSec: 20, costMinor: 0n, currency: "EUR" },
  );
  await db.callRecord.createMany({ data: rows });
});

describe("listCallRecords", () => {
  it("filters by the user's calendar days: the same instant belongs to another day in another time zone", async () => {
    const local = await listCallRecords(owner, voipId, { from: "2036-11-10", to: "2036-11-11" }, { now: NOW });
    // In Ho Chi Minh City: the 120 calls of the 10th and the two HUF calls of the 11th; the 23:30 call is on the 9th, the 00:30 one on the 12th.
    expect(local!.totals.count).toBe(122);
    expect(local!.timeZone).toBe("Asia/Ho_Chi_Minh");
    const utc = await listCallRecords(ownerUtc, voipId, { from: "2036-11-10", to: "2036-11-11" }, { now: NOW });
    // In UTC the 00:30 local call (17:30 UTC on the 11th) is inside, the 23:30 local call (16:30 UTC on the 9th) is not.
    expect(utc!.totals.count).toBe(123);
    const ninth = await listCallRecords(owner, voipId, { from: "2036-11-09", to: "2036-11-09" }, { now: NOW });
    expect(ninth!.items.map((c) => c.fromNumber)).toEqual(["+84901111111"]);
  });

  it("adds up count, talk time and cost per currency over the whole filter, not only the page", async () => {
    const page = await listCallRecords(owner, voipId, { from: "2036-11-10", to: "2036-11-11" }, { now: NOW });
    expect(page!.items).toHaveLength(50);
    const eurDuration = Array.from({ length: 120 }, (_, i) => 60 + i).reduce((a, b) => a + b, 0);
    expect(page!.totals.durationSec).toBe(eurDuration + 30 + 90);
    expect(page!.totals.costs).toEqual([
      { currency: "EUR", costMinor: 60n * 7n, count: 120 },
      { currency: "HUF", costMinor: 75_000n, count: 2 },
    ]);
  });

  it("filters by direction", async () => {
    const inbound = await listCallRecords(owner, voipId, { from: "2036-11-10", to: "2036-11-10", direction: "inbound" }, { now: NOW });
    expect(inbound!.totals.count).toBe(60);
    expect(inbound!.items.every((c) => c.direction === "inbound")).toBe(true);
    expect(inbound!.totals.costs).toEqual([{ currency: "EUR", costMinor: 0n, count: 60 }]);
    const outbound = await listCallRecords(owner, voipId, { from: "2036-11-10", to: "2036-11-11", direction: "outbound" }, { now: NOW });
    expect(outbound!.totals.count).toBe(62);
  });

  it("pages by keyset: newest first, older pages continue exactly, newer pages come back to the same rows", async () => {
    const filter = { from: "2036-11-10", to: "2036-11-10" };
    const first = await listCallRecords(owner, voipId, filter, { now: NOW });
    expect(first!.newerCursor).toBeNull();
    expect(first!.items[0].startedAt.getTime()).toBeGreaterThan(first!.items[49].startedAt.getTime());
    const second = await listCallRecords(owner, voipId, { ...filter, older: first!.olderCursor! }, { now: NOW });
    const third = await listCallRecords(owner, voipId, { ...filter, older: second!.olderCursor! }, { now: NOW });
    expect(third!.items).toHaveLength(20);
    expect(third!.olderCursor).toBeNull();
    const ids = [...first!.items, ...second!.items, ...third!.items].map((c) => c.id);
    expect(new Set(ids).size).toBe(120);
    // Back from the third page: the second page again, then the first (which has no newer page).
    const back = await listCallRecords(owner, voipId, { ...filter, newer: third!.newerCursor! }, { now: NOW });
    expect(back!.items.map((c) => c.id)).toEqual(second!.items.map((c) => c.id));
    const backAgain = await listCallRecords(owner, voipId, { ...filter, newer: back!.newerCursor! }, { now: NOW });
    expect(backAgain!.items.map((c) => c.id)).toEqual(first!.items.map((c) => c.id));
    expect(backAgain!.newerCursor).toBeNull();
    expect(backAgain!.olderCursor).not.toBeNull();
  });

  it("defaults to this month so far, swaps reversed days, and ignores malformed parameters", async () => {
    const november = new Date("2036-11-20T05:00:00Z");
    const page = await listCallRecords(owner, voipId, { from: "nonsense", to: "2036-02-30", direction: "sideways" as never, older: "x_y" }, { now: november });
    expect(page!.filter).toEqual({ from: "2036-11-01", to: "2036-11-20", direction: "all" });
    expect(page!.totals.count).toBe(124);
    const swapped = await listCallRecords(owner, voipId, { from: "2036-11-11", to: "2036-11-10" }, { now: NOW });
    expect(swapped!.filter).toMatchObject({ from: "2036-11-10", to: "2036-11-11" });
    const empty = await listCallRecords(owner, emptyVoipId, {}, { now: NOW });
    expect(empty!.items).toEqual([]);
    expect(empty!.totals).toEqual({ count: 0, durationSec: 0, costs: [] });
  });

  it("is null for another customer's service, a service that is not VoIP and a malformed id; a contact without usage.voip is refused", async () => {
    expect(await listCallRecords(otherOwner, voipId, {}, { now: NOW })).toBeNull();
    expect(await listCallRecords(owner, hostingId, {}, { now: NOW })).toBeNull();
    expect(await listCallRecords(owner, "not-a-uuid", {}, { now: NOW })).toBeNull();
    expect(await listCallRecords(tech, voipId, { from: "2036-11-10", to: "2036-11-10" }, { now: NOW })).not.toBeNull();
    await expect(listCallRecords(billing, voipId, {}, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
  });
});

describe("callRecordsCsv", () => {
  it("streams the filter's calls oldest first with local times, decimal costs and defused cells", async () => {
    await db.callRecord.create({
      data: { serviceId: voipId, externalId: "formula", startedAt: new Date(Date.UTC(2036, 10, 12, 2)), fromNumber: "=HYPERLINK(1)", toNumber: "+842838234567", direction: "inbound", durationSec: 5, costMinor: 0n, currency: "EUR" },
    });
    const csv = await callRecordsCsv(owner, voipId, { from: "2036-11-11", to: "2036-11-12" }, { now: NOW });
    expect(csv!.filename).toBe("calls-84-28-3823-4567-2036-11-11-2036-11-12.csv");
    const lines = (await readAll(csv!.stream)).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(CALLS_CSV_HEADER.join(","));
    expect(lines.slice(1)).toEqual([
      "2036-11-11 10:00:00,Asia/Ho_Chi_Minh,+842838234567,+3612345678,outbound,30,250.00,HUF",
      "2036-11-11 11:00:00,Asia/Ho_Chi_Minh,+842838234567,+3612345679,outbound,90,500.00,HUF",
      "2036-11-12 00:30:00,Asia/Ho_Chi_Minh,+84902222222,+842838234567,inbound,20,0.00,EUR",
      "2036-11-12 09:00:00,Asia/Ho_Chi_Minh,'=HYPERLINK(1),+842838234567,inbound,5,0.00,EUR",
    ]);
  });

  it("streams every row of a large filter across batches, in order", async () => {
    const csv = await callRecordsCsv(owner, voipId, { from: "2036-11-01", to: "2036-11-30", direction: "outbound" }, { now: NOW, batchSize: 7 });
    const lines = (await readAll(csv!.stream)).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(1 + 62);
    const times = lines.slice(1).map((l) => l.split(",")[0]);
    expect([...times].sort()).toEqual(times);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it("is null like the list", async () => {
    expect(await callRecordsCsv(otherOwner, voipId, {}, { now: NOW })).toBeNull();
    expect(await callRecordsCsv(owner, hostingId, {}, { now: NOW })).toBeNull();
    await expect(callRecordsCsv(billing, voipId, {}, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
  });
});
