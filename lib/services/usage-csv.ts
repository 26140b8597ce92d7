// Parsing of the staff usage import (call records or traffic counters as CSV): pure, no data
// access. Every row is checked and every problem reported with its line, so staff fix the file
// once; a file with any error imports nothing.
import { detectDelimiter, parseCsvRecords } from "@/lib/billing/bank-import";
import { isSupportedCurrency, safeParseMoney } from "@/lib/billing/money";
import { normalizeNumber } from "@/lib/integrations/provisioning/builtin-usage";
import { CALL_COLUMNS, MAX_USAGE_IMPORT_ROWS, TRAFFIC_COLUMNS, type UsageColumn } from "./usage-schemas";

export type UsageRowErrorCode =
  | "empty"
  | "unclosedQuote"
  | "missingColumn"
  | "tooManyRows"
  | "cellCount"
  | "required"
  | "tooLong"
  | "timestamp"
  | "future"
  | "notOnHour"
  | "number"
  | "direction"
  | "duration"
  | "bytes"
  | "currency"
  | "amount"
  | "address";

export type UsageRowError = { line: number; code: UsageRowErrorCode; column?: UsageColumn; value?: string };

export type ParsedCall = {
  line: number;
  externalId: string;
  startedAt: Date;
  fromNumber: string;
  toNumber: string;
  direction: "inbound" | "outbound";
  durationSec: number;
  costMinor: bigint;
  currency: string;
};
export type ParsedTraffic = { line: number; address: string; hour: Date; inBytes: bigint; outBytes: bigint };

export type UsageParseResult<T> = { rows: T[]; errors: UsageRowError[] };

/** Errors reported per file: enough to fix a systematic mistake, not a wall of text. */
export const MAX_REPORTED_ERRORS = 100;

// ISO 8601 with a zone: "2026-11-23T14:05:09Z", "2026-11-23 14:05:09+07:00"; a time without a zone
// is refused (whose 14:05 would it be?).
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const PHONE = /^\+?[0-9*#]{2,32}$/;
const WHOLE = /^\d{1,16}$/;
const MAX_EXTERNAL_ID = 100;
const MAX_DURATION_SEC = 48 * 3600;
/** 100 Gbit/s for a full hour. */
const MAX_HOUR_BYTES = 45_000_000_000_000n;
const SKEW_MS = 10 * 60 * 1000;

export function parseTimestamp(raw: string): Date | null {
  const m = TIMESTAMP.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0));
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const zone = m[7] === "Z" ? "Z" : m[7].replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A plain IPv4 or IPv6 address in its usual text form. */
function looksLikeAddress(value: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(value)) return true;
  return /^[0-9a-f:]+$/i.test(value) && value.includes(":") && value.length <= 39;
}

const normaliseHeader = (cell: string) => cell.trim().toLowerCase().replace(/^\uFEFF/, "").replace(/[\s.-]+/g, "_");

type Records = { line: number; cells: string[] }[];

/** The records after the header and where each wanted column is; or the file-level errors. */
function tableOf<C extends UsageColumn>(text: string, columns: readonly C[]): { body: Records; index: Record<C, number> } | { errors: UsageRowError[] } {
  const clean = text.replace(/^\uFEFF/, "");
  const { records, unclosedAt } = parseCsvRecords(clean, detectDelimiter(clean));
  if (unclosedAt !== null) return { errors: [{ line: unclosedAt, code: "unclosedQuote" }] };
  if (records.length === 0) return { errors: [{ line: 1, code: "empty" }] };
  const [header, ...body] = records;
  const names = header.cells.map(normaliseHeader);
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length) return { errors: missing.map((column) => ({ line: header.line, code: "missingColumn" as const, column })) };
  if (body.length === 0) return { errors: [{ line: header.line, code: "empty" }] };
  if (body.length > MAX_USAGE_IMPORT_ROWS) return { errors: [{ line: body[MAX_USAGE_IMPORT_ROWS].line, code: "tooManyRows", value: String(MAX_USAGE_IMPORT_ROWS) }] };
  const index = Object.fromEntries(columns.map((c) => [c, names.indexOf(c)])) as Record<C, number>;
  return { body, index };
}

