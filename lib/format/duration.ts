/**
 * A response target for people: "30 minutes", "1 hour", "1.5 hours", "2 days" in the locale's words
 * (Intl unit formatting, so Vietnamese, Slovak and Hungarian plurals come out right).
 */
export function formatDurationMinutes(minutes: number, locale: string): string {
  const [value, unit] = minutes < 60 ? [minutes, "minute"] : minutes < 48 * 60 ? [minutes / 60, "hour"] : [minutes / 1440, "day"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 1 }).format(value);
}
