// PowerDNS end to end (issue 6): a real pdns_server on loopback, a zone created and edited through
// Portico's PowerDNS backend, the answers checked with dig. A save is one PATCH: a change PowerDNS
// refuses leaves the zone as it was. Needs Debian's pdns-server, pdns-backend-sqlite3, sqlite3 and
// dnsutils (.ci/run installs them); without them this file fails, it is never skipped.
import type { DnsRecord } from "@/lib/dns/records";
import { DnsBackendError } from "@/lib/integrations/dns/dns-backend";
import { PowerDnsBackend, unquoteTxt } from "@/lib/integrations/dns/powerdns";
import { type RunningPowerDns, dig, startPowerDns } from "@/tests/helpers/powerdns";

const ZONE = "portico-test.example";
let pdns: RunningPowerDns;
let backend: PowerDnsBackend;

beforeAll(async () => {
  pdns = await startPowerDns();
  backend = new PowerDnsBackend({ apiUrl: pdns.apiUrl, apiKey: pdns.apiKey });
}, 30_000);

afterAll(async () => {
  await pdns?.stop();
});

const record = (r: Partial<DnsRecord> & Pick<DnsRecord, "type" | "content">): DnsRecord => ({ name: "@", ttl: 300, priority: null, ...r });
const LONG_TXT = `v=DKIM1; k=rsa; p=${"A".repeat(400)}`;

const RECORDS: DnsRecord[] = [
  record({ type: "A", content: "192.0.2.10" }),
  record({ type: "AAAA", content: "2001:db8::10" }),
  record({ name: "www", type: "CNAME", content: "portico-test.example." }),
  record({ name: "mail", type: "A", content: "192.0.2.25" }),
  record({ type: "MX", content: "mail", priority: 10 }),
  record({ type: "TXT", content: "v=spf1 mx -all" }),
  record({ name: "sel._domainkey", type: "TXT", content: LONG_TXT }),
  record({ name: "_sip._tcp", type: "SRV", content: "5 5060 mail.portico-test.example.", priority: 10 }),
  record({ type: "CAA", content: '0 issue "letsencrypt.org"' }),
];

describe("PowerDNS backend", () => {
  it("creates the zone with the provider's name servers, saves records, and dig sees them", async () => {
    await backend.ensureZone(ZONE, ["ns1.portico.test", "ns2.portico.test"]);
    await backend.ensureZone(ZONE, ["ns1.portico.test", "ns2.portico.test"]);
    const before = (await backend.getZone(ZONE))!;
    expect(before.records).toEqual([]);
    const { serial } = await backend.replaceRecords(ZONE, RECORDS);
    expect(serial).toBeGreaterThan(before.serial);

    expect(dig(pdns.dnsPort, ZONE, "NS")).toEqual(["ns1.portico.test.", "ns2.portico.test."]);
    expect(dig(pdns.dnsPort, ZONE, "A")).toEqual(["192.0.2.10"]);
    expect(dig(pdns.dnsPort, `www.${ZONE}`, "CNAME")).toEqual([`${ZONE}.`]);
    expect(dig(pdns.dnsPort, ZONE, "MX")).toEqual([`10 mail.${ZONE}.`]);
    expect(dig(pdns.dnsPort, ZONE, "CAA")).toEqual(['0 issue "letsencrypt.org"']);
    expect(dig(pdns.dnsPort, `_sip._tcp.${ZONE}`, "SRV")).toEqual([`10 5 5060 mail.${ZONE}.`]);
    expect(unquoteTxt(dig(pdns.dnsPort, `sel._domainkey.${ZONE}`, "TXT").join(" "))).toBe(LONG_TXT);

    // What Portico reads back is what it saved (targets absolute).
    const sort = (rs: DnsRecord[]) => [...rs].sort((a, b) => `${a.name}${a.type}${a.content}`.localeCompare(`${b.name}${b.type}${b.content}`));
    const read = (await backend.getZone(ZONE))!;
    expect(sort(read.records)).toEqual(sort(RECORDS.map((r) => (r.type === "MX" ? { ...r, content: `mail.${ZONE}.` } : r))));
    expect(read.serial).toBe(serial);
  });

  it("a save replaces the whole set: removed records disappear, the serial goes up", async () => {
    const { serial: first } = await backend.replaceRecords(ZONE, RECORDS);
    const { serial } = await backend.replaceRecords(ZONE, [record({ type: "A", content: "192.0.2.99", ttl: 600 }), record({ type: "MX", content: `mail.${ZONE}.`, priority: 20 }), record({ name: "mail", type: "A", content: "192.0.2.25" })]);
    expect(serial).toBeGreaterThan(first);
    expect(dig(pdns.dnsPort, ZONE, "A")).toEqual(["192.0.2.99"]);
    expect(dig(pdns.dnsPort, ZONE, "MX")).toEqual([`20 mail.${ZONE}.`]);
    expect(dig(pdns.dnsPort, ZONE, "AAAA")).toEqual([]);
    expect(dig(pdns.dnsPort, `www.${ZONE}`, "CNAME")).toEqual([]);
  });

  it("a change PowerDNS refuses changes nothing (one PATCH, all or nothing)", async () => {
    const before = (await backend.getZone(ZONE))!;
    // A CNAME beside other data at one name: PowerDNS refuses the whole PATCH.
    const bad = [...before.records, record({ name: "mail", type: "CNAME", content: `${ZONE}.` }), record({ name: "new", type: "A", content: "192.0.2.77" })];
    const error = await backend.replaceRecords(ZONE, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DnsBackendError);
    expect(error).toMatchObject({ code: "rejected" });
    expect(dig(pdns.dnsPort, `new.${ZONE}`, "A")).toEqual([]);
    expect((await backend.getZone(ZONE))!).toEqual(before);
  });

  it("reports an unreachable server as unavailable", async () => {
    const nowhere = new PowerDnsBackend({ apiUrl: "http://127.0.0.1:9", apiKey: "x", timeoutMs: 1_000 });
    await expect(nowhere.getZone(ZONE)).rejects.toMatchObject({ code: "unavailable" });
    const wrongKey = new PowerDnsBackend({ apiUrl: pdns.apiUrl, apiKey: "wrong" });
    await expect(wrongKey.replaceRecords(ZONE, [])).rejects.toBeInstanceOf(DnsBackendError);
  });
});
