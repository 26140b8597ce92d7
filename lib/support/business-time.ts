/**
 * Business-time arithmetic for support SLAs ("answer within 4 working hours") on a desk's own calendar.
 *
 * Pure functions of (instant, calendar): no clock, no I/O, no date library. Time zones go through Intl
 * only. Inside, a local wall-clock time is a "wall timestamp": the epoch milliseconds that wall time
 * would have if the zone were UTC. Calendar arithmetic on wall timestamps is plain integer arithmetic
 * that never meets a DST transition; only the edges of each opening interval are converted to real
 * instants, so the work is one step per interval (day by day), never one per minute.
 *
 * Decisions:
 * - Opening intervals are half-open [start, end): exactly at opening time the desk is open, exactly at
 *   closing time it is closed.
 * - A target that runs out exactly at closing time is due at closing time, not at the next opening.
 * - 0 minutes: due at `start` if the desk is open then, otherwise at the next opening.
 * - Local times that do not exist (DST spring-forward gap) mean the first instant after the gap;
 *   local times that occur twice (fall-back hour) mean the earlier instant. So an interval
 *   00:00–06:00 lasts 5 real hours on spring-forward day and 7 on fall-back day.
 * - Seconds and milliseconds of the start are kept; minutes may be fractional.
 */
import { z } from "zod";

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = Sunday, like Date.getUTCDay
/** "HH:MM" 24-hour local wall time; start < end; end may be "24:00". */
export type OpeningInterval = { day: Weekday; start: string; end: string };
export type BusinessCalendar = {
  /** IANA zone the opening hours and holidays are written in, e.g. "Asia/Ho_Chi_Minh". */
  timeZone: string;
  /** 24/7 desk: weekly hours and holidays are ignored and due = start + minutes. */
  alwaysOpen: boolean;
  /** Several intervals per day are allowed (lunch break); overlapping ones are merged. */
  weeklyHours: OpeningInterval[];
  /** Local dates "YYYY-MM-DD" on which the desk is closed all day. */
  holidays: string[];
};

/** How far ahead we look for an opening before deciding the calendar never opens. */
export const OPENING_SEARCH_DAYS = 366;

/** Thrown when a calendar that is not 24/7 has no opening within OPENING_SEARCH_DAYS days. */
export class NoBusinessHoursError extends Error {
  constructor(after: Date, timeZone: string) {
    super(`Business calendar (${timeZone}) has no opening hours within ${OPENING_SEARCH_DAYS} days after ${after.toISOString()}`);
    this.name = "NoBusinessHoursError";
  }
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const CLOCK_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------------
// Validation

const knownTimeZones = new Map<string, boolean>();

/** Asking Intl itself (rather than a list) also accepts the aliases it understands, e.g. "Asia/Saigon". */
function isValidTimeZone(timeZone: string): boolean {
  let valid = knownTimeZones.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    knownTimeZones.set(timeZone, valid);
  }
  return valid;
}

const clockSchema = z.string().regex(CLOCK_PATTERN, "Use 24-hour HH:MM between 00:00 and 24:00");

export const openingIntervalSchema = z
  .object({
    day: z.literal([0, 1, 2, 3, 4, 5, 6], "Day must be 0 (Sunday) to 6 (Saturday)"),
    start: clockSchema,
    end: clockSchema,
  })
  // Zero-padded "HH:MM" strings sort like the times they spell; the format itself is checked above.
  .refine((interval) => !CLOCK_PATTERN.test(interval.start) || !CLOCK_PATTERN.test(interval.end) || interval.start < interval.end, {
    message: "The interval must end after it starts",
    path: ["end"],
  });

export const businessCalendarSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, "Unknown time zone; use an IANA name such as Europe/Bratislava"),
  alwaysOpen: z.boolean(),
  weeklyHours: z.array(openingIntervalSchema),
  holidays: z.array(z.iso.date("Use a real date as YYYY-MM-DD")),
}) satisfies z.ZodType<BusinessCalendar>;

