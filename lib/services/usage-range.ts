// Calendar days and months of the usage pages, in the user's time zone (DESIGN §6: timestamps are
// UTC in the database and shown in the user's zone; a "day" filter means the user's day).
import { todayIn } from "@/lib/format/dates";
import { zonedLocalToUtc } from "@/lib/network/zoned-time";

/** "2026-02-28" → "2026-03-01". */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** "2026-02-14" → "2026-02-01". */
export const monthStartOf = (day: string) => `${day.slice(0, 7)}-01`;

/** "2026-12" → "2027-01". */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/** "2026-01" → "2025-12". */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** The UTC instant at which `day` begins on the wall clock of `timeZone`. */
export const dayStartUtc = (day: string, timeZone: string) => zonedLocalToUtc(`${day}T00:00`, timeZone);

/** Inclusive calendar days and the half-open UTC interval [start, end) they cover in `timeZone`. */
export type DayRange = { from: string; to: string; start: Date; end: Date };

/**
 * The days a filter asks for, defaulting to this month so far: no days → the 1st of this month to
 * today; only `from` → to today (or to `from` when that is later); only `to` → from the 1st of its
 * month; reversed days are swapped rather than refused (a bookmark never breaks).
 */
export function resolveDayRange(input: { from?: string; to?: string }, timeZone: string, now: Date): DayRange {
  const today = todayIn(timeZone, now);
  let from = input.from ?? (input.to ? monthStartOf(input.to) : monthStartOf(today));
  let to = input.to ?? (from > today ? from : today);
  if (from > to) [from, to] = [to, from];
  return { from, to, start: dayStartUtc(from, timeZone), end: dayStartUtc(nextDay(to), timeZone) };
}
