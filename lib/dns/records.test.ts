import { type DnsRecord, absoluteName, isValidHostName, isValidRecordName, nameserverProblems, normaliseName, quoteTxt, recordProblems, zoneProblems } from "./records";

const ZONE = "example.com";
const rec = (r: Partial<DnsRecord> & Pick<DnsRecord, "type" | "content">): DnsRecord => ({ name: "@", ttl: 3600, priority: null, ...r });
const keys = (r: DnsRecord) => recordProblems(r, ZONE).map((p) => `${p.field}:${p.key}`);

describe("record names", () => {
  it("accepts the apex, LDH labels, a leading wildcard and service labels", () => {
    for (const name of ["@", "www", "a.b.c", "*.dev", "_dmarc", "selector1._domainkey", "_sip._tcp", "x-1"]) expect([name, isValidRecordName(name, ZONE)]).toEqual([name, true]);
  });

  it("refuses empty labels, hyphens at the ends, inner wildcards, absolute names and over-long names", () => {
    for (const name of ["", "a..b", "-www", "www-", "dev.*", "www.example.com.", "ü", `${"a".repeat(64)}`, `${"abc.".repeat(62)}x`]) expect([name, isValidRecordName(name, ZONE)]).toEqual([name, false]);
  });

  it("normalises owners and targets against the zone", () => {
    expect(normaliseName("", ZONE)).toBe("@");
    expect(normaliseName("Example.COM.", ZONE)).toBe("@");
    expect(normaliseName("WWW.example.com.", ZONE)).toBe("www");
    expect(normaliseName(" Mail ", ZONE)).toBe("mail");
    expect(absoluteName("@", ZONE)).toBe("example.com.");
    expect(absoluteName("mail", ZONE)).toBe("mail.example.com.");
    expect(absoluteName("Other.NET.", ZONE)).toBe("other.net.");
    expect(isValidHostName("mail.example.com.")).toBe(true);
    expect(isValidHostName("mail_1.example.com")).toBe(false);
  });
});

describe("recordProblems", () => {
  it("accepts a valid record of every type", () => {
    const good: DnsRecord[] = [
      rec({ type: "A", content: "192.0.2.10" }),
      rec({ type: "AAAA", content: "2001:db8::1" }),
      rec({ name: "www", type: "CNAME", content: "example.com." }),
      rec({ type: "MX", content: "mail.example.com.", priority: 10 }),
      rec({ type: "TXT", content: "v=spf1 include:_spf.example.net -all" }),
      rec({ name: "_sip._tcp", type: "SRV", content: "5 5060 sip.example.com.", priority: 10 }),
      rec({ type: "CAA", content: '0 issue "letsencrypt.org"' }),
      rec({ type: "CAA", content: '0 iodef "mailto:security@example.com"' }),
      rec({ name: "sub", type: "NS", content: "ns1.provider.net." }),
    ];
    for (const r of good) expect([r.type, keys(r)]).toEqual([r.type, []]);
  });

  it("explains each kind of bad data on its field", () => {
    expect(keys(rec({ type: "A", content: "256.1.1.1" }))).toEqual(["content:errors.ipv4"]);
    expect(keys(rec({ type: "A", content: "2001:db8::1" }))).toEqual(["content:errors.ipv4"]);
    expect(keys(rec({ type: "AAAA", content: "192.0.2.1" }))).toEqual(["content:errors.ipv6"]);
    expect(keys(rec({ type: "CNAME", content: "not a host" }))).toEqual(["content:errors.host"]);
    expect(keys(rec({ type: "MX", content: "mail.example.com." }))).toEqual(["priority:errors.priority"]);
    expect(keys(rec({ type: "MX", content: "mail.example.com.", priority: 70_000 }))).toEqual(["priority:errors.priority"]);
    expect(keys(rec({ type: "A", content: "192.0.2.1", priority: 5 }))).toEqual(["priority:errors.noPriority"]);
    expect(keys(rec({ name: "_sip._tcp", type: "SRV", content: "5 70000 sip.example.com.", priority: 1 }))).toEqual(["content:errors.srv"]);
    expect(keys(rec({ name: "sip", type: "SRV", content: "5 5060 sip.example.com.", priority: 1 }))).toEqual(["name:errors.srvName"]);
    expect(keys(rec({ type: "TXT", content: "" }))).toEqual(["content:errors.txtEmpty"]);
    expect(keys(rec({ type: "TXT", content: "x".repeat(4_001) }))).toEqual(["content:errors.txtLong"]);
    expect(keys(rec({ type: "TXT", content: "line\nbreak" }))).toEqual(["content:errors.txtControl"]);
    expect(keys(rec({ type: "CAA", content: '0 issues "letsencrypt.org"' }))).toEqual(["content:errors.caa"]);
    expect(keys(rec({ type: "CAA", content: '0 iodef "security@example.com"' }))).toEqual(["content:errors.caaIodef"]);
    expect(keys(rec({ type: "A", content: "192.0.2.1", ttl: 59 }))).toEqual(["ttl:errors.ttl"]);
    expect(keys(rec({ type: "A", content: "192.0.2.1", ttl: 604_801 }))).toEqual(["ttl:errors.ttl"]);
    expect(keys(rec({ name: "bad..name", type: "A", content: "192.0.2.1" }))).toEqual(["name:errors.name"]);
    expect(keys({ name: "@", type: "PTR" as never, ttl: 3600, content: "x.", priority: null })).toEqual(["type:errors.type"]);
  });
});

