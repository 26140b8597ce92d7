// Billing cycles on calendar dates ("YYYY-MM-DD" strings). Due dates are days, not instants, so no
// time zone is involved; the arithmetic goes through UTC only because UTC has no DST gaps.

export const BILLING_CYCLES = ["monthly", "quarterly", "semiannual", "annual", "biennial"] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

export const CYCLE_MONTHS: Readonly<Record<BillingCycle, number>> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
  biennial: 24,
};

/** A calendar date as "YYYY-MM-DD". */
export type IsoDate = string;

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

type DateParts = { year: number; month: number; day: number }; // month 1–12

export function isBillingCycle(value: string): value is BillingCycle {
  return (BILLING_CYCLES as readonly string[]).includes(value);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDate(value: IsoDate): DateParts {
  const match = ISO_DATE_PATTERN.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  // Reject "2025-02-30" instead of letting Date roll it over to March.
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${value}"`);
  }
  return { year, month, day };
}

function formatDate({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function toEpochDay(value: IsoDate): number {
  const { year, month, day } = parseDate(value);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): IsoDate {
  const date = new Date(epochDay * MS_PER_DAY);
  return formatDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

export function isIsoDate(value: string): boolean {
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier): daysBetween("2024-02-28", "2024-03-01") → 2. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * The due date one cycle after `from`, on the anchor day of the month, or the month's last day when
 * the month is shorter. The anchor is the day the service was first due; passing it on every renewal
 * is what brings a service due on the 31st back to the 31st after February (Jan 31 → Feb 28 → Mar 31)
 * instead of drifting to the 28th for ever.
 */
export function nextDueDate(anchorDay: number, from: IsoDate, cycle: BillingCycle): IsoDate {
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) {
    throw new RangeError(`anchorDay must be 1–31, got ${anchorDay}`);
  }
  const { year, month } = parseDate(from);
  const monthIndex = month - 1 + CYCLE_MONTHS[cycle];
  const nextYear = year + Math.floor(monthIndex / 12);
  const nextMonth = (monthIndex % 12) + 1;
  return formatDate({ year: nextYear, month: nextMonth, day: Math.min(anchorDay, daysInMonth(nextYear, nextMonth)) });
}

/**
 * `date` plus one cycle, clamped to the end of a shorter month (Jan 31 + 1 month = Feb 28/29).
 * Anchored on the date's own day; use nextDueDate with the original anchor when renewing repeatedly.
 */
export function addCycle(date: IsoDate, cycle: BillingCycle): IsoDate {
  return nextDueDate(parseDate(date).day, date, cycle);
}

/**
 * The service period a due date pays for: from the due date up to, and including, the day before
 * the next due date. Pass the anchor day so a period starting on a clamped date (Feb 28 for an
 * anchor of 31) runs to Mar 30, not Mar 27.
 */
export function periodFor(dueDate: IsoDate, cycle: BillingCycle, anchorDay?: number): { start: IsoDate; end: IsoDate } {
  const next = nextDueDate(anchorDay ?? parseDate(dueDate).day, dueDate, cycle);
  return { start: dueDate, end: addDays(next, -1) };
}