// ---------------------------------------------------------------------------------------------------
// Time zones through Intl

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a DateTimeFormat is far slower than using one, so keep one per zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Local wall time of `instant` (epoch ms) in `timeZone`, as a wall timestamp. */
function wallAt(instant: number, timeZone: string): number {
  let year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    const value = Number(part.value);
    switch (part.type) {
      case "year": year = value; break;
      case "month": month = value; break;
      case "day": day = value; break;
      case "hour": hour = value % 24; break; // some ICU versions print midnight as "24"
      case "minute": minute = value; break;
      case "second": second = value; break;
    }
  }
  const millis = ((instant % 1000) + 1000) % 1000; // Intl drops milliseconds; they never depend on the zone
  return Date.UTC(year, month - 1, day, hour, minute, second) + millis;
}

/** UTC offset in ms that `timeZone` has at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  return wallAt(instant, timeZone) - instant;
}

const probedOffsets = new Map<string, Map<number, number>>();

/** offsetAt for the day-aligned probe instants of instantAt, which every interval of a day shares. */
function probedOffsetAt(instant: number, timeZone: string): number {
  let offsets = probedOffsets.get(timeZone);
  if (!offsets) probedOffsets.set(timeZone, (offsets = new Map()));
  let offset = offsets.get(instant);
  if (offset === undefined) {
    if (offsets.size >= 4096) offsets.clear(); // a cache, not a leak
    offset = offsetAt(instant, timeZone);
    offsets.set(instant, offset);
  }
  return offset;
}

/**
 * The instant at which the wall clock in `timeZone` shows `wall`. Ambiguous times (fall-back) give the
 * earlier instant; times skipped by a spring-forward gap give the first instant after the gap.
 */
function instantAt(wall: number, timeZone: string): number {
  // Offsets stay within -12 h..+14 h, so the start of the previous local day and the start of the day
  // after next, read as instants, lie before and after every instant of this local day: their offsets
  // are the ones in force before and after any transition affecting `wall` (real zones never change
  // twice within a few days). Aligning the probes to days lets one day's intervals share them.
  const localDay = Math.floor(wall / DAY_MS);
  const offsetBefore = probedOffsetAt((localDay - 1) * DAY_MS, timeZone);
  const offsetAfter = probedOffsetAt((localDay + 2) * DAY_MS, timeZone);
  if (offsetBefore === offsetAfter) return wall - offsetBefore; // no transition near: the common case

  const earlier = wall - Math.max(offsetBefore, offsetAfter);
  const later = wall - Math.min(offsetBefore, offsetAfter);
  if (offsetAt(earlier, timeZone) === wall - earlier) return earlier;
  if (offsetAt(later, timeZone) === wall - later) return later;

  if (offsetBefore < offsetAfter) {
    // Spring-forward gap: the transition lies in (earlier, later]; find it to the second.
    let lo = Math.floor(earlier / 1000);
    let hi = Math.ceil(later / 1000);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid * 1000, timeZone) === offsetAfter) hi = mid;
      else lo = mid;
    }
    return hi * 1000;
  }

  // A transition that moves the offset back, but `wall` read with neither offset fits: not a real zone.
  return later;
}

// ---------------------------------------------------------------------------------------------------
// Calendar

type Span = { start: number; end: number }; // minutes since local midnight, or epoch ms for instants

type PreparedCalendar = {
  timeZone: string;
  hoursByWeekday: Span[][];
  holidayDays: Set<number>; // local dates as days since 1970-01-01
};

