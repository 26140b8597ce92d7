// The DNS backend interface (issue 6): where Portico's zones are served. "builtin" keeps them in
// Postgres (DnsZone/DnsRecord; for demos and for providers whose name servers read that database),
// "powerdns" is PowerDNS Authoritative through its HTTP API. A save replaces the whole zone's
// records at once: the backend applies all of it or none of it.
import type { DnsRecord } from "@/lib/dns/records";

export type ZoneSnapshot = { records: DnsRecord[]; serial: bigint };

export class DnsBackendError extends Error {
  constructor(
    readonly code: "unavailable" | "not_found" | "rejected",
    message: string,
  ) {
    super(message);
    this.name = "DnsBackendError";
  }
}

export interface DnsBackend {
  readonly name: string;
  /** Creates the zone (with the provider's name servers at the apex) unless it exists. */
  ensureZone(zone: string, nameservers: readonly string[]): Promise<void>;
  /** The records Portico edits (SOA and the apex NS the backend manages are left out). */
  getZone(zone: string): Promise<ZoneSnapshot | null>;
  /** Makes the zone's editable records exactly `records`, atomically; returns the new serial. */
  replaceRecords(zone: string, records: readonly DnsRecord[]): Promise<{ serial: bigint }>;
  /** DNSSEC status when the backend knows it. */
  dnssec?(zone: string): Promise<{ signed: boolean } | null>;
}
