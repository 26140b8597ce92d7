import type { DnsRecord } from "./records";
import { exportZoneFile, importZoneFile, parseTtl } from "./zone-file";

const ZONE = "example.com";

describe("importZoneFile", () => {
  it("reads a typical BIND file: $ORIGIN, $TTL, @, omitted owners, TTL units, class, comments, parentheses, quoted TXT", () => {
    const text = [
      "$ORIGIN example.com.",
      "$TTL 1h",
      "@   IN SOA ns1.example.com. hostmaster.example.com. ( 2026120401 ; serial",
      "        7200 3600 1209600 300 )",
      "@        IN  NS    ns1.provider.net.",
      "         IN  NS    ns2.provider.net.",
      "@        300 IN A  192.0.2.10 ; the web server",
      "www      IN  CNAME @",
      "mail     IN  A     192.0.2.25",
      "@        IN  MX    10 mail",
      "@        IN  TXT   \"v=spf1 mx -all\"",
      "_dmarc   3600 TXT  ( \"v=DMARC1; p=reject; \" \"rua=mailto:dmarc@example.com\" )",
      "_sip._tcp IN SRV   10 5 5060 sip.example.com.",
      "@        IN  CAA   0 issue \"letsencrypt.org\"",
      "$ORIGIN dev.example.com.",
      "api      IN  AAAA  2001:db8::42",
      "old      IN  HINFO \"PC\" \"Linux\"",
    ].join("\n");
    const result = importZoneFile(ZONE, text);
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([
      { line: 3, type: "SOA" },
      { line: 17, type: "HINFO" },
    ]);
    expect(result.records).toEqual([
      { name: "@", type: "NS", ttl: 3600, content: "ns1.provider.net.", priority: null },
      { name: "@", type: "NS", ttl: 3600, content: "ns2.provider.net.", priority: null },
      { name: "@", type: "A", ttl: 300, content: "192.0.2.10", priority: null },
      { name: "www", type: "CNAME", ttl: 3600, content: "example.com.", priority: null },
      { name: "mail", type: "A", ttl: 3600, content: "192.0.2.25", priority: null },
      { name: "@", type: "MX", ttl: 3600, content: "mail.example.com.", priority: 10 },
      { name: "@", type: "TXT", ttl: 3600, content: "v=spf1 mx -all", priority: null },
      { name: "_dmarc", type: "TXT", ttl: 3600, content: "v=DMARC1; p=reject; rua=mailto:dmarc@example.com", priority: null },
      { name: "_sip._tcp", type: "SRV", ttl: 3600, content: "5 5060 sip.example.com.", priority: 10 },
      { name: "@", type: "CAA", ttl: 3600, content: '0 issue "letsencrypt.org"', priority: null },
      { name: "api.dev", type: "AAAA", ttl: 3600, content: "2001:db8::42", priority: null },
    ]);
  });

  it("reports what it cannot read, with the line, and keeps the rest", () => {
    const text = ["www IN A 192.0.2.1", "other.net. IN A 192.0.2.2", "x IN MX mail", "$INCLUDE other.zone", "y IN", "z IN CNAME a b"].join("\n");
    const result = importZoneFile(ZONE, text);
    expect(result.records.map((r) => r.name)).toEqual(["www"]);
    expect(result.problems.map((p) => `${p.line}:${p.key}`)).toEqual(["2:errors.import.outsideZone", "3:errors.import.data", "4:errors.import.directive", "5:errors.import.syntax", "6:errors.import.data"]);
  });

  it("understands TTL units", () => {
    expect(parseTtl("3600")).toBe(3600);
    expect(parseTtl("1h30m")).toBe(5400);
    expect(parseTtl("1W")).toBe(604_800);
    expect(parseTtl("IN")).toBeNull();
    expect(parseTtl("1x")).toBeNull();
  });
});

describe("exportZoneFile", () => {
  const records: DnsRecord[] = [
    { name: "www", type: "CNAME", ttl: 3600, content: "example.com.", priority: null },
    { name: "@", type: "MX", ttl: 3600, content: "mail.example.com.", priority: 10 },
    { name: "@", type: "A", ttl: 300, content: "192.0.2.10", priority: null },
    { name: "_dmarc", type: "TXT", ttl: 3600, content: `v=DMARC1; p=reject; "quoted" ${"x".repeat(300)}`, priority: null },
    { name: "_sip._tcp", type: "SRV", ttl: 3600, content: "5 5060 sip.example.com.", priority: 10 },
    { name: "@", type: "CAA", ttl: 3600, content: '0 issue "letsencrypt.org"', priority: null },
    { name: "*.dev", type: "AAAA", ttl: 600, content: "2001:db8::42", priority: null },
  ];

  it("writes $ORIGIN and $TTL and the apex first", () => {
    const text = exportZoneFile(ZONE, records);
    const lines = text.trim().split("\n");
    expect(lines.slice(1, 3)).toEqual(["$ORIGIN example.com.", "$TTL 3600"]);
    expect(lines[3]).toBe("@\t300\tIN\tA\t192.0.2.10");
    expect(text).toContain("@\t3600\tIN\tMX\t10 mail.example.com.");
  });

  it("round-trips through import without a change", () => {
    const again = importZoneFile(ZONE, exportZoneFile(ZONE, records));
    expect(again.problems).toEqual([]);
    const sort = (rs: DnsRecord[]) => [...rs].sort((a, b) => `${a.name}${a.type}`.localeCompare(`${b.name}${b.type}`));
    expect(sort(again.records)).toEqual(sort(records));
  });
});
