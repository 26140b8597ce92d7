import "server-only";
import type { Prisma, TicketPriority } from "@/lib/generated/prisma/client";
import { type BusinessCalendar, addBusinessMinutes, businessCalendarSchema } from "./business-time";

/** A department without a calendar answers around the clock. */
const ALWAYS_OPEN: BusinessCalendar = { timeZone: "UTC", alwaysOpen: true, weeklyHours: [], holidays: [] };

export type SlaTargets = { calendar: BusinessCalendar; firstResponseMinutes: number; nextResponseMinutes: number } | null;

type CalendarRow = { timeZone: string; alwaysOpen: boolean; weeklyHours: Prisma.JsonValue; holidays: string[] };

/** A stored calendar as the business-time functions take it; a row that fails validation counts as 24/7 rather than blocking tickets. */
export function calendarFromRow(row: CalendarRow | null): BusinessCalendar {
  if (!row) return ALWAYS_OPEN;
  const parsed = businessCalendarSchema.safeParse(row);
  return parsed.success ? parsed.data : ALWAYS_OPEN;
}

/** The department's targets for `priority`; null when no policy is set (no due time, no escalation). */
export async function slaTargets(tx: Prisma.TransactionClient, departmentId: string, priority: TicketPriority): Promise<SlaTargets> {
  const policy = await tx.slaPolicy.findUnique({
    where: { departmentId_priority: { departmentId, priority } },
    select: { firstResponseMinutes: true, nextResponseMinutes: true, department: { select: { calendar: true } } },
  });
  if (!policy) return null;
  return {
    calendar: calendarFromRow(policy.department.calendar),
    firstResponseMinutes: policy.firstResponseMinutes,
    nextResponseMinutes: policy.nextResponseMinutes,
  };
}

/**
 * When staff must answer: the first-response target until staff answered once, the next-response
 * target after that, counted in the department's business time from `from`.
 */
export function dueAtFor(targets: SlaTargets, from: Date, answeredBefore: boolean): Date | null {
  if (!targets) return null;
  return addBusinessMinutes(from, answeredBefore ? targets.nextResponseMinutes : targets.firstResponseMinutes, targets.calendar);
}
