// Bank statement CSV → incoming payments: pure parsing, no data access (matching and booking are in
// admin-bank-import.ts). Strict on purpose: a row is either exactly understood or reported with the
// reason, never guessed, because a misread amount or date would be booked as money received.
import { createHash } from "node:crypto";
import { type Currency, isSupportedCurrency, safeParseMoney } from "./money";

export const BANK_COLUMNS = ["date", "amount", "currency", "reference", "counterparty", "transactionId"] as const;
export type BankColumn = (typeof BANK_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly BankColumn[] = ["date", "amount", "currency", "reference"];

export const MAX_BANK_ROWS = 5000;

// Header names as banks and people write them (compared without case, spaces, dots or dashes).
const HEADER_ALIASES: Record<string, BankColumn> = {
  date: "date",
  datum: "date",
  dátum: "date",
  bookingdate: "date",
  valuedate: "date",
  amount: "amount",
  suma: "amount",
  összeg: "amount",
  osszeg: "amount",
  currency: "currency",
  mena: "currency",
  pénznem: "currency",
  penznem: "currency",
  reference: "reference",
  paymentreference: "reference",
  variablesymbol: "reference",
  variabilnysymbol: "reference",
  variabilnýsymbol: "reference",
  vs: "reference",
  közlemény: "reference",
  kozlemeny: "reference",
  counterparty: "counterparty",
  payer: "counterparty",
  name: "counterparty",
  protistrana: "counterparty",
  partner: "counterparty",
  transactionid: "transactionId",
  transaction: "transactionId",
  txid: "transactionId",
  id: "transactionId",
};

export type BankRowErrorCode =
  | "columnCount"
  | "headerUnknown"
  | "headerMissingColumn"
  | "dateInvalid"
  | "amountFormat"
  | "amountDecimals"
  | "notIncoming"
  | "currencyUnknown"
  | "referenceInvalid"
  | "textTooLong"
  | "duplicateTransaction"
  | "unclosedQuote"
  | "tooManyRows"
  | "empty";

export type BankRowError = { line: number; code: BankRowErrorCode; column?: BankColumn; value?: string };

export type BankRow = {
  /** 1-based line of the file where the row starts. */
  line: number;
  /** "YYYY-MM-DD". */
  date: string;
  amountMinor: bigint;
  currency: Currency;
  /** Digits only ("variabilný symbol"); "" when the payer gave none. */
  reference: string;
  counterparty: string;
  transactionId: string | null;
  /** What makes booking idempotent: the bank's transaction id, or a hash of the row (see rowExternalId). */
  externalId: string;
};

export type BankParseResult = { rows: BankRow[]; errors: BankRowError[]; delimiter: "," | ";"; hasHeader: boolean };

type RawRecord = { line: number; cells: string[] };

/** ";" when the first line has one outside quotes (decimal commas then need no quoting), else ",". */
export function detectDelimiter(text: string): "," | ";" {
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ";") return ";";
  }
  return ",";
}

/** RFC 4180 records: quoted cells may hold the delimiter, doubled quotes and line breaks. */
export function parseCsvRecords(text: string, delimiter: "," | ";"): { records: RawRecord[]; unclosedAt: number | null } {
  const records: RawRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell.trim() !== "") records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      touched = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += ch;
  }
  if (quoted) return { records, unclosedAt: recordLine };
  endRecord();
  return { records, unclosedAt: null };
}

const normaliseHeader = (cell: string) => cell.trim().toLowerCase().replace(/[\s._-]/g, "");

/** The column of each header cell, or null when the row is not a header we know. */
export function headerColumns(cells: string[]): (BankColumn | null)[] {
  return cells.map((c) => HEADER_ALIASES[normaliseHeader(c)] ?? null);
}