describe("zoneProblems", () => {
  it("keeps a CNAME alone at its name and away from the apex", () => {
    const records = [rec({ name: "www", type: "CNAME", content: "example.com." }), rec({ name: "www", type: "TXT", content: "hello" }), rec({ type: "CNAME", content: "other.net." }), rec({ type: "A", content: "192.0.2.1" })];
    expect(zoneProblems(records).map((p) => `${p.index}:${p.problem.key}`)).toEqual(["0:errors.cnameExclusive", "2:errors.cnameApex"]);
  });

  it("finds duplicates and different TTLs within one RRset", () => {
    const records = [rec({ type: "A", content: "192.0.2.1" }), rec({ type: "A", content: "192.0.2.1", ttl: 3600 }), rec({ type: "A", content: "192.0.2.2", ttl: 300 })];
    expect(zoneProblems(records).map((p) => `${p.index}:${p.problem.key}`)).toEqual(["1:errors.duplicate", "2:errors.ttlMismatch"]);
    expect(zoneProblems([rec({ type: "A", content: "192.0.2.1" }), rec({ name: "www", type: "A", content: "192.0.2.1", ttl: 60 })])).toEqual([]);
  });
});

describe("nameserverProblems", () => {
  it("wants 2 to 13 distinct host names, glue only for those under the domain", () => {
    expect(nameserverProblems("acme.vn", [{ host: "ns1.provider.net" }, { host: "ns2.provider.net." }])).toEqual([]);
    expect(nameserverProblems("acme.vn", [{ host: "ns1.provider.net" }])).toEqual(["errors.nsTooFew"]);
    expect(nameserverProblems("acme.vn", Array.from({ length: 14 }, (_, i) => ({ host: `ns${i}.provider.net` })))).toEqual(["errors.nsTooMany"]);
    expect(nameserverProblems("acme.vn", [{ host: "ns1.provider.net" }, { host: "NS1.provider.net" }])).toEqual(["errors.nsDuplicate"]);
    expect(nameserverProblems("acme.vn", [{ host: "ns1.acme.vn" }, { host: "ns2.acme.vn", addresses: ["192.0.2.53"] }])).toEqual(["errors.nsGlueMissing:0"]);
    expect(nameserverProblems("acme.vn", [{ host: "ns1.provider.net", addresses: ["192.0.2.53"] }, { host: "localhost" }])).toEqual(["errors.nsGlueNotAllowed:0", "errors.nsHost:1"]);
    expect(nameserverProblems("acme.vn", [{ host: "ns1.acme.vn", addresses: ["999.1.1.1"] }, { host: "ns2.provider.net" }])).toEqual(["errors.nsGlueAddress:0"]);
  });
});

describe("quoteTxt", () => {
  it("splits long values into 255-character strings and escapes quotes and backslashes", () => {
    expect(quoteTxt('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"');
    const long = quoteTxt("a".repeat(600));
    expect(long.split(" ").map((s) => s.length - 2)).toEqual([255, 255, 90]);
  });
});

describe("IP addresses", () => {
  it("accepts the text forms of IPv4 and IPv6 that resolvers accept", async () => {
    const { isIPv4, isIPv6 } = await import("./records");
    const { isIP } = await import("node:net");
    const v4 = ["192.0.2.1", "0.0.0.0", "255.255.255.255"];
    const v6 = ["2001:db8::1", "::", "::1", "fe80::", "2001:db8:0:0:0:0:0:1", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:7::"];
    const bad = ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "2001:db8::g", "::ffff:999.1.1.1", "1::2::3", "", "abc"];
    for (const a of v4) expect([a, isIPv4(a), isIP(a)]).toEqual([a, true, 4]);
    for (const a of v6) expect([a, isIPv6(a), isIP(a)]).toEqual([a, true, 6]);
    for (const a of bad) expect([a, isIPv4(a) || isIPv6(a)]).toEqual([a, false]);
  });
});
