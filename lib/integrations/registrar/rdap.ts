import "server-only";
import { domainToASCII } from "node:url";
import { z } from "zod";

// RDAP lookup of a registered domain name (issue 6, /domains/search): who holds it, its status,
// dates, nameservers and DNSSEC, from the registry's RDAP server (RFC 9083 responses, RFC 7480
// HTTP usage). The server of a TLD comes from the IANA bootstrap file (RFC 9224), kept in memory
// for a day. Every way the registry can fail (down, slow, 5xx, 429, garbage) answers
// "unavailable" so the page can say the registry cannot be reached instead of throwing.

export const DEFAULT_BOOTSTRAP_URL = "https://data.iana.org/rdap/dns.json";
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_BOOTSTRAP_TTL_MS = 24 * 60 * 60 * 1000;
/** Real RDAP answers are a few kilobytes; this only stops a broken server from filling memory. */
const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

export type RdapDomain = {
  kind: "registered";
  /** The ASCII (A-label) name asked for, lower case. */
  name: string;
  /** RDAP status values as the registry sends them ("active", "client transfer prohibited", …). */
  status: string[];
  /** The vcard "fn" of the entity with role "registrar"; null when the registry does not say. */
  registrar: string | null;
  events: { registration?: Date; expiration?: Date; lastChanged?: Date };
  /** Host names, lower case, without a trailing dot. */
  nameservers: string[];
  /** secureDNS.delegationSigned; null when the registry does not say. */
  dnssec: boolean | null;
};

export type RdapUnavailableReason =
  /** No answer within the timeout. */
  | "timeout"
  /** Connection refused, DNS failure, reset … */
  | "network"
  /** 5xx, or another status RDAP does not use for "found" / "not found". */
  | "http_error"
  /** 429 Too Many Requests. */
  | "rate_limited"
  /** Not JSON, not a domain object, or too large. */
  | "bad_response"
  /** The bootstrap file could not be fetched or read. */
  | "bootstrap_unavailable";

export type InvalidNameReason = "empty" | "malformed" | "too_long" | "no_tld";

export type RdapLookupResult =
  | RdapDomain
  /** The RDAP server answered 404: the registry does not know the name. */
  | { kind: "not_found"; name: string }
  /** No RDAP server for this TLD in the bootstrap file. */
  | { kind: "unsupported_tld"; name: string }
  | {
      kind: "unavailable";
      reason: RdapUnavailableReason;
      /** HTTP status, when there was one. */
      status?: number;
      /** From Retry-After on a 429. */
      retryAfterSeconds?: number;
      /** For logs; English, never shown to customers. */
      detail: string;
    }
  /** The input is not a domain name (nothing was fetched). */
  | { kind: "invalid_name"; reason: InvalidNameReason };

export type RdapLookupOptions = {
  /** The RFC 9224 bootstrap file (tests point this at a local stub). */
  bootstrapUrl?: string;
  /** Per HTTP request (the bootstrap file and the lookup each get this much); default 5 s. */
  timeoutMs?: number;
  /** How long a fetched bootstrap file is used; default 24 h. */
  bootstrapTtlMs?: number;
  /** Cancels the lookup (not a shared bootstrap fetch). */
  signal?: AbortSignal;
  /** Milliseconds since the epoch (tests move it to expire the bootstrap cache). */
  now?: () => number;
};

