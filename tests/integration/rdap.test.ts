// The RDAP lookup (lib/integrations/registrar/rdap.ts) over real HTTP against a local stub of the
// IANA bootstrap file and RDAP servers (tests/helpers/rdap-stub.ts): every result kind, IDN names,
// the longest bootstrap match, the bootstrap cache, timeouts and unreachable servers.
// No database. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/rdap.test.ts
import { lookupDomain, type RdapLookupOptions, resetRdapBootstrapCache } from "@/lib/integrations/registrar/rdap";
import { closedPort, RDAP_NAMES, type RdapStub, startRdapStub } from "@/tests/helpers/rdap-stub";

let stub: RdapStub;
let deadPort: number;

beforeAll(async () => {
  deadPort = await closedPort();
  stub = await startRdapStub({ slowMs: 3_000, extraServices: [[["down"], [`http://127.0.0.1:${deadPort}/rdap/`]]] });
});

afterAll(async () => {
  await stub.close();
});

beforeEach(() => {
  resetRdapBootstrapCache();
  stub.requests.length = 0;
});

const lookup = (name: string, opts: RdapLookupOptions = {}) => lookupDomain(name, { bootstrapUrl: stub.bootstrapUrl, timeoutMs: 1_000, ...opts });

describe("lookupDomain", () => {
  it("reads a registered name: status, registrar, dates, nameservers, DNSSEC", async () => {
    const result = await lookup(RDAP_NAMES.registered);
    expect(result).toEqual({
      kind: "registered",
      name: "registered.test",
      status: ["client delete prohibited", "client transfer prohibited", "active"],
      registrar: "Example Registrar, Inc.",
      events: {
        registration: new Date("1997-09-15T04:00:00Z"),
        expiration: new Date("2028-09-14T04:00:00Z"),
        lastChanged: new Date("2019-09-09T15:39:04Z"),
      },
      nameservers: ["ns1.example-dns.net", "ns2.example-dns.net"],
      dnssec: false,
    });
    expect(stub.requests.find((r) => r.path === "/rdap/domain/registered.test")?.accept).toBe("application/rdap+json");
  });

  it("asks with the lower-case ASCII name whatever the case and trailing dot typed", async () => {
    const result = await lookup("  Registered.TEST. ");
    expect(result).toMatchObject({ kind: "registered", name: "registered.test" });
    expect(stub.count("/rdap/domain/registered.test")).toBe(1);
  });

  it("says not_found when the registry answers 404", async () => {
    expect(await lookup(RDAP_NAMES.missing)).toEqual({ kind: "not_found", name: "missing.test" });
    expect(stub.count("/rdap/domain/missing.test")).toBe(1);
  });

  it("says unsupported_tld when the bootstrap has no server for the TLD, without asking anyone", async () => {
    expect(await lookup("acme.nowhere")).toEqual({ kind: "unsupported_tld", name: "acme.nowhere" });
    expect(stub.requests.map((r) => r.path)).toEqual(["/dns.json"]);
  });

  it("rejects names that are not domain names before any request", async () => {
    expect(await lookup("")).toEqual({ kind: "invalid_name", reason: "empty" });
    expect(await lookup("localhost")).toEqual({ kind: "invalid_name", reason: "no_tld" });
    expect(await lookup("bad name.test")).toEqual({ kind: "invalid_name", reason: "malformed" });
    expect(await lookup("../../dns.json")).toEqual({ kind: "invalid_name", reason: "malformed" });
    expect(stub.requests).toHaveLength(0);
  });

  it.each([
    [RDAP_NAMES.broken, { reason: "http_error", status: 500 }],
    [RDAP_NAMES.garbage, { reason: "bad_response", status: 200 }],
    [RDAP_NAMES.wrongKind, { reason: "bad_response", status: 200 }],
    [RDAP_NAMES.huge, { reason: "bad_response", status: 200 }],
    [RDAP_NAMES.limited, { reason: "rate_limited", status: 429, retryAfterSeconds: 30 }],
  ])("says unavailable for %s", async (name, expected) => {
    const result = await lookup(name);
    expect(result).toMatchObject({ kind: "unavailable", ...expected });
    expect(result.kind === "unavailable" && result.detail).toEqual(expect.stringContaining(name));
  });

  it("follows a redirect (an RDAP referral) to the answer", async () => {
    expect(await lookup(RDAP_NAMES.redirect)).toMatchObject({ kind: "registered", name: "redirect.test", registrar: "Example Registrar, Inc." });
    expect(stub.count("/rdap/domain/redirect.test")).toBe(1);
    expect(stub.count("/rdap/domain/registered.test")).toBe(1);
  });

  it("looks up IDN names by their A-label, in an ASCII TLD and in an IDN TLD", async () => {
    expect(await lookup("Café.test")).toMatchObject({ kind: "registered", name: "xn--caf-dma.test" });
    expect(stub.count("/rdap/domain/xn--caf-dma.test")).toBe(1);
    expect(await lookup("домен.рф")).toMatchObject({ kind: "registered", name: "xn--d1acufc.xn--p1ai" });
    expect(stub.count("/rdap/domain/xn--d1acufc.xn--p1ai")).toBe(1);
  });

  it("uses the server of the longest matching bootstrap entry (co.uk over uk)", async () => {
    expect(await lookup("acme.co.uk")).toMatchObject({ kind: "registered", name: "acme.co.uk" });
    expect(await lookup("acme.uk")).toMatchObject({ kind: "registered", name: "acme.uk" });
    expect(await lookup("acme.org.uk")).toMatchObject({ kind: "registered", name: "acme.org.uk" });
    const asked = stub.requests.map((r) => r.path).filter((p) => p !== "/dns.json");
    // The uk base URL has no trailing slash in the file: "/uk/domain/…", not "/domain/…".
    expect(asked).toEqual(["/co-uk/domain/acme.co.uk", "/uk/domain/acme.uk", "/uk/domain/acme.org.uk"]);
  });
});

