// BIND zone files (RFC 1035 §5) for the zone editor's import and export: the records Portico edits
// (A, AAAA, CNAME, MX, TXT, SRV, CAA, NS) with $ORIGIN, $TTL, "@", relative and absolute names,
// an omitted owner (the previous one), optional TTL and class, comments and parentheses. The SOA
// belongs to the DNS backend and is skipped on import; other types are reported by line.
import { type DnsRecord, RECORD_TYPES, type RecordType, TTL_DEFAULT, absoluteName, normaliseName, quoteTxt } from "./records";

export type ZoneImportProblem = { line: number; key: string; text: string };
export type ZoneImport = { records: DnsRecord[]; problems: ZoneImportProblem[]; skipped: { line: number; type: string }[] };

/** The zone as a BIND file: $ORIGIN and $TTL, then the records sorted by name and type. */
export function exportZoneFile(zone: string, records: readonly DnsRecord[], opts: { defaultTtl?: number; generatedAt?: Date } = {}): string {
  const origin = absoluteName("@", zone);
  const lines = [`; Zone ${origin} exported by Portico${opts.generatedAt ? ` on ${opts.generatedAt.toISOString()}` : ""}`, `$ORIGIN ${origin}`, `$TTL ${opts.defaultTtl ?? TTL_DEFAULT}`];
  const apexFirst = (r: DnsRecord) => (r.name === "@" ? 0 : 1);
  const sorted = [...records].sort(
    (a, b) => apexFirst(a) - apexFirst(b) || a.name.localeCompare(b.name) || RECORD_TYPES.indexOf(a.type) - RECORD_TYPES.indexOf(b.type) || (a.priority ?? 0) - (b.priority ?? 0),
  );
  for (const r of sorted) {
    const data = r.type === "TXT" ? quoteTxt(r.content) : r.priority !== null ? `${r.priority} ${r.content}` : r.content;
    lines.push([r.name, String(r.ttl), "IN", r.type, data].join("\t"));
  }
  return `${lines.join("\n")}\n`;
}

/** Tokens of one logical line: quoted strings keep their spaces (and are marked), comments are dropped. */
type Token = { text: string; quoted: boolean };

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ";") break;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === '"') {
      let text = "";
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < line.length) {
          // \DDD is a decimal byte; \X is X.
          const digits = /^\d{3}/.exec(line.slice(i + 1));
          if (digits) {
            text += String.fromCharCode(Number(digits[0]));
            i += 4;
          } else {
            text += line[i + 1];
            i += 2;
          }
          continue;
        }
        text += line[i++];
      }
      i++;
      tokens.push({ text, quoted: true });
      continue;
    }
    let text = "";
    while (i < line.length && !" \t;\"".includes(line[i])) text += line[i++];
    tokens.push({ text, quoted: false });
  }
  return tokens;
}

/** Joins lines inside parentheses into one logical line, remembering where each began. */
function logicalLines(text: string): { line: number; content: string; indented: boolean }[] {
  const out: { line: number; content: string; indented: boolean }[] = [];
  let depth = 0;
  let current: { line: number; content: string; indented: boolean } | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    let stripped = "";
    let inQuote = false;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c === "\\" && inQuote) {
        stripped += c + (raw[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === '"') inQuote = !inQuote;
      if (!inQuote && c === ";") break;
      if (!inQuote && c === "(") {
        depth++;
        stripped += " ";
        continue;
      }
      if (!inQuote && c === ")") {
        depth = Math.max(0, depth - 1);
        stripped += " ";
        continue;
      }
      stripped += c;
    }
    if (current) current.content += ` ${stripped}`;
    else current = { line: index + 1, content: stripped, indented: /^[ \t]/.test(raw) };
    if (depth === 0) {
      if (current.content.trim()) out.push(current);
      current = null;
    }
  });
  if (current && (current as { content: string }).content.trim()) out.push(current);
  return out;
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/** "3600", "1h", "1h30m" → seconds; null when it is not a TTL. */
export function parseTtl(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const parts = text.toLowerCase().match(/\d+[smhdw]/g);
  if (!parts || parts.join("") !== text.toLowerCase()) return null;
  return parts.reduce((sum, p) => sum + Number(p.slice(0, -1)) * TTL_UNITS[p.slice(-1)], 0);
}

const isType = (text: string): boolean => /^[A-Z][A-Z0-9]*$/i.test(text) && !/^\d/.test(text) && !/^(IN|CH|HS)$/i.test(text) && parseTtl(text) === null;