// ---------------------------------------------------------------------------------------------
// Names

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * "Café.Example." → { ok: true, ascii: "xn--caf-dma.example" }. IDN labels go through the WHATWG
 * URL host rules (node:url domainToASCII: UTS #46 mapping and Punycode); the result must then be
 * an LDH host name of two or more labels with a TLD that is not all digits (so no IP addresses).
 */
export function normalizeDomainName(input: string): { ok: true; ascii: string } | { ok: false; reason: InvalidNameReason } {
  const trimmed = input.trim().replace(/\.$/, "");
  if (!trimmed) return { ok: false, reason: "empty" };
  const ascii = domainToASCII(trimmed).toLowerCase();
  if (!ascii) return { ok: false, reason: "malformed" };
  if (ascii.length > 253) return { ok: false, reason: "too_long" };
  const labels = ascii.split(".");
  if (labels.length < 2) return { ok: false, reason: "no_tld" };
  if (!labels.every((label) => LABEL.test(label))) return { ok: false, reason: "malformed" };
  if (/^\d+$/.test(labels[labels.length - 1])) return { ok: false, reason: "malformed" };
  return { ok: true, ascii };
}

// ---------------------------------------------------------------------------------------------
// Bootstrap (RFC 9224)

/** dns.json: { services: [ [ ["tld", …], ["https://rdap.example/", …] ], … ] }; unknown members are ignored. */
const bootstrapSchema = z.object({
  services: z.array(z.array(z.array(z.string())).min(2)),
});

export type RdapBootstrap = { services: { entries: string[]; urls: string[] }[] };

export function parseBootstrap(json: unknown): RdapBootstrap | null {
  const parsed = bootstrapSchema.safeParse(json);
  if (!parsed.success) return null;
  return {
    services: parsed.data.services.map(([entries, urls]) => ({
      entries: entries.map((e) => e.toLowerCase().replace(/^\.+|\.+$/g, "")).filter(Boolean),
      urls: urls.filter(isHttpUrl),
    })),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/**
 * The RDAP base URL for an ASCII name: the entry matching the most trailing labels wins
 * ("co.uk" over "uk" for "acme.co.uk"); among its URLs https is preferred (RFC 9224 §4 leaves
 * the choice to the client). The result always ends in "/", so "domain/<name>" can be appended.
 */
export function chooseBaseUrl(bootstrap: RdapBootstrap, asciiName: string): string | null {
  const labels = asciiName.split(".");
  let best: { length: number; urls: string[] } | null = null;
  for (const service of bootstrap.services) {
    for (const entry of service.entries) {
      const entryLabels = entry.split(".");
      if (entryLabels.length >= labels.length || (best && entryLabels.length <= best.length)) continue;
      if (labels.slice(-entryLabels.length).join(".") === entry) best = { length: entryLabels.length, urls: service.urls };
    }
  }
  const url = best?.urls.find((u) => u.startsWith("https:")) ?? best?.urls[0];
  if (!url) return null;
  return url.endsWith("/") ? url : `${url}/`;
}

type BootstrapOutcome = { ok: true; bootstrap: RdapBootstrap } | { ok: false; reason: RdapUnavailableReason; status?: number; detail: string };
type CacheEntry = { fresh?: { fetchedAt: number; bootstrap: RdapBootstrap }; pending?: Promise<BootstrapOutcome> };

/**
 * Per bootstrap URL. A pending fetch is shared, so a burst of lookups fetches the file once; a
 * failed refresh keeps using the expired copy (TLD servers rarely move, IANA being down should
 * not stop lookups); a failure with no copy is not remembered.
 */
const bootstrapCache = new Map<string, CacheEntry>();

/** Forgets every cached bootstrap file (tests; or after IANA publishes a change). */
export function resetRdapBootstrapCache(): void {
  bootstrapCache.clear();
}

async function loadBootstrap(url: string, timeoutMs: number, ttlMs: number, now: () => number): Promise<BootstrapOutcome> {
  const entry = bootstrapCache.get(url) ?? {};
  if (entry.pending) return entry.pending;
  if (entry.fresh && now() - entry.fresh.fetchedAt < ttlMs) return { ok: true, bootstrap: entry.fresh.bootstrap };

  const pending = (async (): Promise<BootstrapOutcome> => {
    // Its own timeout, not the caller's signal: other lookups may be waiting for the same file.
    const fetched = await fetchJson(url, { accept: "application/json", signal: AbortSignal.timeout(timeoutMs) });
    if (!fetched.ok) return { ok: false, reason: "bootstrap_unavailable", status: fetched.status, detail: `bootstrap: ${fetched.detail}` };
    if (fetched.status !== 200) return { ok: false, reason: "bootstrap_unavailable", status: fetched.status, detail: `bootstrap ${url}: HTTP ${fetched.status}` };
    const bootstrap = parseBootstrap(fetched.json);
    if (!bootstrap) return { ok: false, reason: "bootstrap_unavailable", detail: `bootstrap ${url}: not an RFC 9224 file` };
    return { ok: true, bootstrap };
  })();
  bootstrapCache.set(url, { ...entry, pending });
  const outcome = await pending;
  if (outcome.ok) {
    bootstrapCache.set(url, { fresh: { fetchedAt: now(), bootstrap: outcome.bootstrap } });
    return outcome;
  }
  if (entry.fresh) {
    bootstrapCache.set(url, { fresh: entry.fresh });
    return { ok: true, bootstrap: entry.fresh.bootstrap };
  }
  bootstrapCache.delete(url);
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// HTTP

type Fetched =
  | { ok: true; status: number; headers: Headers; json: unknown }
  | { ok: false; reason: "timeout" | "network" | "bad_response"; status?: number; headers?: Headers; detail: string };

/** GET with redirects followed (RFC 7480 §5.2 referrals); the body is read only for 2xx and 404. */
async function fetchJson(url: string, init: { accept: string; signal: AbortSignal }): Promise<Fetched> {
  try {
    const response = await fetch(url, { method: "GET", headers: { accept: init.accept }, redirect: "follow", signal: init.signal });
    if (!response.ok && response.status !== 404) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, status: response.status, headers: response.headers, json: null };
    }
    const text = await readCapped(response);
    if (text === null) return { ok: false, reason: "bad_response", status: response.status, detail: `${url}: response larger than ${MAX_RESPONSE_BYTES} bytes` };
    try {
      return { ok: true, status: response.status, headers: response.headers, json: JSON.parse(text) as unknown };
    } catch {
      // A 404 with an HTML page still means "not found"; only a 2xx needs a JSON body.
      if (response.status === 404) return { ok: true, status: 404, headers: response.headers, json: null };
      return { ok: false, reason: "bad_response", status: response.status, detail: `${url}: response is not JSON` };
    }
  } catch (error) {
    if (isTimeout(error)) return { ok: false, reason: "timeout", detail: `no answer from ${url} in time` };
    return { ok: false, reason: "network", detail: `${url}: ${describe(error)}` };
  }
}

async function readCapped(response: Response): Promise<string | null> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** AbortSignal.timeout rejects with a DOMException named "TimeoutError" (sometimes wrapped as the cause). */
function isTimeout(error: unknown): boolean {
  const nameOf = (e: unknown) => (typeof e === "object" && e !== null && "name" in e ? (e as { name: unknown }).name : undefined);
  return nameOf(error) === "TimeoutError" || (typeof error === "object" && error !== null && nameOf((error as { cause?: unknown }).cause) === "TimeoutError");
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici reports "fetch failed" and puts ECONNREFUSED & co. in the cause.
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : "";
  return `${error.message}${cause}`;
}

/** Retry-After as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
function retryAfterSeconds(headers: Headers | undefined, now: number): number | undefined {
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

// ---------------------------------------------------------------------------------------------
// Response (RFC 9083)

/** An array whose items are kept only when they match `item`: one odd entry does not spoil the answer. */
function lenientArray<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .optional()
    .catch(undefined)
    .transform((items) =>
      (items ?? []).flatMap((value) => {
        const parsed = item.safeParse(value);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    );
}

const eventSchema = z.object({ eventAction: z.string(), eventDate: z.string() });
const nameserverSchema = z.object({ ldhName: z.string() });

type Entity = { roles: string[]; vcardArray?: unknown; entities: Entity[] };
const entitySchema: z.ZodType<Entity> = z.lazy(() =>
  z.object({
    roles: lenientArray(z.string()),
    vcardArray: z.unknown().optional(),
    entities: lenientArray(entitySchema),
  }),
);

const domainSchema = z.object({
  objectClassName: z.literal("domain"),
  status: lenientArray(z.string()),
  entities: lenientArray(entitySchema),
  events: lenientArray(eventSchema),
  nameservers: lenientArray(nameserverSchema),
  secureDNS: z
    .object({ delegationSigned: z.boolean().optional() })
    .optional()
    .catch(undefined),
});

/** The parts of an RDAP domain object Portico shows; null when `json` is not a domain object. */
export function parseRdapDomain(json: unknown, name: string): RdapDomain | null {
  const parsed = domainSchema.safeParse(json);
  if (!parsed.success) return null;
  const domain = parsed.data;
  return {
    kind: "registered",
    name,
    status: domain.status,
    registrar: registrarName(domain.entities),
    events: {
      registration: eventDate(domain.events, "registration"),
      expiration: eventDate(domain.events, "expiration"),
      lastChanged: eventDate(domain.events, "last changed"),
    },
    nameservers: [...new Set(domain.nameservers.map((ns) => ns.ldhName.trim().toLowerCase().replace(/\.$/, "")).filter(Boolean))],
    dnssec: domain.secureDNS?.delegationSigned ?? null,
  };
}

/** The "fn" of the first entity with role "registrar": top-level entities first, then nested ones. */
function registrarName(entities: Entity[]): string | null {
  const queue = [...entities];
  while (queue.length) {
    const entity = queue.shift()!;
    if (entity.roles.some((r) => r.toLowerCase() === "registrar")) {
      const fn = vcardFn(entity.vcardArray);
      if (fn) return fn;
    }
    queue.push(...entity.entities);
  }
  return null;
}

/** jCard (RFC 7095): ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Example Registrar"], …]]. */
function vcardFn(vcardArray: unknown): string | null {
  if (!Array.isArray(vcardArray) || vcardArray[0] !== "vcard" || !Array.isArray(vcardArray[1])) return null;
  for (const property of vcardArray[1] as unknown[]) {
    if (Array.isArray(property) && typeof property[0] === "string" && property[0].toLowerCase() === "fn" && typeof property[3] === "string") {
      const fn = property[3].trim();
      if (fn) return fn;
    }
  }
  return null;
}

function eventDate(events: { eventAction: string; eventDate: string }[], action: string): Date | undefined {
  for (const event of events) {
    if (event.eventAction.toLowerCase() !== action) continue;
    const date = new Date(event.eventDate);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Lookup

/** Looks a domain name up over RDAP. Never throws for registry trouble: see RdapLookupResult. */
export async function lookupDomain(input: string, opts: RdapLookupOptions = {}): Promise<RdapLookupResult> {
  const normalized = normalizeDomainName(input);
  if (!normalized.ok) return { kind: "invalid_name", reason: normalized.reason };
  const name = normalized.ascii;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = opts.now ?? Date.now;

  const loaded = await loadBootstrap(opts.bootstrapUrl ?? DEFAULT_BOOTSTRAP_URL, timeoutMs, opts.bootstrapTtlMs ?? DEFAULT_BOOTSTRAP_TTL_MS, now);
  if (!loaded.ok) return { kind: "unavailable", reason: loaded.reason, ...(loaded.status ? { status: loaded.status } : {}), detail: loaded.detail };
  const base = chooseBaseUrl(loaded.bootstrap, name);
  if (!base) return { kind: "unsupported_tld", name };

  const timeout = AbortSignal.timeout(timeoutMs);
  const url = new URL(`domain/${name}`, base).toString();
  const fetched = await fetchJson(url, { accept: "application/rdap+json", signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout });
  if (!fetched.ok) return { kind: "unavailable", reason: fetched.reason, ...(fetched.status ? { status: fetched.status } : {}), detail: fetched.detail };

  const { status } = fetched;
  if (status === 404) return { kind: "not_found", name };
  if (status === 429) {
    const retryAfter = retryAfterSeconds(fetched.headers, now());
    return { kind: "unavailable", reason: "rate_limited", status, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}), detail: `${url}: HTTP 429` };
  }
  if (status < 200 || status > 299) return { kind: "unavailable", reason: "http_error", status, detail: `${url}: HTTP ${status}` };

  const domain = parseRdapDomain(fetched.json, name);
  if (!domain) return { kind: "unavailable", reason: "bad_response", status, detail: `${url}: not an RDAP domain object` };
  return domain;
}
