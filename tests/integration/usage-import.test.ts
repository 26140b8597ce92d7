// The staff usage import: call records for a VoIP service and hourly traffic for a housing
// service; every bad row is reported with its line and nothing is imported; importing the same
// file again adds nothing; only staff with staff.services; audited on the customer.
import { db } from "@/lib/db";
import type { StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { UsageImportError, getUsageImportService, importUsageCsv, searchUsageImportServices } from "@/lib/services/usage-import";
import { MAX_USAGE_IMPORT_ROWS } from "@/lib/services/usage-schemas";
import { staffActorFor } from "@/tests/helpers/actors";
import { createCustomer, createService, createUser, unique } from "@/tests/helpers/factories";

const NOW = new Date("2036-12-02T10:00:00Z");

let admin: StaffActor;
let agent: StaffActor;
let customerId: string;
let voipId: string;
let housingId: string;
let address: string;

const CALLS = [
  "external_id,started_at,from,to,direction,duration_seconds,cost,currency",
  "sw-1,2036-11-23T14:05:09+07:00,+84 28 3823 4567,+84912345678,outbound,125,0.09,EUR",
  'sw-2,2036-11-23T07:10:00Z,"+84 90 111 2222",+842838234567,inbound,30,0,EUR',
  "sw-3,2036-11-24 08:00:00+0700,+842838234567,+3612345678,out,0,0,HUF",
].join("\r\n");

beforeAll(async () => {
  admin = await staffActorFor((await createUser(db, { staffRole: "administrator" })).id);
  agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
  const customer = await createCustomer(db, { name: unique("Import Co") });
  customerId = customer.id;
  voipId = (await createService(db, customerId, { kind: "voip", name: "VoIP Trunk (4 channels)", label: "+84 28 3823 4567" })).id;
  housingId = (await createService(db, customerId, { kind: "housing", name: "Server Housing 2U" })).id;
  address = `198.19.${Number.parseInt(unique("").slice(1, 5), 16) % 250}.20`;
  await db.serviceIpAddress.create({ data: { serviceId: housingId, address } });
});

describe("importUsageCsv: calls", () => {
  it("imports every row, and the same file again adds nothing", async () => {
    const first = await importUsageCsv(admin, { serviceId: voipId, kind: "calls", csv: CALLS }, { now: NOW });
    expect(first).toEqual({ ok: true, kind: "calls", rows: 3, inserted: 3, duplicates: 0 });
    const rows = await db.callRecord.findMany({ where: { serviceId: voipId }, orderBy: { externalId: "asc" } });
    expect(rows.map((r) => [r.externalId, r.startedAt.toISOString(), r.fromNumber, r.toNumber, r.direction, r.durationSec, r.costMinor, r.currency])).toEqual([
      ["sw-1", "2036-11-23T07:05:09.000Z", "+842838234567", "+84912345678", "outbound", 125, 9n, "EUR"],
      ["sw-2", "2036-11-23T07:10:00.000Z", "+84901112222", "+842838234567", "inbound", 30, 0n, "EUR"],
      ["sw-3", "2036-11-24T01:00:00.000Z", "+842838234567", "+3612345678", "outbound", 0, 0n, "HUF"],
    ]);
    const again = await importUsageCsv(admin, { serviceId: voipId, kind: "calls", csv: CALLS }, { now: NOW });
    expect(again).toEqual({ ok: true, kind: "calls", rows: 3, inserted: 0, duplicates: 3 });
    expect(await db.callRecord.count({ where: { serviceId: voipId } })).toBe(3);
    // A file with one new row among known ones adds just that row.
    const more = `${CALLS}\r\nsw-4,2036-11-25T09:00:00Z,+842838234567,+84912345678,outbound,60,0.05,EUR`;
    expect(await importUsageCsv(admin, { serviceId: voipId, kind: "calls", csv: more }, { now: NOW })).toMatchObject({ inserted: 1, duplicates: 3 });
    const audits = await db.auditEvent.findMany({ where: { action: "services.usage.imported", targetId: voipId }, orderBy: { createdAt: "asc" } });
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ customerId, actorUserId: admin.userId, data: { kind: "calls", rows: 3, inserted: 3, duplicates: 0 } });
  });

  it("reports every bad row with its line and column, and imports nothing", async () => {
    const csv = [
      "currency;cost;duration_seconds;direction;to;from;started_at;external_id",
      "EUR;0.10;60;outbound;+84912345678;+842838234567;2036-11-26T10:00:00Z;ok-1",
      "EUR;0.10;60;sideways;+84912345678;+842838234567;2036-11-26 10:00;bad-2",
      "XYZ;1,5;-3;inbound;call me;+842838234567;2036-02-30T10:00:00Z;",
      "EUR;0.101;60;inbound;+84912345678;+842838234567;2037-01-01T00:00:00Z;bad-4",
      "EUR;0.10",
    ].join("\n");
    const result = await importUsageCsv(admin, { serviceId: voipId, kind: "calls", csv }, { now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.code, e.column ?? null])).toEqual([
      [3, "timestamp", "started_at"],
      [3, "direction", "direction"],
      [4, "required", "external_id"],
      [4, "timestamp", "started_at"],
      [4, "number", "to"],
      [4, "duration", "duration_seconds"],
      [4, "currency", "currency"],
      [5, "future", "started_at"],
      [5, "amount", "cost"],
      [6, "cellCount", null],
    ]);
    expect(await db.callRecord.count({ where: { serviceId: voipId, externalId: "ok-1" } })).toBe(0);
  });

  it("refuses a file without the columns, an empty one, and one with too many rows", async () => {
    const missing = await importUsageCsv(admin, { serviceId: voipId, kind: "calls", csv: "external_id,started_at,from,to\nsw-9,2036-11-23T14:05:09Z,1,2" }, { now: NOW });
    expect(missing).toMatchObject({ ok: false, errors: [{ line: 1, code: "missingColumn", column: "direction" }, { code: "missingColumn", column: "duration_seconds" }, { code: "missingColumn", column: "cost" }, { code: "missingColumn", column: "currency" }] });
    expect(await importUsageCsv(admin, { serviceId: voipId, kind: "calls", csv: "external_id,started_at,from,to,direction,duration_seconds,cost,currency\n" }, { now: NOW })).toMatchObject({ ok: false, errors: [{ code: "empty" }] });
    const big = ["external_id,started_at,from,to,direction,duration_seconds,cost,currency", ...Array.from({ length: MAX_USAGE_IMPORT_ROWS + 1 }, (_, i) => `b${i},2036-11-01T00:00:00Z,1,2,in,1,0,EUR`)].join("\n");
    expect(await importUsageCsv(admin, { serviceId: voipId, kind: "calls", csv: big }, { now: NOW })).toMatchObject({ ok: false, errors: [{ code: "tooManyRows", line: MAX_USAGE_IMPORT_ROWS + 2 }] });
  });

  it("refuses calls for a service that is not VoIP, and an unknown service", async () => {
    await expect(importUsageCsv(admin, { serviceId: housingId, kind: "calls", csv: CALLS }, { now: NOW })).rejects.toMatchObject({ key: "errors.notVoip" });
    await expect(importUsageCsv(admin, { serviceId: "00000000-0000-4000-8000-000000000000", kind: "calls", csv: CALLS }, { now: NOW })).rejects.toBeInstanceOf(UsageImportError);
  });
});

