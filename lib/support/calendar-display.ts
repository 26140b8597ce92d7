// How business calendars are shown: one-line descriptions for lists ("Mon–Fri 08:00–17:00, Sat
// 08:00–11:30") and the time zone choices of the editor. Pure and locale-aware through Intl.
import { todayIn } from "@/lib/format";
import { WEEK_ORDER } from "./settings-schemas";

type Interval = { day: number; start: string; end: string };

/** Short weekday name; 2024-01-07 was a Sunday, so day 0 lands on it. */
export function weekdayName(day: number, locale: string, style: "short" | "long" = "short"): string {
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 7 + day)));
}

/**
 * The weekly hours, Monday first, with consecutive days of identical hours joined into a range and
 * a day's intervals joined with "+": "Mon–Fri 08:00–12:00 + 13:00–17:00, Sat 08:00–11:30".
 * Closed days are left out; "" when the desk never opens.
 */
export function weeklyHoursSummary(weeklyHours: readonly Interval[], locale: string): string {
  const hoursOf = (day: number) =>
    weeklyHours
      .filter((interval) => interval.day === day)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((interval) => `${interval.start}–${interval.end}`)
      .join(" + ");
  const groups: { first: number; last: number; lastIndex: number; hours: string }[] = [];
  WEEK_ORDER.forEach((day, index) => {
    const hours = hoursOf(day);
    if (!hours) return;
    const previous = groups.at(-1);
    if (previous && previous.lastIndex === index - 1 && previous.hours === hours) Object.assign(previous, { last: day, lastIndex: index });
    else groups.push({ first: day, last: day, lastIndex: index, hours });
  });
  return groups
    .map(({ first, last, hours }) => `${first === last ? weekdayName(first, locale) : `${weekdayName(first, locale)}–${weekdayName(last, locale)}`} ${hours}`)
    .join(", ");
}

/** Holidays from today on, today being the calendar's own date in its zone. */
export function upcomingHolidayCount(holidays: readonly string[], timeZone: string, now: Date = new Date()): number {
  let today: string;
  try {
    today = todayIn(timeZone, now);
  } catch {
    today = todayIn("UTC", now);
  }
  return holidays.filter((date) => date >= today).length;
}

/**
 * The editor's time zones: Intl's list plus UTC and the zones given (the stored one may be an alias
 * such as Asia/Ho_Chi_Minh that Intl lists under another name). Built on the server and passed to
 * the form, so the browser's own list cannot make the markup differ.
 */
export function timeZoneChoices(include: readonly string[] = []): string[] {
  return [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC", ...include.filter(Boolean)])].sort();
}
