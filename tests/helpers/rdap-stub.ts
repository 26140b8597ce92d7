// A stand-in for IANA's RDAP bootstrap file and a few registries' RDAP servers on 127.0.0.1
// (random port), for tests of lib/integrations/registrar/rdap.ts. The bootstrap (GET /dns.json)
// sends ".test", ".example" and the IDN TLD ".рф" (xn--p1ai) to /rdap/, ".uk" to /uk/ and
// ".co.uk" to /co-uk/, so a test can see which base URL the longest match chose. Names under
// /rdap/ (see RDAP_NAMES): registered.test (full data), missing.test (404), broken.test (500),
// slow.test (answers after `slowMs`), garbage.test (not JSON), limited.test (429), wrong-kind.test
// (JSON, but an entity object), redirect.test (302 to registered.test), huge.test (a 3 MB body,
// over the client's cap), xn--caf-dma.test and xn--d1acufc.xn--p1ai (IDN names, registered).
// Any other name answers 404; the /uk/ and /co-uk/ servers know every name under their suffix.
import http from "node:http";
import type { AddressInfo } from "node:net";

export const RDAP_NAMES = {
  registered: "registered.test",
  missing: "missing.test",
  broken: "broken.test",
  slow: "slow.test",
  garbage: "garbage.test",
  limited: "limited.test",
  wrongKind: "wrong-kind.test",
  redirect: "redirect.test",
  huge: "huge.test",
  idn: "xn--caf-dma.test",
  idnTld: "xn--d1acufc.xn--p1ai",
} as const;

export type RdapStubRequest = { path: string; accept: string | undefined };

export type RdapStub = {
  url: string;
  bootstrapUrl: string;
  requests: RdapStubRequest[];
  /** How many requests asked for `path` exactly ("/dns.json", "/rdap/domain/registered.test"). */
  count: (path: string) => number;
  /** The next `count` bootstrap requests answer `status` (default 503). */
  failBootstrap: (count: number, status?: number) => void;
  close: () => Promise<void>;
};

export type RdapStubOptions = {
  /** How long slow.test takes (default 3 s: longer than the timeouts the tests use). */
  slowMs?: number;
  /** More bootstrap services, e.g. a TLD whose server is a closed port. */
  extraServices?: [string[], string[]][];
};

/** The RDAP domain object of a registered name, shaped like a gTLD registry's answer (RFC 9083). */
export function registeredDomainJson(ldhName: string) {
  return {
    rdapConformance: ["rdap_level_0", "icann_rdap_response_profile_1", "icann_rdap_technical_implementation_guide_1"],
    objectClassName: "domain",
    handle: "2138514_DOMAIN_TEST-VRSN",
    ldhName: ldhName.toUpperCase(),
    status: ["client delete prohibited", "client transfer prohibited", "active"],
    entities: [
      {
        objectClassName: "entity",
        handle: "292",
        roles: ["registrar"],
        publicIds: [{ type: "IANA Registrar ID", identifier: "292" }],
        vcardArray: [
          "vcard",
          [
            ["version", {}, "text", "4.0"],
            ["fn", {}, "text", "Example Registrar, Inc."],
          ],
        ],
        entities: [
          {
            objectClassName: "entity",
            roles: ["abuse"],
            vcardArray: [
              "vcard",
              [
                ["version", {}, "text", "4.0"],
                ["fn", {}, "text", "Abuse Desk"],
              ],
            ],
          },
        ],
      },
      // A registrant listed before the registrar must not be taken for it.
      { objectClassName: "entity", roles: ["registrant"], vcardArray: ["vcard", [["fn", {}, "text", "REDACTED FOR PRIVACY"]]] },
    ],
    events: [
      { eventAction: "registration", eventDate: "1997-09-15T04:00:00Z" },
      { eventAction: "expiration", eventDate: "2028-09-14T04:00:00Z" },
      { eventAction: "last changed", eventDate: "2019-09-09T15:39:04Z" },
      { eventAction: "last update of RDAP database", eventDate: "2026-12-04T03:00:00Z" },
    ],
    secureDNS: { delegationSigned: false },
    nameservers: [
      { objectClassName: "nameserver", ldhName: "NS1.EXAMPLE-DNS.NET" },
      { objectClassName: "nameserver", ldhName: "ns2.example-dns.net." },
    ],
    notices: [{ title: "Terms of Use", description: ["Stub registry."] }],
  };
}