describe("importUsageCsv: traffic", () => {
  const csv = () => ["address,hour,in_bytes,out_bytes", `${address},2036-11-23T14:00:00Z,512000000,2048000000`, `${address},2036-11-23T16:00:00+01:00,1,2`].join("\n");

  it("imports hourly counters of the service's addresses, once", async () => {
    expect(await importUsageCsv(admin, { serviceId: housingId, kind: "traffic", csv: csv() }, { now: NOW })).toEqual({ ok: true, kind: "traffic", rows: 2, inserted: 2, duplicates: 0 });
    expect(await importUsageCsv(admin, { serviceId: housingId, kind: "traffic", csv: csv() }, { now: NOW })).toMatchObject({ ok: true, inserted: 0, duplicates: 2 });
    const rows = await db.trafficSample.findMany({ where: { serviceId: housingId }, orderBy: { hour: "asc" } });
    expect(rows.map((r) => [r.address, r.hour.toISOString(), r.inBytes, r.outBytes])).toEqual([
      [address, "2036-11-23T14:00:00.000Z", 512000000n, 2048000000n],
      [address, "2036-11-23T15:00:00.000Z", 1n, 2n],
    ]);
  });

  it("refuses another service's address, a time that is not on the hour and bad byte counts", async () => {
    const bad = ["address,hour,in_bytes,out_bytes", `203.0.113.250,2036-11-23T14:00:00Z,1,1`, `${address},2036-11-23T14:30:00Z,1,1`, `${address},2036-11-23T15:00:00Z,-1,1.5`].join("\n");
    const result = await importUsageCsv(admin, { serviceId: housingId, kind: "traffic", csv: bad }, { now: NOW });
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { line: 2, code: "address", column: "address" },
        { line: 3, code: "notOnHour", column: "hour" },
        { line: 4, code: "bytes", column: "in_bytes" },
        { line: 4, code: "bytes", column: "out_bytes" },
      ],
    });
    await expect(importUsageCsv(admin, { serviceId: voipId, kind: "traffic", csv: csv() }, { now: NOW })).rejects.toMatchObject({ key: "errors.notHousing" });
  });
});

describe("who may import", () => {
  it("needs staff.services", async () => {
    await expect(importUsageCsv(agent, { serviceId: voipId, kind: "calls", csv: CALLS }, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(searchUsageImportServices(agent, "")).rejects.toBeInstanceOf(PermissionDenied);
  });

  it("finds VoIP and housing services by customer or name, never other kinds", async () => {
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    const found = await searchUsageImportServices(admin, customer.name);
    expect(found.map((s) => s.id).sort()).toEqual([voipId, housingId].sort());
    expect((await getUsageImportService(admin, housingId))!.addresses).toEqual([address]);
  });
});
