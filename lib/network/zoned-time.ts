// <input type="datetime-local"> carries a wall-clock time without a zone. Staff type times in their
// own time zone (DESIGN §6: shown in the user's zone), so the server converts with it, not with
// the server's zone. Intl knows every zone's offsets, DST included; no library needed for this.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Whether `value` is a well-formed datetime-local value naming a real calendar time. */
export function isLocalDateTime(value: string): boolean {
  const m = LOCAL.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** "2026-11-23T14:00" on the wall clock of `timeZone` → the UTC instant. Throws on a malformed value. */
export function zonedLocalToUtc(local: string, timeZone: string): Date {
  const m = LOCAL.exec(local);
  if (!m || !isLocalDateTime(local)) throw new RangeError(`not a datetime-local value: ${local}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset at the guess can differ from the offset at the result across a DST change: one
  // correction settles it (a time skipped by the change lands an hour later, as clocks do).
  let instant = wall - offsetAt(wall, timeZone);
  const corrected = wall - offsetAt(instant, timeZone);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** The UTC instant as a datetime-local value on the wall clock of `timeZone` (for a form's default). */
export function utcToZonedLocal(date: Date, timeZone: string): string {
  const local = new Date(date.getTime() + offsetAt(date.getTime(), timeZone));
  return local.toISOString().slice(0, 16);
}
