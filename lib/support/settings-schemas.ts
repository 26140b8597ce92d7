// The support desk settings forms (/admin/settings), one schema per form, shared by react-hook-form
// on the client and by the server (actions and lib/support/settings.ts parse again).
// Messages are keys under the "settings" namespace (messages/<locale>/settings.json).
//
// The forms keep numbers as numbers (the inputs convert with setValueAs), so a schema's input and
// output types are the same and parsing twice — client, action, lib — is harmless.
import { z } from "zod";
import { businessCalendarSchema } from "./business-time";
import { TICKET_PRIORITIES } from "./schemas";

export { TICKET_PRIORITIES };
export type TicketPriorityName = (typeof TICKET_PRIORITIES)[number];

export const DEPARTMENT_NAME_MAX = 100;
export const AUTO_CLOSE_MAX_DAYS = 365;
export const POSITION_MAX = 9999;
/** A week: SLA targets longer than that are not targets. */
export const SLA_MAX_MINUTES = 7 * 24 * 60;
/** The editor offers a morning and an afternoon interval (a lunch break) per weekday. */
export const MAX_INTERVALS_PER_DAY = 2;
export const MAX_HOLIDAYS = 400;

/** 1 (Monday) … 6, 0 (Sunday): the order the settings show weekdays in. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

const departmentId = z.guid("errors.notFound");

/** The inbound address; "" (or null) for none. Stored lower-case, as inbound mail is matched. */
const inboundEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "errors.emailInvalid")
  .pipe(z.union([z.literal(""), z.email("errors.emailInvalid")]))
  .nullable();

const departmentFields = {
  name: z.string().trim().min(1, "errors.nameRequired").max(DEPARTMENT_NAME_MAX, "errors.nameTooLong"),
  email: inboundEmail,
  /** Days a ticket may stay "answered" before the worker closes it; null: never. */
  autoCloseAfterDays: z.number("errors.autoCloseInvalid").int("errors.autoCloseInvalid").min(1, "errors.autoCloseInvalid").max(AUTO_CLOSE_MAX_DAYS, "errors.autoCloseInvalid").nullable(),
  /** Sort order in lists and the customer's department picker (lower first). */
  position: z.number("errors.positionInvalid").int("errors.positionInvalid").min(0, "errors.positionInvalid").max(POSITION_MAX, "errors.positionInvalid"),
};

export const updateDepartmentSchema = z.object({ id: departmentId, ...departmentFields });
export type UpdateDepartmentInput = z.infer<typeof updateDepartmentSchema>;

/**
 * The slug names the department in staff roles' department lists and in URLs, so it is chosen once,
 * at creation, and never changed.
 */
export const departmentSlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "errors.slugInvalid")
  .min(2, "errors.slugInvalid")
  .max(50, "errors.slugInvalid");

export const createDepartmentSchema = z.object({
  slug: departmentSlugSchema,
  ...departmentFields,
  /** The new department's calendar starts 24/7 in this zone; hours are set on the edit page. */
  timeZone: z.string().refine((zone) => businessCalendarSchema.shape.timeZone.safeParse(zone).success, "errors.timeZoneInvalid"),
});
export type CreateDepartmentInput = z.infer<typeof createDepartmentSchema>;

// ───────────── Calendar ─────────────

/**
 * The calendar form. The shape is the stored calendar's (flat weekly intervals, holiday dates), and
 * the rules are business-time's own `businessCalendarSchema`, run in the refinement below so the
 * SLA arithmetic and this form can never disagree; its issues are translated into message keys at
 * the same paths. The form adds what only an editor needs: at most two intervals per weekday, no
 * overlaps, no duplicate holidays, and some opening hours when the desk is not 24/7 (a calendar
 * that never opens has no due time to give).
 */
