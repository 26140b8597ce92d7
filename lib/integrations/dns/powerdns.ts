import "server-only";
import { type DnsRecord, RECORD_TYPES, type RecordType, absoluteName, normaliseName, quoteTxt } from "@/lib/dns/records";
import { DnsBackendError, type DnsBackend, type ZoneSnapshot } from "./dns-backend";

// PowerDNS Authoritative through its HTTP API (https://doc.powerdns.com/authoritative/http-api/):
// a zone is created Native with the provider's name servers and SOA-EDIT-API DEFAULT (the server
// bumps the YYYYMMDDnn serial on every API change); a save is ONE PATCH of rrsets (REPLACE for
// every name/type Portico has, DELETE for those it no longer has), which PowerDNS applies in one
// database transaction: all of it or none of it. SOA and the apex NS stay the server's.

export type PowerDnsOptions = { apiUrl: string; apiKey: string; serverId?: string; timeoutMs?: number; fetch?: typeof fetch };

type RRset = { name: string; type: string; ttl: number; records: { content: string; disabled: boolean }[] };

/** TXT data as PowerDNS returns it ("\"v=spf1 \" \"-all\"") → the plain value. */
export function unquoteTxt(content: string): string {
  const parts = content.match(/"((?:[^"\\]|\\.)*)"/g);
  if (!parts) return content;
  return parts.map((p) => p.slice(1, -1).replace(/\\(\d{3}|.)/g, (_, c: string) => (c.length === 3 ? String.fromCharCode(Number(c)) : c))).join("");
}

export class PowerDnsBackend implements DnsBackend {
  readonly name = "powerdns";
  private readonly base: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: PowerDnsOptions) {
    this.base = `${options.apiUrl.replace(/\/$/, "")}/api/v1/servers/${encodeURIComponent(options.serverId ?? "localhost")}`;
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers: { "X-API-Key": this.apiKey, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new DnsBackendError("unavailable", `PowerDNS did not answer ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (res.status >= 500) throw new DnsBackendError("unavailable", `PowerDNS answered ${res.status} to ${method} ${path}`);
    return res;
  }

  private async failure(res: Response, what: string): Promise<never> {
    const text = await res.text().catch(() => "");
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new DnsBackendError(res.status === 404 ? "not_found" : "rejected", `PowerDNS refused ${what} (${res.status}): ${message.slice(0, 500)}`);
  }

  async ensureZone(zone: string, nameservers: readonly string[]): Promise<void> {
    const id = absoluteName("@", zone);
    const existing = await this.request("GET", `/zones/${encodeURIComponent(id)}?rrsets=false`);
    if (existing.ok) return;
    if (existing.status !== 404 && existing.status !== 422) await this.failure(existing, `reading zone ${id}`);
    const created = await this.request("POST", "/zones", { name: id, kind: "Native", soa_edit_api: "DEFAULT", nameservers: nameservers.map((ns) => (ns.endsWith(".") ? ns : `${ns}.`)) });
    // 409: created meanwhile by another save.
    if (!created.ok && created.status !== 409) await this.failure(created, `creating zone ${id}`);
  }

  private async rrsets(zone: string): Promise<{ rrsets: RRset[]; serial: bigint } | null> {
    const id = absoluteName("@", zone);
    const res = await this.request("GET", `/zones/${encodeURIComponent(id)}`);
    if (res.status === 404 || res.status === 422) return null;
    if (!res.ok) await this.failure(res, `reading zone ${id}`);
    const body = (await res.json()) as { serial: number; rrsets: RRset[] };
    return { rrsets: body.rrsets, serial: BigInt(body.serial) };
  }

  /** The rrsets Portico edits: everything but SOA and the apex NS. */
  private editable(zone: string, rrset: RRset): boolean {
    if (!(RECORD_TYPES as readonly string[]).includes(rrset.type)) return false;
    return !(rrset.type === "NS" && rrset.name === absoluteName("@", zone));
  }

  async getZone(zone: string): Promise<ZoneSnapshot | null> {
    const current = await this.rrsets(zone);
    if (!current) return null;
    const records: DnsRecord[] = [];
    for (const rrset of current.rrsets.filter((r) => this.editable(zone, r))) {
      const name = normaliseName(rrset.name, zone);
      const type = rrset.type as RecordType;
      for (const r of rrset.records.filter((x) => !x.disabled)) {
        if (type === "MX" || type === "SRV") {
          const [priority, ...rest] = r.content.split(/\s+/);
          records.push({ name, type, ttl: rrset.ttl, content: rest.join(" "), priority: Number(priority) });
        } else records.push({ name, type, ttl: rrset.ttl, content: type === "TXT" ? unquoteTxt(r.content) : r.content, priority: null });
      }
    }
    return { records, serial: current.serial };
  }

  /** A record's data as PowerDNS wants it: targets absolute, TXT quoted, priorities in front. */
  private contentOf(zone: string, r: DnsRecord): string {
    const host = (h: string) => (h === "." ? "." : h.endsWith(".") ? h : absoluteName(h, zone));
    switch (r.type) {
      case "CNAME":
      case "NS":
        return host(r.content.trim());
      case "MX":
        return `${r.priority} ${host(r.content.trim())}`;
      case "SRV": {
        const [weight, port, target] = r.content.trim().split(/\s+/);
        return `${r.priority} ${weight} ${port} ${host(target)}`;
      }
      case "TXT":
        return quoteTxt(r.content);
      default:
        return r.content.trim();
    }
  }

  async replaceRecords(zone: string, records: readonly DnsRecord[]): Promise<{ serial: bigint }> {
    const id = absoluteName("@", zone);
    const current = await this.rrsets(zone);
    if (!current) throw new DnsBackendError("not_found", `zone ${id} does not exist on PowerDNS`);
    const wanted = new Map<string, RRset>();
    for (const r of records) {
      const name = absoluteName(r.name, zone);
      const key = `${name} ${r.type}`;
      const set = wanted.get(key) ?? { name, type: r.type, ttl: r.ttl, records: [] };
      set.records.push({ content: this.contentOf(zone, r), disabled: false });
      wanted.set(key, set);
    }
    const deletes = current.rrsets.filter((r) => this.editable(zone, r) && !wanted.has(`${r.name} ${r.type}`)).map((r) => ({ name: r.name, type: r.type, changetype: "DELETE" }));
    const replaces = [...wanted.values()].map((r) => ({ ...r, changetype: "REPLACE" }));
    if (deletes.length + replaces.length > 0) {
      const res = await this.request("PATCH", `/zones/${encodeURIComponent(id)}`, { rrsets: [...deletes, ...replaces] });
      if (!res.ok) await this.failure(res, `the change of zone ${id}`);
    }
    const after = await this.rrsets(zone);
    return { serial: after?.serial ?? current.serial };
  }

  async dnssec(zone: string): Promise<{ signed: boolean } | null> {
    const id = absoluteName("@", zone);
    const res = await this.request("GET", `/zones/${encodeURIComponent(id)}?rrsets=false`);
    if (!res.ok) return null;
    const body = (await res.json()) as { dnssec?: boolean };
    return typeof body.dnssec === "boolean" ? { signed: body.dnssec } : null;
  }
}