const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-05" or "5.3.2026" / "05.03.2026" (day first, as Slovak and Hungarian banks print it) → "2026-03-05". */
export function parseBankDate(raw: string): string | null {
  const value = raw.trim();
  let y: number, m: number, d: number;
  const iso = ISO_DATE.exec(value);
  const dotted = DOTTED_DATE.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dotted) [d, m, y] = [Number(dotted[1]), Number(dotted[2]), Number(dotted[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 2000 || y > 2999 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

// A sign, digits, and one decimal separator (dot or comma) — no thousands separators, no spaces
// inside, no exponent: "1.234,50" is refused rather than read as 1.23450 or 1234.50.
const BANK_AMOUNT = /^([+-]?)(\d+)(?:[.,](\d+))?$/;

export type AmountResult = { ok: true; minor: bigint } | { ok: false; code: "amountFormat" | "amountDecimals" | "notIncoming" };

/** An incoming amount in minor units; decimal comma or dot; zero or negative (a debit) is refused. */
export function parseBankAmount(raw: string, currency: Currency): AmountResult {
  const m = BANK_AMOUNT.exec(raw.trim());
  if (!m) return { ok: false, code: "amountFormat" };
  const whole = m[2].replace(/^0+(?=\d)/, "");
  const parsed = safeParseMoney(`${m[1] === "-" ? "-" : ""}${whole}${m[3] !== undefined ? `.${m[3]}` : ""}`, currency, { allowNegative: true });
  if (!parsed.ok) return { ok: false, code: parsed.code === "too_many_decimals" ? "amountDecimals" : "amountFormat" };
  if (parsed.minor <= 0n) return { ok: false, code: "notIncoming" };
  return { ok: true, minor: parsed.minor };
}

/** The reference digits: spaces dropped, leading zeros kept off (banks pad a VS to 10 digits). */
export function normaliseReference(raw: string): string | null {
  const compact = raw.replace(/\s/g, "");
  if (compact === "") return "";
  if (!/^\d{1,20}$/.test(compact)) return null;
  return compact.replace(/^0+(?=\d)/, "");
}

/**
 * The id that makes a row's booking idempotent. The bank's transaction id when there is one;
 * otherwise a hash of what identifies the payment, plus how many identical rows came before it in
 * the file — so two genuine identical payments are both booked, and importing the file again
 * books neither a second time.
 */
export function rowExternalId(row: { date: string; amountMinor: bigint; currency: string; reference: string; counterparty: string; transactionId: string | null }, occurrence: number): string {
  if (row.transactionId) return row.transactionId;
  const digest = createHash("sha256").update([row.date, row.amountMinor.toString(), row.currency, row.reference, row.counterparty.toLowerCase(), String(occurrence)].join("\u001f")).digest("hex");
  return `csv:${digest.slice(0, 40)}`;
}

const MAX_TEXT = { counterparty: 200, transactionId: 100 } as const;

/** Parses a whole statement: every row either becomes a BankRow or yields errors (all of them, per row). */
export function parseBankCsv(input: string): BankParseResult {
  const text = input.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(text);
  const { records, unclosedAt } = parseCsvRecords(text, delimiter);
  const errors: BankRowError[] = [];
  if (unclosedAt !== null) return { rows: [], errors: [{ line: unclosedAt, code: "unclosedQuote" }], delimiter, hasHeader: false };
  if (records.length === 0) return { rows: [], errors: [{ line: 1, code: "empty" }], delimiter, hasHeader: false };

  // A header row is recognised by its names; without one, the columns are in the documented order.
  let columns: (BankColumn | null)[] = [...BANK_COLUMNS];
  let body = records;
  let hasHeader = false;
  const first = records[0];
  if (parseBankDate(first.cells[0] ?? "") === null) {
    hasHeader = true;
    body = records.slice(1);
    columns = headerColumns(first.cells);
    const unknown = first.cells.filter((_, i) => columns[i] === null);
    if (unknown.length) return { rows: [], errors: [{ line: first.line, code: "headerUnknown", value: unknown.join(", ").slice(0, 200) }], delimiter, hasHeader };
    const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length) return { rows: [], errors: missing.map((column) => ({ line: first.line, code: "headerMissingColumn" as const, column })), delimiter, hasHeader };
  }
  if (body.length > MAX_BANK_ROWS) return { rows: [], errors: [{ line: body[MAX_BANK_ROWS].line, code: "tooManyRows" }], delimiter, hasHeader };
  if (body.length === 0) return { rows: [], errors: [{ line: first.line, code: "empty" }], delimiter, hasHeader };

  const rows: BankRow[] = [];
  const seenTransactions = new Set<string>();
  const occurrences = new Map<string, number>();
  for (const record of body) {
    const rowErrors: BankRowError[] = [];
    const fail = (code: BankRowErrorCode, column?: BankColumn, value?: string) => rowErrors.push({ line: record.line, code, column, value: value?.slice(0, 100) });
    const headerWidth = hasHeader ? columns.length : null;
    if (headerWidth !== null ? record.cells.length !== headerWidth : record.cells.length < REQUIRED_COLUMNS.length || record.cells.length > BANK_COLUMNS.length) {
      fail("columnCount", undefined, String(record.cells.length));
      errors.push(...rowErrors);
      continue;
    }
    const cell = (column: BankColumn) => {
      const index = columns.indexOf(column);
      return index >= 0 ? (record.cells[index] ?? "").trim() : "";
    };

    const date = parseBankDate(cell("date"));
    if (!date) fail("dateInvalid", "date", cell("date"));
    const currencyRaw = cell("currency").toUpperCase();
    const currency = isSupportedCurrency(currencyRaw) ? currencyRaw : null;
    if (!currency) fail("currencyUnknown", "currency", cell("currency"));
    const amount = currency ? parseBankAmount(cell("amount"), currency) : null;
    if (amount && !amount.ok) fail(amount.code, "amount", cell("amount"));
    const reference = normaliseReference(cell("reference"));
    if (reference === null) fail("referenceInvalid", "reference", cell("reference"));
    const counterparty = cell("counterparty").replace(/\s+/g, " ");
    if (counterparty.length > MAX_TEXT.counterparty) fail("textTooLong", "counterparty");
    const transactionId = cell("transactionId") || null;
    if (transactionId && transactionId.length > MAX_TEXT.transactionId) fail("textTooLong", "transactionId");
    else if (transactionId && seenTransactions.has(transactionId)) fail("duplicateTransaction", "transactionId", transactionId);
    if (transactionId) seenTransactions.add(transactionId);

    if (rowErrors.length || !date || !currency || !amount?.ok || reference === null) {
      errors.push(...rowErrors);
      continue;
    }
    const fields = { date, amountMinor: amount.minor, currency, reference, counterparty, transactionId };
    const identity = [date, amount.minor, currency, reference, counterparty.toLowerCase()].join("|");
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    rows.push({ line: record.line, ...fields, externalId: rowExternalId(fields, occurrence) });
  }
  return { rows, errors, delimiter, hasHeader };
}