export const calendarSettingsSchema = z
  .object({
    departmentId,
    timeZone: z.string().trim(),
    alwaysOpen: z.boolean(),
    weeklyHours: z
      .array(z.object({ day: z.number(), start: z.string().trim(), end: z.string().trim() }))
      .max(7 * MAX_INTERVALS_PER_DAY, "errors.tooManyIntervals"),
    holidays: z.array(z.string().trim()).max(MAX_HOLIDAYS, "errors.tooManyHolidays"),
  })
  .superRefine((value, ctx) => {
    const checked = businessCalendarSchema.safeParse(value);
    const reported = new Set<string>();
    const report = (path: PropertyKey[], message: string) => {
      const key = path.join(".");
      if (reported.has(key)) return;
      reported.add(key);
      ctx.addIssue({ code: "custom", path, message });
    };
    if (!checked.success) for (const issue of checked.error.issues) report(issue.path, calendarIssueKey(issue));

    const intervalsByDay = new Map<number, number[]>();
    value.weeklyHours.forEach((interval, index) => intervalsByDay.set(interval.day, [...(intervalsByDay.get(interval.day) ?? []), index]));
    for (const indexes of intervalsByDay.values()) {
      if (indexes.length > MAX_INTERVALS_PER_DAY) report(["weeklyHours", indexes[MAX_INTERVALS_PER_DAY], "start"], "errors.tooManyIntervals");
      const intervals = indexes.map((index) => ({ index, ...value.weeklyHours[index] })).sort((a, b) => a.start.localeCompare(b.start));
      // Zero-padded "HH:MM" compares like the time it spells; malformed times were reported above.
      let latestEnd = "";
      for (const interval of intervals) {
        if (interval.start < latestEnd) report(["weeklyHours", interval.index, "start"], "errors.intervalsOverlap");
        if (interval.end > latestEnd) latestEnd = interval.end;
      }
    }
    if (!value.alwaysOpen && value.weeklyHours.length === 0) report(["weeklyHours"], "errors.noOpeningHours");

    const seen = new Set<string>();
    value.holidays.forEach((date, index) => {
      if (seen.has(date)) report(["holidays", index], "errors.holidayDuplicate");
      seen.add(date);
    });
  });
export type CalendarSettingsInput = z.infer<typeof calendarSettingsSchema>;

/** The message key for an issue of businessCalendarSchema, by where it is. */
function calendarIssueKey(issue: z.core.$ZodIssue): string {
  const [field, , property] = issue.path;
  if (field === "timeZone") return "errors.timeZoneInvalid";
  if (field === "holidays") return "errors.dateInvalid";
  if (field === "weeklyHours" && property === "day") return "errors.dayInvalid";
  // The end-after-start rule is the one custom check on an interval; the rest is the HH:MM format.
  if (field === "weeklyHours" && property === "end" && issue.code === "custom") return "errors.endBeforeStart";
  if (field === "weeklyHours") return "errors.timeInvalid";
  return "errors.invalidForm";
}

/** Intervals in display order (Monday first, then by start), e.g. to store them tidily. */
export function sortIntervals<T extends { day: number; start: string }>(intervals: readonly T[]): T[] {
  const rank = (day: number) => (WEEK_ORDER as readonly number[]).indexOf(day);
  return [...intervals].sort((a, b) => rank(a.day) - rank(b.day) || a.start.localeCompare(b.start));
}

// ───────────── SLA targets ─────────────

const slaMinutes = z.number("errors.minutesInvalid").int("errors.minutesInvalid").min(1, "errors.minutesInvalid").max(SLA_MAX_MINUTES, "errors.minutesInvalid");

/**
 * Response targets of one department, in business minutes of its calendar: all three priorities at
 * once, each exactly once (the form has one row per priority).
 */
export const slaPoliciesSchema = z.object({
  departmentId,
  policies: z
    .array(z.object({ priority: z.enum(TICKET_PRIORITIES, "errors.invalidForm"), firstResponseMinutes: slaMinutes, nextResponseMinutes: slaMinutes }))
    .length(TICKET_PRIORITIES.length, "errors.invalidForm")
    .refine((policies) => new Set(policies.map((p) => p.priority)).size === TICKET_PRIORITIES.length, "errors.invalidForm"),
});
export type SlaPoliciesInput = z.infer<typeof slaPoliciesSchema>;