describe("bootstrap cache", () => {
  it("fetches the bootstrap file once for many lookups, also concurrent ones", async () => {
    await Promise.all([lookup(RDAP_NAMES.registered), lookup(RDAP_NAMES.missing), lookup("acme.co.uk")]);
    await lookup(RDAP_NAMES.idn);
    await lookup("acme.nowhere");
    expect(stub.count("/dns.json")).toBe(1);
    expect(stub.requests).toHaveLength(5);
  });

  it("fetches it again once the TTL has passed", async () => {
    let clock = Date.parse("2026-12-04T00:00:00Z");
    const opts = { now: () => clock, bootstrapTtlMs: 60_000 };
    await lookup(RDAP_NAMES.registered, opts);
    clock += 59_000;
    await lookup(RDAP_NAMES.registered, opts);
    expect(stub.count("/dns.json")).toBe(1);
    clock += 2_000;
    await lookup(RDAP_NAMES.registered, opts);
    expect(stub.count("/dns.json")).toBe(2);
  });

  it("says unavailable when the bootstrap file cannot be fetched, and does not remember the failure", async () => {
    stub.failBootstrap(1, 503);
    expect(await lookup(RDAP_NAMES.registered)).toMatchObject({ kind: "unavailable", reason: "bootstrap_unavailable", status: 503 });
    expect(stub.count("/rdap/domain/registered.test")).toBe(0);
    expect(await lookup(RDAP_NAMES.registered)).toMatchObject({ kind: "registered" });
    expect(stub.count("/dns.json")).toBe(2);
  });

  it("keeps using an expired copy when the refresh fails", async () => {
    let clock = Date.parse("2026-12-04T00:00:00Z");
    const opts = { now: () => clock, bootstrapTtlMs: 60_000 };
    expect(await lookup(RDAP_NAMES.registered, opts)).toMatchObject({ kind: "registered" });
    clock += 120_000;
    stub.failBootstrap(1, 500);
    expect(await lookup(RDAP_NAMES.registered, opts)).toMatchObject({ kind: "registered" });
    expect(stub.count("/dns.json")).toBe(2);
  });
});

describe("unreachable registries", () => {
  it("gives up after the timeout and says unavailable", async () => {
    const started = performance.now();
    const result = await lookup(RDAP_NAMES.slow, { timeoutMs: 300 });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ kind: "unavailable", reason: "timeout" });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1_500); // the stub would answer after 3 s
  });

  it("says unavailable when the TLD's RDAP server refuses connections", async () => {
    const result = await lookup("acme.down");
    expect(result).toMatchObject({ kind: "unavailable", reason: "network" });
    expect(result.kind === "unavailable" && result.detail).toContain(String(deadPort));
  });

  it("says unavailable when the bootstrap server itself cannot be reached", async () => {
    const result = await lookupDomain(RDAP_NAMES.registered, { bootstrapUrl: `http://127.0.0.1:${deadPort}/dns.json`, timeoutMs: 1_000 });
    expect(result).toMatchObject({ kind: "unavailable", reason: "bootstrap_unavailable" });
    expect(stub.requests).toHaveLength(0);
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    const pending = lookup(RDAP_NAMES.slow, { timeoutMs: 5_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    expect(await pending).toMatchObject({ kind: "unavailable" });
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