/**
 * Reads a zone file into records of `zone`. Names outside the zone, unknown types and malformed
 * lines are problems with their line number; SOA and types Portico does not edit are skipped and
 * listed. The records still need recordProblems/zoneProblems before they are saved.
 */
export function importZoneFile(zone: string, text: string): ZoneImport {
  const zoneAbs = absoluteName("@", zone);
  let origin = zoneAbs;
  let defaultTtl = TTL_DEFAULT;
  let lastOwner: string | null = null;
  const records: DnsRecord[] = [];
  const problems: ZoneImportProblem[] = [];
  const skipped: { line: number; type: string }[] = [];

  for (const { line, content, indented } of logicalLines(text)) {
    const tokens = tokenize(content);
    if (tokens.length === 0) continue;
    const problem = (key: string) => problems.push({ line, key, text: content.trim().slice(0, 200) });
    const first = tokens[0].text.toUpperCase();
    if (!tokens[0].quoted && first === "$ORIGIN") {
      const value = tokens[1]?.text;
      if (!value) problem("errors.import.directive");
      else origin = value.endsWith(".") ? value.toLowerCase() : `${value.toLowerCase()}.${origin}`;
      continue;
    }
    if (!tokens[0].quoted && first === "$TTL") {
      const ttl = parseTtl(tokens[1]?.text ?? "");
      if (ttl === null) problem("errors.import.directive");
      else defaultTtl = ttl;
      continue;
    }
    if (!tokens[0].quoted && first.startsWith("$")) {
      problem("errors.import.directive");
      continue;
    }

    let rest = tokens;
    let owner: string | null;
    if (indented) owner = lastOwner;
    else {
      const name = rest[0].text;
      rest = rest.slice(1);
      owner = name === "@" ? origin : name.endsWith(".") ? name.toLowerCase() : `${name.toLowerCase()}.${origin}`;
    }
    if (!owner) {
      problem("errors.import.noOwner");
      continue;
    }
    lastOwner = owner;

    // [TTL] [class] type, or [class] [TTL] type.
    let ttl: number | null = null;
    while (rest.length && !rest[0].quoted && !isType(rest[0].text)) {
      const t = rest[0].text;
      const asTtl = parseTtl(t);
      if (asTtl !== null && ttl === null) ttl = asTtl;
      else if (!/^(IN|CH|HS)$/i.test(t)) break;
      rest = rest.slice(1);
    }
    const type = rest[0]?.text.toUpperCase();
    const data = rest.slice(1);
    if (!type || rest[0].quoted || !isType(type)) {
      problem("errors.import.syntax");
      continue;
    }
    if (!(RECORD_TYPES as readonly string[]).includes(type)) {
      skipped.push({ line, type });
      continue;
    }
    if (owner !== zoneAbs && !owner.endsWith(`.${zoneAbs}`)) {
      problem("errors.import.outsideZone");
      continue;
    }
    const name = normaliseName(owner, zone);
    const words = data.map((d) => d.text);
    const record = (contentText: string, priority: number | null = null): DnsRecord => ({ name, type: type as RecordType, ttl: ttl ?? defaultTtl, content: contentText, priority });
    // Host names relative to $ORIGIN are made absolute, so the record means the same in any zone.
    const host = (h: string | undefined) => (h === undefined ? "" : h === "@" ? origin : h.endsWith(".") ? h.toLowerCase() : `${h.toLowerCase()}.${origin}`);
    switch (type) {
      case "MX":
        if (words.length !== 2 || !/^\d+$/.test(words[0])) problem("errors.import.data");
        else records.push(record(host(words[1]), Number(words[0])));
        break;
      case "SRV":
        if (words.length !== 4 || !words.slice(0, 3).every((w) => /^\d+$/.test(w))) problem("errors.import.data");
        else records.push(record(`${words[1]} ${words[2]} ${words[3] === "." ? "." : host(words[3])}`, Number(words[0])));
        break;
      case "TXT":
        if (data.length === 0) problem("errors.import.data");
        else records.push(record(data.map((d) => d.text).join("")));
        break;
      case "CAA":
        if (data.length !== 3) problem("errors.import.data");
        else records.push(record(`${data[0].text} ${data[1].text.toLowerCase()} "${data[2].text}"`));
        break;
      case "CNAME":
      case "NS":
        if (words.length !== 1) problem("errors.import.data");
        else records.push(record(host(words[0])));
        break;
      default:
        if (words.length !== 1) problem("errors.import.data");
        else records.push(record(words[0]));
    }
  }
  return { records, problems, skipped };
}
