// The zone editor's lib (lib/dns/zones.ts) on the built-in backend: the first save creates the
// zone, later saves replace it whole; invalid records and stale serials change nothing; dns.manage
// and the customer are checked; export and import round-trip; templates are valid records.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/dns-zones
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { BuiltinDnsBackend } from "@/lib/integrations/dns";
import { DNS_TEMPLATES, templateRecords } from "@/lib/dns/templates";
import { ZoneError, exportZone, getZone, previewZoneImport, saveZone, zoneSetProblems } from "@/lib/dns/zones";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createDomain, createUser, unique } from "@/tests/helpers/factories";

const backend = () => new BuiltinDnsBackend();
const opts = { backend };
let owner: CustomerActor;
let viewer: CustomerActor;
let other: CustomerActor;
let domainId: string;
let zone: string;

beforeAll(async () => {
  const customer = await createCustomer(db);
  const otherCustomer = await createCustomer(db);
  const [o, v, x] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
  await addMember(db, o.id, customer.id, { preset: "owner" });
  await addMember(db, v.id, customer.id, { preset: "technical", permissions: ["domains.view", "services.view"] });
  await addMember(db, x.id, otherCustomer.id, { preset: "owner" });
  [owner, viewer, other] = await Promise.all([customerActorFor(o.id, customer.id), customerActorFor(v.id, customer.id), customerActorFor(x.id, otherCustomer.id)]);
  zone = `${unique("zone").replace(/[^a-z0-9]/g, "")}.example`;
  domainId = (await createDomain(db, customer.id, { name: zone, status: "active" })).id;
});

afterAll(async () => {
  await db.$disconnect();
});

const A = (content: string, name = "@") => ({ name, type: "A" as const, ttl: 3600, content, priority: null });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof ZoneError ? e.key : e instanceof PermissionDenied ? "forbidden" : `unexpected: ${String(e)}`),
  );

describe("saveZone and getZone", () => {
  it("creates the zone on the first save, then replaces the whole set; stale serials are refused", async () => {
    expect(await getZone(owner, domainId, opts)).toMatchObject({ serial: "0", records: [], canEdit: true });
    const first = await saveZone(owner, { domainId, serial: "0", records: [A("192.0.2.1"), { name: "WWW", type: "CNAME", ttl: 3600, content: `${zone}.`, priority: "" }] }, {}, opts);
    expect(first).toMatchObject({ added: 2, removed: 0 });
    const view = await getZone(owner, domainId, opts);
    expect(view?.records).toEqual([A("192.0.2.1"), { name: "www", type: "CNAME", ttl: 3600, content: `${zone}.`, priority: null }]);
    expect(view?.serial).toBe(first.serial);

    // A save from a tab that loaded the zone before the first save is refused.
    expect(await refusal(saveZone(owner, { domainId, serial: "0", records: [A("192.0.2.9")] }, {}, opts))).toBe("errors.zoneChanged");
    const second = await saveZone(owner, { domainId, serial: first.serial, records: [A("192.0.2.2"), { name: "@", type: "MX", ttl: 3600, content: `mail.${zone}.`, priority: 10 }] }, {}, opts);
    expect(second).toMatchObject({ added: 2, removed: 2 });
    expect(BigInt(second.serial)).toBeGreaterThan(BigInt(first.serial));
    expect((await getZone(owner, domainId, opts))?.records.map((r) => r.type).sort()).toEqual(["A", "MX"]);
    expect(await db.auditEvent.count({ where: { targetId: domainId, action: "dns.zone.saved" } })).toBe(2);
  });

  it("refuses invalid records with their index and field, and changes nothing", async () => {
    const before = await getZone(owner, domainId, opts);
    const error = await saveZone(owner, { domainId, serial: before!.serial, records: [A("300.1.1.1"), { name: "www", type: "CNAME", ttl: 3600, content: "x.example.", priority: null }, A("192.0.2.5", "www")] }, {}, opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZoneError);
    expect((error as ZoneError).key).toBe("errors.invalidRecords");
    expect((error as ZoneError).problems.map((p) => `${p.index}:${p.problem.field}:${p.problem.key}`)).toEqual(["0:content:errors.ipv4", "1:type:errors.cnameExclusive"]);
    expect(await refusal(saveZone(owner, { domainId, serial: before!.serial, records: [{ ...A("192.0.2.1"), ttl: 5 }] }, {}, opts))).toBe("errors.ttl");
    expect(await getZone(owner, domainId, opts)).toEqual(before);
  });

  it("needs dns.manage to save and the customer's own domain to see", async () => {
    const view = await getZone(viewer, domainId, opts);
    expect(view).toMatchObject({ canEdit: false });
    await expect(saveZone(viewer, { domainId, serial: view!.serial, records: [] }, {}, opts)).rejects.toBeInstanceOf(PermissionDenied);
    expect(await getZone(other, domainId, opts)).toBeNull();
    expect(await refusal(saveZone(other, { domainId, serial: view!.serial, records: [] }, {}, opts))).toBe("errors.notFound");
    expect(await exportZone(other, domainId, opts)).toBeNull();
    expect(await previewZoneImport(other, domainId, "www IN A 192.0.2.1")).toBeNull();
  });
});

describe("import, export and templates", () => {
  it("exports the zone as a BIND file that imports to the same records", async () => {
    const view = (await getZone(owner, domainId, opts))!;
    const exported = (await exportZone(owner, domainId, { ...opts, now: new Date("2026-12-04T00:00:00Z") }))!;
    expect(exported.filename).toBe(`${zone}.zone`);
    expect(exported.text).toContain(`$ORIGIN ${zone}.`);
    const imported = (await previewZoneImport(owner, domainId, exported.text))!;
    expect(imported.problems).toEqual([]);
    expect(imported.recordProblems).toEqual([]);
    expect(imported.records.sort((a, b) => a.type.localeCompare(b.type))).toEqual(view.records.sort((a, b) => a.type.localeCompare(b.type)));
  });

  it("offers templates whose records pass the zone rules", () => {
    for (const template of DNS_TEMPLATES) expect([template, zoneSetProblems(zone, templateRecords(template, zone))]).toEqual([template, []]);
  });
});
