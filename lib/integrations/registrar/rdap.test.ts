// The pure parts of the RDAP lookup: name validation, the RFC 9224 bootstrap match and the
// defensive reading of RFC 9083 domain objects. HTTP behaviour: tests/integration/rdap.test.ts.
import { chooseBaseUrl, normalizeDomainName, parseBootstrap, parseRdapDomain } from "./rdap";

describe("normalizeDomainName", () => {
  it.each([
    ["example.com", "example.com"],
    ["  Example.COM.  ", "example.com"],
    ["café.test", "xn--caf-dma.test"],
    ["CAFÉ.Test.", "xn--caf-dma.test"],
    ["домен.рф", "xn--d1acufc.xn--p1ai"],
    ["xn--caf-dma.test", "xn--caf-dma.test"],
    ["acme.co.uk", "acme.co.uk"],
  ])("accepts %j as %j", (input, ascii) => {
    expect(normalizeDomainName(input)).toEqual({ ok: true, ascii });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    [".", "empty"],
    ["localhost", "no_tld"],
    ["exa mple.com", "malformed"],
    ["a..b", "malformed"],
    ["-a.com", "malformed"],
    ["a-.com", "malformed"],
    ["foo_bar.com", "malformed"],
    ["xn--zz.com", "malformed"],
    ["1.2.3.4", "malformed"],
    ["0x7f.1", "malformed"],
    ["https://example.com/", "malformed"],
    [`${"a".repeat(64)}.com`, "malformed"],
    [`${Array.from({ length: 5 }, () => "a".repeat(60)).join(".")}.com`, "too_long"],
  ])("rejects %j (%s)", (input, reason) => {
    expect(normalizeDomainName(input)).toEqual({ ok: false, reason });
  });
});

describe("chooseBaseUrl", () => {
  const bootstrap = parseBootstrap({
    version: "1.0",
    services: [
      [["uk"], ["https://rdap.uk.example/"]],
      [["CO.UK"], ["http://co-uk.example/rdap", "https://co-uk.example/rdap"]],
      [["com", "net"], ["https://rdap.verisign.example/com/v1/"]],
      [["empty"], ["ftp://nope.example/"]],
    ],
  })!;

  it("picks the entry matching the most labels, in whatever order the file lists them", () => {
    const longFirst = parseBootstrap({ services: [[["co.uk"], ["https://co-uk.example/"]], [["uk"], ["https://uk.example/"]]] })!;
    const shortFirst = parseBootstrap({ services: [[["uk"], ["https://uk.example/"]], [["co.uk"], ["https://co-uk.example/"]]] })!;
    for (const file of [longFirst, shortFirst]) {
      expect(chooseBaseUrl(file, "acme.co.uk")).toBe("https://co-uk.example/");
      expect(chooseBaseUrl(file, "acme.uk")).toBe("https://uk.example/");
    }
    expect(chooseBaseUrl(bootstrap, "acme.co.uk")).toBe("https://co-uk.example/rdap/");
    expect(chooseBaseUrl(bootstrap, "www.acme.co.uk")).toBe("https://co-uk.example/rdap/");
    expect(chooseBaseUrl(bootstrap, "acme.uk")).toBe("https://rdap.uk.example/");
    expect(chooseBaseUrl(bootstrap, "acme.org.uk")).toBe("https://rdap.uk.example/");
    expect(chooseBaseUrl(bootstrap, "acme.net")).toBe("https://rdap.verisign.example/com/v1/");
  });

  it("matches whole labels only, never the whole name, and nothing for unknown TLDs", () => {
    expect(chooseBaseUrl(bootstrap, "acme.ouk")).toBeNull();
    expect(chooseBaseUrl(bootstrap, "co.uk")).toBe("https://rdap.uk.example/");
    expect(chooseBaseUrl(bootstrap, "acme.org")).toBeNull();
    // Only non-http URLs: no usable server.
    expect(chooseBaseUrl(bootstrap, "acme.empty")).toBeNull();
  });

  it("rejects files that are not RFC 9224 bootstrap files", () => {
    expect(parseBootstrap({})).toBeNull();
    expect(parseBootstrap({ services: [[["com"]]] })).toBeNull();
    expect(parseBootstrap({ services: [["com", ["https://x/"]]] })).toBeNull();
    expect(parseBootstrap("services")).toBeNull();
  });
});

