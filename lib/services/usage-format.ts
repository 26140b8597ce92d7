// Pure formatting for the usage pages and exports (no data access; safe in client components).

/** 3725 → "1:02:05" (hours are not wrapped at 24: a call of 26 hours is "26:00:00"). */
export function formatCallDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.trunc(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  return `${hours}:${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
}

const BYTE_UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte", "petabyte"] as const;

/**
 * Bytes in decimal units (1 GB = 10⁹ bytes, as carriers bill traffic), in the locale's words:
 * formatBytes(1_530_000_000_000, "en") → "1.53 TB". Takes a bigint so petabytes stay exact
 * until the final division.
 */
export function formatBytes(bytes: bigint | number, locale: string): string {
  let value = typeof bytes === "bigint" ? Number(bytes) : bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: BYTE_UNITS[unit],
    unitDisplay: "short",
    maximumFractionDigits: unit === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0,
  }).format(value);
}

// A cell starting with one of these is a formula to a spreadsheet ("CSV injection"). Phone numbers
// and signed numbers legitimately start with + or -, so those are neutralised only when the rest
// is not plainly a number.
const FORMULA_START = /^[=@\t\r]/;
const SIGNED_START = /^[+-]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().-]*$/;

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote, line break or edge space; formulas defused. */
export function csvCell(value: string | number | bigint): string {
  let text = String(value);
  if (FORMULA_START.test(text) || (SIGNED_START.test(text) && !PLAIN_NUMBER.test(text))) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: (string | number | bigint)[]) => `${cells.map(csvCell).join(",")}\r\n`;

const localStampFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A point in time on the wall clock of `timeZone` as "YYYY-MM-DD HH:mm:ss" (for CSV exports, which
 * spreadsheets read as a date and time whatever the user's language).
 */
export function formatLocalTimestamp(value: Date, timeZone: string): string {
  let formatter = localStampFormatters.get(timeZone);
  if (!formatter) {
    // sv-SE writes dates as ISO does: 2026-11-23 14:00:05.
    formatter = new Intl.DateTimeFormat("sv-SE", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    localStampFormatters.set(timeZone, formatter);
  }
  return formatter.format(value);
}
