// DNS records as Portico edits them (issue 6: the zone editor, templates, BIND import/export and
// the DNS backends): one shape for every backend, validated here once. Names are relative to the
// zone ("@" is the apex, "www", "_dmarc", "*.dev"); host-name targets are absolute with a trailing
// dot or relative to the zone, like in a zone file. Pure functions, no I/O.

/** Dotted-quad IPv4 without leading zeros (which some parsers read as octal). */
export function isIPv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** IPv6 in any RFC 4291 text form: eight groups, one "::" for zeros, an IPv4 tail; no zone id. */
export function isIPv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return false;
  let body = text;
  const lastColon = body.lastIndexOf(":");
  const tail = body.slice(lastColon + 1);
  if (tail.includes(".")) {
    // An embedded IPv4 address stands for the last two groups.
    if (lastColon < 0 || !isIPv4(tail)) return false;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const hex = (group: string) => /^[0-9a-fA-F]{1,4}$/.test(group);
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const halves = body.split("::");
  if (halves.length > 2) return false;
  if (halves.length === 2) {
    const [head, rest] = [groups(halves[0]), groups(halves[1])];
    return head.every(hex) && rest.every(hex) && head.length + rest.length <= 7;
  }
  const all = groups(body);
  return all.length === 8 && all.every(hex);
}

/** 4 or 6 for a valid address, 0 otherwise (like node:net's isIP, without Node, so the editor can use it). */
const isIP = (text: string): 0 | 4 | 6 => (isIPv4(text) ? 4 : isIPv6(text) ? 6 : 0);

export const RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA", "NS"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Seconds. Below a minute resolvers are hammered; above a week a mistake lingers too long. */
export const TTL_MIN = 60;
export const TTL_MAX = 604_800;
export const TTL_DEFAULT = 3_600;
/** One character-string of a TXT record (RFC 1035 §3.3.14); longer values are split into several. */
export const TXT_CHUNK = 255;
/** A TXT record's whole value (keeps a DNS answer well under the 64 KiB message limit). */
export const TXT_MAX = 4_000;
export const CAA_TAGS = ["issue", "issuewild", "iodef"] as const;

export type DnsRecord = {
  name: string;
  type: RecordType;
  ttl: number;
  /** The record's data in zone-file presentation without the priority: "192.0.2.1", "mail.example.com.", "v=spf1 -all", "0 issue \"letsencrypt.org\"", "5 5060 sip.example.com." (SRV: weight port target). */
  content: string;
  /** MX and SRV only. */
  priority: number | null;
};