const rdapError = (errorCode: number, title: string) => ({ rdapConformance: ["rdap_level_0"], errorCode, title });

export async function startRdapStub(options: RdapStubOptions = {}): Promise<RdapStub> {
  const requests: RdapStubRequest[] = [];
  const slowMs = options.slowMs ?? 3_000;
  const timers = new Set<NodeJS.Timeout>();
  let bootstrapFailures = { remaining: 0, status: 503 };
  let base = "";

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/rdap+json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };

  const bootstrap = () => ({
    version: "1.0",
    publication: "2026-12-01T00:00:00Z",
    description: "RDAP bootstrap file for Domain Name System registrations (stub)",
    services: [
      [["test", "example", "xn--p1ai"], [`${base}/rdap/`]],
      [["co.uk"], [`${base}/co-uk/`]],
      [["uk"], [`${base}/uk`]], // no trailing slash: the client must add it
      ...(options.extraServices ?? []),
    ],
  });

  const answerDomain = (res: http.ServerResponse, name: string) => {
    switch (name) {
      case RDAP_NAMES.registered:
      case RDAP_NAMES.idn:
      case RDAP_NAMES.idnTld:
        return send(res, 200, registeredDomainJson(name));
      case RDAP_NAMES.broken:
        return send(res, 500, rdapError(500, "Internal Server Error"));
      case RDAP_NAMES.garbage:
        return send(res, 200, '{"objectClassName": "domain", "ldhName": ');
      case RDAP_NAMES.limited:
        return send(res, 429, rdapError(429, "Too Many Requests"), { "retry-after": "30" });
      case RDAP_NAMES.wrongKind:
        return send(res, 200, { objectClassName: "entity", handle: "X" });
      case RDAP_NAMES.huge:
        return send(res, 200, { ...registeredDomainJson(name), remarks: [{ description: ["x".repeat(3 * 1024 * 1024)] }] });
      case RDAP_NAMES.redirect:
        res.writeHead(302, { location: `${base}/rdap/domain/${RDAP_NAMES.registered}` });
        return res.end();
      case RDAP_NAMES.slow: {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) send(res, 200, registeredDomainJson(name));
        }, slowMs);
        timers.add(timer);
        return;
      }
      default:
        return send(res, 404, rdapError(404, "Not Found"));
    }
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://stub").pathname;
    requests.push({ path, accept: req.headers.accept });
    if (req.method !== "GET") return send(res, 405, rdapError(405, "Method Not Allowed"));
    if (path === "/dns.json") {
      if (bootstrapFailures.remaining > 0) {
        bootstrapFailures.remaining--;
        return send(res, bootstrapFailures.status, "unavailable", { "content-type": "text/plain" });
      }
      return send(res, 200, bootstrap(), { "content-type": "application/json" });
    }
    const match = /^\/(rdap|uk|co-uk)\/domain\/([^/]+)$/.exec(path);
    if (!match) return send(res, 404, rdapError(404, "Not Found"));
    const name = decodeURIComponent(match[2]).toLowerCase();
    // The uk servers know every name under their suffix, so a test only has to see which one was asked.
    if (match[1] !== "rdap") return send(res, 200, registeredDomainJson(name));
    return answerDomain(res, name);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    bootstrapUrl: `${base}/dns.json`,
    requests,
    count: (path) => requests.filter((r) => r.path === path).length,
    failBootstrap: (count, status = 503) => {
      bootstrapFailures = { remaining: count, status };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // fetch keeps connections alive
      }),
  };
}

/** A loopback port with nothing listening (for "the registry cannot be reached"). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