function clockMinutes(text: string): number {
  if (!CLOCK_PATTERN.test(text)) throw new Error(`Invalid opening time "${text}": expected HH:MM`);
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

function dayNumberOf(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`Invalid holiday "${date}": expected YYYY-MM-DD`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** Sorts each day's intervals and merges overlapping or touching ones, so the walk below stays simple. */
function prepare(calendar: BusinessCalendar): PreparedCalendar {
  const hoursByWeekday: Span[][] = [[], [], [], [], [], [], []];
  for (const interval of calendar.weeklyHours) {
    const start = clockMinutes(interval.start);
    const end = clockMinutes(interval.end);
    if (start < end && hoursByWeekday[interval.day]) hoursByWeekday[interval.day].push({ start, end });
  }
  for (const [day, spans] of hoursByWeekday.entries()) {
    spans.sort((a, b) => a.start - b.start);
    const merged: Span[] = [];
    for (const span of spans) {
      const last = merged.at(-1);
      if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
      else merged.push({ ...span });
    }
    hoursByWeekday[day] = merged;
  }
  return { timeZone: calendar.timeZone, hoursByWeekday, holidayDays: new Set(calendar.holidays.map(dayNumberOf)) };
}

/**
 * Opening periods as real instants, in order, that end after `from`. With `until` the walk stops after
 * the local day containing `until`; without it, it stops once OPENING_SEARCH_DAYS days in a row had none.
 */
function* openPeriods(calendar: PreparedCalendar, from: number, until?: number): Generator<Span> {
  const { timeZone } = calendar;
  // Start a day early: around odd midnight transitions the previous day's hours may still be running.
  const firstDay = Math.floor(wallAt(from, timeZone) / DAY_MS) - 1;
  const lastDay = until === undefined ? Infinity : Math.floor(wallAt(until, timeZone) / DAY_MS);
  let closedDays = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    let opened = false;
    if (!calendar.holidayDays.has(day)) {
      const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
      for (const span of calendar.hoursByWeekday[weekday]) {
        const start = instantAt(day * DAY_MS + span.start * MINUTE_MS, timeZone);
        const end = instantAt(day * DAY_MS + span.end * MINUTE_MS, timeZone);
        // An interval that falls wholly inside a DST gap has no real time at all.
        if (end <= start || end <= from) continue;
        opened = true;
        yield { start, end };
      }
    }
    closedDays = opened ? 0 : closedDays + 1;
    if (until === undefined && closedDays > OPENING_SEARCH_DAYS) return;
  }
}

function instantOf(date: Date, name: string): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError(`${name} is an invalid Date`);
  return instant;
}

// ---------------------------------------------------------------------------------------------------
// Public API

/** When `minutes` of open time have passed since `start`; a ticket created while closed starts counting at the next opening. */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  const from = instantOf(start, "start");
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (calendar.alwaysOpen) return new Date(from + remaining);

  for (const period of openPeriods(prepare(calendar), from)) {
    const counted = Math.max(period.start, from);
    // `<=` so that a target ending exactly at closing time is due then, and 0 minutes is due at once.
    if (remaining <= period.end - counted) return new Date(counted + remaining);
    remaining -= period.end - counted;
  }
  throw new NoBusinessHoursError(start, calendar.timeZone);
}

/** Open minutes elapsed in [from, to); 0 if `to` is not after `from`. Fractional when seconds are involved. */
export function businessMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const begin = instantOf(from, "from");
  const end = instantOf(to, "to");
  if (end <= begin) return 0;
  if (calendar.alwaysOpen) return (end - begin) / MINUTE_MS;

  let openMs = 0;
  for (const period of openPeriods(prepare(calendar), begin, end)) {
    if (period.start >= end) break;
    openMs += Math.min(period.end, end) - Math.max(period.start, begin);
  }
  return openMs / MINUTE_MS;
}

/** Whether the desk is open at `at` (open exactly at opening time, closed exactly at closing time). */
export function isOpenAt(at: Date, calendar: BusinessCalendar): boolean {
  const instant = instantOf(at, "at");
  if (calendar.alwaysOpen) return true;
  const first = openPeriods(prepare(calendar), instant).next();
  return !first.done && first.value.start <= instant;
}

/** `at` itself if the desk is open then, else the next opening; null if none within OPENING_SEARCH_DAYS days. */
export function nextOpeningAt(at: Date, calendar: BusinessCalendar): Date | null {
  const instant = instantOf(at, "at");
  if (calendar.alwaysOpen) return new Date(instant);
  const first = openPeriods(prepare(calendar), instant).next();
  return first.done ? null : new Date(Math.max(first.value.start, instant));
}