/** What is wrong with a record or a zone; `field` names the record's field the message belongs to. Keys of the "dns" messages. */
export type RecordProblem = { key: string; field: "name" | "type" | "ttl" | "content" | "priority"; values?: Record<string, string | number> };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// Service labels (_sip, _tcp, _dmarc, _domainkey) and DKIM selectors may carry underscores.
const SERVICE_LABEL = /^_?[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$|^_[a-z0-9]$/;

/** Lower-cases and trims a record name; "" and the zone's own name become "@". */
export function normaliseName(name: string, zone: string): string {
  let n = name.trim().toLowerCase();
  const z = zone.toLowerCase().replace(/\.$/, "");
  if (n === "" || n === "@" || n === `${z}.`) return "@";
  if (n.endsWith(`.${z}.`)) n = n.slice(0, -(z.length + 2));
  return n;
}

/** A record's owner name relative to the zone: "@", or labels (a leading "*" wildcard, underscores for service names). */
export function isValidRecordName(name: string, zone: string): boolean {
  if (name === "@") return true;
  if (name.endsWith(".")) return false;
  const labels = name.split(".");
  const full = `${name}.${zone}`;
  if (full.length > 253) return false;
  return labels.every((label, i) => (label === "*" ? i === 0 : SERVICE_LABEL.test(label)));
}

/** A host name (CNAME, MX, NS, SRV targets): LDH labels, absolute with a trailing dot or relative. */
export function isValidHostName(host: string): boolean {
  const h = host.replace(/\.$/, "");
  if (h.length === 0 || h.length > 253) return false;
  return h.split(".").every((label) => LABEL.test(label));
}

/** "mail" in zone "example.com" → "mail.example.com."; "@" → the zone; an absolute name stays. */
export function absoluteName(name: string, zone: string): string {
  const z = `${zone.toLowerCase().replace(/\.$/, "")}.`;
  if (name === "@") return z;
  if (name.endsWith(".")) return name.toLowerCase();
  return `${name.toLowerCase()}.${z}`;
}

/** Splits a TXT value into 255-character strings and quotes them for a zone file or an API. */
export function quoteTxt(value: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < value.length; i += TXT_CHUNK) chunks.push(value.slice(i, i + TXT_CHUNK));
  return (chunks.length ? chunks : [""]).map((c) => `"${c.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(" ");
}

const uint = (text: string, max: number) => /^\d+$/.test(text) && Number(text) <= max;

/** The problems of one record on its own (the zone-wide rules are in zoneProblems). */
export function recordProblems(record: DnsRecord, zone: string): RecordProblem[] {
  const problems: RecordProblem[] = [];
  if (!isValidRecordName(record.name, zone)) problems.push({ key: "errors.name", field: "name" });
  if (!(RECORD_TYPES as readonly string[]).includes(record.type)) return [...problems, { key: "errors.type", field: "type" }];
  if (!Number.isInteger(record.ttl) || record.ttl < TTL_MIN || record.ttl > TTL_MAX) problems.push({ key: "errors.ttl", field: "ttl", values: { min: TTL_MIN, max: TTL_MAX } });
  const needsPriority = record.type === "MX" || record.type === "SRV";
  if (needsPriority && (record.priority === null || !Number.isInteger(record.priority) || record.priority < 0 || record.priority > 65_535)) problems.push({ key: "errors.priority", field: "priority" });
  if (!needsPriority && record.priority !== null) problems.push({ key: "errors.noPriority", field: "priority" });

  const content = record.content.trim();
  const bad = (key: string, values?: RecordProblem["values"]) => problems.push({ key, field: "content", ...(values ? { values } : {}) });
  switch (record.type) {
    case "A":
      if (isIP(content) !== 4) bad("errors.ipv4");
      break;
    case "AAAA":
      if (isIP(content) !== 6) bad("errors.ipv6");
      break;
    case "CNAME":
    case "NS":
    case "MX":
      if (!isValidHostName(content)) bad("errors.host");
      break;
    case "SRV": {
      const [weight, port, target, ...rest] = content.split(/\s+/);
      if (rest.length || !weight || !port || !target || !uint(weight, 65_535) || !uint(port, 65_535) || (target !== "." && !isValidHostName(target))) bad("errors.srv");
      if (!/^_[a-z0-9-]+\._(tcp|udp|tls|sctp)(\.|$)/.test(record.name)) problems.push({ key: "errors.srvName", field: "name" });
      break;
    }
    case "TXT":
      if (content.length === 0) bad("errors.txtEmpty");
      else if (content.length > TXT_MAX) bad("errors.txtLong", { max: TXT_MAX });
      else if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(content)) bad("errors.txtControl");
      break;
    case "CAA": {
      const match = /^(\d{1,3})\s+([a-z0-9]+)\s+"([^"]*)"$/i.exec(content);
      if (!match || Number(match[1]) > 255 || !(CAA_TAGS as readonly string[]).includes(match[2].toLowerCase())) bad("errors.caa");
      else if (match[2].toLowerCase() === "iodef" && !/^(mailto:|https?:\/\/)\S+$/.test(match[3])) bad("errors.caaIodef");
      break;
    }
  }
  return problems;
}

/** A record's identity for duplicates: same name, type and data (TTL aside). */
const recordKey = (r: DnsRecord) => `${r.name}\u0000${r.type}\u0000${r.priority ?? ""}\u0000${r.content.trim().toLowerCase()}`;

/**
 * The rules that need the whole zone: no CNAME at the apex, a CNAME alone at its name (RFC 1034
 * §3.6.2), no duplicate records, one TTL per name and type (an RRset has one TTL, RFC 2181 §5.2).
 * Returns problems by the index of the record they belong to.
 */
export function zoneProblems(records: readonly DnsRecord[]): { index: number; problem: RecordProblem }[] {
  const out: { index: number; problem: RecordProblem }[] = [];
  const byName = new Map<string, number[]>();
  records.forEach((r, i) => byName.set(r.name, [...(byName.get(r.name) ?? []), i]));
  for (const [name, indexes] of byName) {
    const cnames = indexes.filter((i) => records[i].type === "CNAME");
    if (cnames.length && name === "@") for (const i of cnames) out.push({ index: i, problem: { key: "errors.cnameApex", field: "type" } });
    else if (cnames.length && indexes.length > 1) for (const i of cnames) out.push({ index: i, problem: { key: "errors.cnameExclusive", field: "type", values: { name } } });
  }
  const seen = new Map<string, number>();
  const ttlOf = new Map<string, number>();
  records.forEach((r, i) => {
    const key = recordKey(r);
    if (seen.has(key)) out.push({ index: i, problem: { key: "errors.duplicate", field: "content" } });
    else seen.set(key, i);
    const set = `${r.name}\u0000${r.type}`;
    const ttl = ttlOf.get(set);
    if (ttl === undefined) ttlOf.set(set, r.ttl);
    else if (ttl !== r.ttl) out.push({ index: i, problem: { key: "errors.ttlMismatch", field: "ttl", values: { ttl } } });
  });
  return out;
}

/** Nameservers of a domain (issue 6): 2–13 distinct host names; those under the domain need glue addresses. */
export function nameserverProblems(domain: string, nameservers: readonly { host: string; addresses?: readonly string[] }[]): string[] {
  const problems: string[] = [];
  const hosts = nameservers.map((ns) => ns.host.trim().toLowerCase().replace(/\.$/, ""));
  if (hosts.length < 2) problems.push("errors.nsTooFew");
  if (hosts.length > 13) problems.push("errors.nsTooMany");
  if (new Set(hosts).size !== hosts.length) problems.push("errors.nsDuplicate");
  nameservers.forEach((ns, i) => {
    const host = hosts[i];
    if (!isValidHostName(host) || !host.includes(".")) problems.push(`errors.nsHost:${i}`);
    const inBailiwick = host === domain || host.endsWith(`.${domain}`);
    const addresses = ns.addresses ?? [];
    if (inBailiwick && addresses.length === 0) problems.push(`errors.nsGlueMissing:${i}`);
    if (!inBailiwick && addresses.length > 0) problems.push(`errors.nsGlueNotAllowed:${i}`);
    if (addresses.some((a) => isIP(a) === 0)) problems.push(`errors.nsGlueAddress:${i}`);
  });
  return problems;
}