/** Call detail records: `external_id,started_at,from,to,direction,duration_seconds,cost,currency` (any order, header required). */
export function parseCallCsv(text: string, now: Date): UsageParseResult<ParsedCall> {
  const table = tableOf(text, CALL_COLUMNS);
  if ("errors" in table) return { rows: [], errors: table.errors };
  const rows: ParsedCall[] = [];
  const errors: UsageRowError[] = [];
  for (const { line, cells } of table.body) {
    if (errors.length >= MAX_REPORTED_ERRORS) break;
    if (cells.length < Math.max(...Object.values<number>(table.index)) + 1) {
      errors.push({ line, code: "cellCount" });
      continue;
    }
    const cell = (c: (typeof CALL_COLUMNS)[number]) => cells[table.index[c]].trim();
    const rowErrors: UsageRowError[] = [];
    const fail = (column: UsageColumn, code: UsageRowErrorCode, value?: string) => rowErrors.push({ line, code, column, ...(value !== undefined ? { value: value.slice(0, 60) } : {}) });

    const externalId = cell("external_id");
    if (!externalId) fail("external_id", "required");
    else if (externalId.length > MAX_EXTERNAL_ID) fail("external_id", "tooLong");
    const startedAt = parseTimestamp(cell("started_at"));
    if (!startedAt) fail("started_at", "timestamp", cell("started_at"));
    else if (startedAt.getTime() > now.getTime() + SKEW_MS) fail("started_at", "future", cell("started_at"));
    const fromNumber = normalizeNumber(cell("from"));
    if (!PHONE.test(fromNumber)) fail("from", "number", cell("from"));
    const toNumber = normalizeNumber(cell("to"));
    if (!PHONE.test(toNumber)) fail("to", "number", cell("to"));
    const directionRaw = cell("direction").toLowerCase();
    const direction = directionRaw === "inbound" || directionRaw === "in" ? "inbound" : directionRaw === "outbound" || directionRaw === "out" ? "outbound" : null;
    if (!direction) fail("direction", "direction", cell("direction"));
    const durationRaw = cell("duration_seconds");
    const durationSec = WHOLE.test(durationRaw) ? Number(durationRaw) : NaN;
    if (!(durationSec >= 0 && durationSec <= MAX_DURATION_SEC)) fail("duration_seconds", "duration", durationRaw);
    const currency = cell("currency").toUpperCase();
    let costMinor = 0n;
    if (!isSupportedCurrency(currency)) fail("currency", "currency", cell("currency"));
    else {
      const parsed = safeParseMoney(cell("cost") || "", currency);
      if (parsed.ok) costMinor = parsed.minor;
      else fail("cost", "amount", cell("cost"));
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push({ line, externalId, startedAt: startedAt!, fromNumber, toNumber, direction: direction!, durationSec, costMinor, currency });
  }
  return { rows, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
}

/** Hourly counters: `address,hour,in_bytes,out_bytes` (any order, header required); `addresses` are the service's. */
export function parseTrafficCsv(text: string, now: Date, addresses: ReadonlySet<string>): UsageParseResult<ParsedTraffic> {
  const table = tableOf(text, TRAFFIC_COLUMNS);
  if ("errors" in table) return { rows: [], errors: table.errors };
  const rows: ParsedTraffic[] = [];
  const errors: UsageRowError[] = [];
  for (const { line, cells } of table.body) {
    if (errors.length >= MAX_REPORTED_ERRORS) break;
    if (cells.length < Math.max(...Object.values<number>(table.index)) + 1) {
      errors.push({ line, code: "cellCount" });
      continue;
    }
    const cell = (c: (typeof TRAFFIC_COLUMNS)[number]) => cells[table.index[c]].trim();
    const rowErrors: UsageRowError[] = [];
    const fail = (column: UsageColumn, code: UsageRowErrorCode, value?: string) => rowErrors.push({ line, code, column, ...(value !== undefined ? { value: value.slice(0, 60) } : {}) });

    const address = cell("address").toLowerCase();
    if (!address) fail("address", "required");
    else if (!looksLikeAddress(address) || !addresses.has(address)) fail("address", "address", cell("address"));
    const hour = parseTimestamp(cell("hour"));
    if (!hour) fail("hour", "timestamp", cell("hour"));
    else if (hour.getTime() % 3_600_000 !== 0) fail("hour", "notOnHour", cell("hour"));
    else if (hour.getTime() > now.getTime()) fail("hour", "future", cell("hour"));
    const bytes = (column: "in_bytes" | "out_bytes") => {
      const raw = cell(column);
      if (!WHOLE.test(raw) || BigInt(raw) > MAX_HOUR_BYTES) {
        fail(column, "bytes", raw);
        return 0n;
      }
      return BigInt(raw);
    };
    const inBytes = bytes("in_bytes");
    const outBytes = bytes("out_bytes");
    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push({ line, address, hour: hour!, inBytes, outBytes });
  }
  return { rows, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
}
