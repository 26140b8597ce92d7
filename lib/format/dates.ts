// Every timestamp is UTC in the database and shown in the user's time zone (DESIGN §6).
// Calendar dates (Postgres `date`, e.g. an invoice's due date) have no time zone: Prisma returns
// them as UTC midnight, so they are formatted in UTC, or they would move a day west of Greenwich.

export type DateStyle = "short" | "medium" | "long";

// Building an Intl.DateTimeFormat costs ~40× more than formatting with one, and a ticket queue
// formats dozens of dates per page: keep one per (kind, locale, style, zone). The key space is
// small (four languages, a few styles, the zones of real users), so the cache stays small.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cacheKey = `${key}|${locale}|${options.timeZone ?? ""}`;
  let cached = formatters.get(cacheKey);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(cacheKey, cached);
  }
  return cached;
}

/** A point in time as a date in the user's time zone. */
export function formatDate(value: Date, locale: string, timeZone: string, style: DateStyle = "medium"): string {
  return formatter(`date:${style}`, locale, { dateStyle: style, timeZone }).format(value);
}

/** A point in time as date and time in the user's time zone. */
export function formatDateTime(value: Date, locale: string, timeZone: string, style: DateStyle = "medium"): string {
  return formatter(`datetime:${style}`, locale, { dateStyle: style, timeStyle: "short", timeZone }).format(value);
}

/** A calendar date (a `@db.Date` column). */
export function formatCalendarDate(value: Date, locale: string, style: DateStyle = "medium"): string {
  return formatter(`calendar:${style}`, locale, { dateStyle: style, timeZone: "UTC" }).format(value);
}

/** Today's calendar date in a time zone, as "YYYY-MM-DD". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return formatter("ymd", "en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Today in a time zone as a `@db.Date` value (UTC midnight), for comparing with date columns. */
export function todayAsCalendarDate(timeZone: string, now: Date = new Date()): Date {
  return new Date(`${todayIn(timeZone, now)}T00:00:00.000Z`);
}