describe("parseRdapDomain", () => {
  const vcard = (fn: string) => ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", fn]]];

  it("reads registrar, events, nameservers, status and DNSSEC", () => {
    const domain = parseRdapDomain(
      {
        objectClassName: "domain",
        ldhName: "EXAMPLE.COM",
        status: ["active", "client transfer prohibited"],
        entities: [
          { objectClassName: "entity", roles: ["registrant"], vcardArray: vcard("Someone") },
          { objectClassName: "entity", roles: ["registrar"], vcardArray: vcard("RESERVED-Internet Assigned Numbers Authority") },
        ],
        events: [
          { eventAction: "registration", eventDate: "1995-08-14T04:00:00Z" },
          { eventAction: "expiration", eventDate: "2026-08-13T04:00:00Z" },
          { eventAction: "last changed", eventDate: "2025-08-14T07:01:39Z" },
        ],
        secureDNS: { delegationSigned: true },
        nameservers: [{ ldhName: "A.IANA-SERVERS.NET" }, { ldhName: "b.iana-servers.net." }, { ldhName: "a.iana-servers.net" }],
      },
      "example.com",
    );
    expect(domain).toEqual({
      kind: "registered",
      name: "example.com",
      status: ["active", "client transfer prohibited"],
      registrar: "RESERVED-Internet Assigned Numbers Authority",
      events: { registration: new Date("1995-08-14T04:00:00Z"), expiration: new Date("2026-08-13T04:00:00Z"), lastChanged: new Date("2025-08-14T07:01:39Z") },
      nameservers: ["a.iana-servers.net", "b.iana-servers.net"],
      dnssec: true,
    });
  });

  it("drops broken parts instead of failing the whole answer", () => {
    const domain = parseRdapDomain(
      {
        objectClassName: "domain",
        status: ["active", 7, null],
        entities: [{ roles: "registrar" }, { roles: ["registrar"], vcardArray: ["vcard", [["fn", {}, "text", 42]]] }, "junk"],
        events: [{ eventAction: "registration", eventDate: "not a date" }, { eventAction: "expiration" }, { eventAction: "registration", eventDate: "2001-02-03T00:00:00Z" }, 5],
        nameservers: "ns1.example",
        secureDNS: "yes",
      },
      "broken.example",
    );
    expect(domain).toEqual({
      kind: "registered",
      name: "broken.example",
      status: ["active"],
      registrar: null,
      events: { registration: new Date("2001-02-03T00:00:00Z"), expiration: undefined, lastChanged: undefined },
      nameservers: [],
      dnssec: null,
    });
  });

  it("finds a registrar nested under another entity (some ccTLD servers do that)", () => {
    const domain = parseRdapDomain(
      { objectClassName: "domain", entities: [{ roles: ["registrant"], entities: [{ roles: ["Registrar"], vcardArray: vcard("Nested Registrar s.r.o.") }] }] },
      "nested.sk",
    );
    expect(domain?.registrar).toBe("Nested Registrar s.r.o.");
    expect(domain?.dnssec).toBeNull();
  });

  it("is null for anything that is not a domain object", () => {
    expect(parseRdapDomain(null, "x.com")).toBeNull();
    expect(parseRdapDomain([], "x.com")).toBeNull();
    expect(parseRdapDomain({ ldhName: "x.com" }, "x.com")).toBeNull();
    expect(parseRdapDomain({ objectClassName: "entity" }, "x.com")).toBeNull();
  });
});
