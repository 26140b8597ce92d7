import "server-only";
import { z } from "zod";
import { type ActionResult, fail } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor-types";
import { assertCan } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma, type TicketPriority } from "@/lib/generated/prisma/client";
import { type OpeningInterval, businessCalendarSchema } from "./business-time";
import {
  type CalendarSettingsInput,
  type CreateDepartmentInput,
  type SlaPoliciesInput,
  TICKET_PRIORITIES,
  type UpdateDepartmentInput,
  calendarSettingsSchema,
  createDepartmentSchema,
  slaPoliciesSchema,
  sortIntervals,
  updateDepartmentSchema,
} from "./settings-schemas";

// The support desk's settings (/admin/settings): departments, their business calendars and SLA
// targets, and the servers list. Everything here needs `staff.settings`, parses its input with the
// form's schema again (callers other than the form exist: tests, scripts) and writes an audit row
// with the values before and after, in the transaction of the change.
//
// Changing a calendar or a target applies to due times computed from then on (the next ticket, the
// next reply). The dueAt of tickets already waiting is deliberately left as it is: it is what the
// customer was promised, and rewriting it would move escalations that may already have happened.

/** A refusal the form shows next to `field` (or above the form); `key` is under "settings". */
export class SettingsError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "SettingsError";
  }
}

/** For server actions: a SettingsError becomes the form's error; anything else goes on to the central handler. */
export function catchSettingsError<A, I, T>(run: (actor: A, input: I) => Promise<ActionResult<T>>) {
  return async (actor: A, input: I): Promise<ActionResult<T>> => {
    try {
      return await run(actor, input);
    } catch (error) {
      if (error instanceof SettingsError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
      throw error;
    }
  };
}

/** Where a staff change came from, for the audit log. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

type Tx = Prisma.TransactionClient;

/** A new department answers 24/7 until its hours are set; these hours are what unticking "24/7" starts from. */
const NEW_DEPARTMENT_HOURS: OpeningInterval[] = [1, 2, 3, 4, 5].map((day) => ({ day: day as OpeningInterval["day"], start: "09:00", end: "17:00" }));

/** Targets a new department starts with (minutes: first response, next response), changed on its page. */
export const DEFAULT_SLA_TARGETS: Record<TicketPriority, { firstResponseMinutes: number; nextResponseMinutes: number }> = {
  urgent: { firstResponseMinutes: 60, nextResponseMinutes: 60 },
  normal: { firstResponseMinutes: 240, nextResponseMinutes: 240 },
  low: { firstResponseMinutes: 480, nextResponseMinutes: 480 },
};

// ───────────── Reads ─────────────

const calendarSelect = {
  id: true,
  timeZone: true,
  alwaysOpen: true,
  weeklyHours: true,
  holidays: true,
  _count: { select: { departments: true } },
} satisfies Prisma.BusinessCalendarSelect;

const departmentSelect = {
  id: true,
  slug: true,
  name: true,
  email: true,
  autoCloseAfterDays: true,
  position: true,
  calendar: { select: calendarSelect },
  slaPolicies: { select: { priority: true, firstResponseMinutes: true, nextResponseMinutes: true } },
} satisfies Prisma.DepartmentSelect;

type DepartmentRow = Prisma.DepartmentGetPayload<{ select: typeof departmentSelect }>;

/** What an editor can show of stored weekly hours, even of a row that fails validation. */
const storedIntervalsSchema = z.array(z.object({ day: z.number(), start: z.string(), end: z.string() })).catch([]);

export type CalendarSettings = {
  id: string;
  timeZone: string;
  alwaysOpen: boolean;
  weeklyHours: { day: number; start: string; end: string }[];
  holidays: string[];
  /** False when the stored row breaks the rules; the SLA code then treats the desk as open 24/7. */
  valid: boolean;
  /** Other departments using the same calendar row (it is split off on the first save). */
  sharedWith: number;
};

export type SlaTarget = { firstResponseMinutes: number; nextResponseMinutes: number };

export type DepartmentSettings = {
  id: string;
  slug: string;
  name: string;
  email: string | null;
  autoCloseAfterDays: number | null;
  position: number;
  /** Null: no calendar yet; tickets are then timed around the clock. */
  calendar: CalendarSettings | null;
  /** Null for a priority without a target: its tickets get no due time. */
  targets: Record<TicketPriority, SlaTarget | null>;
};

function toDepartmentSettings(row: DepartmentRow): DepartmentSettings {
  const calendar = row.calendar;
  const targets = Object.fromEntries(TICKET_PRIORITIES.map((priority) => [priority, null])) as Record<TicketPriority, SlaTarget | null>;
  for (const policy of row.slaPolicies) targets[policy.priority] = { firstResponseMinutes: policy.firstResponseMinutes, nextResponseMinutes: policy.nextResponseMinutes };
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    email: row.email,
    autoCloseAfterDays: row.autoCloseAfterDays,
    position: row.position,
    calendar: calendar
      ? {
          id: calendar.id,
          timeZone: calendar.timeZone,
          alwaysOpen: calendar.alwaysOpen,
          weeklyHours: sortIntervals(storedIntervalsSchema.parse(calendar.weeklyHours)),
          holidays: [...calendar.holidays].sort(),
          valid: businessCalendarSchema.safeParse(calendar).success,
          sharedWith: calendar._count.departments - 1,
        }
      : null,
    targets,
  };
}

/** Every department with its inbound address, auto-close days, calendar and targets, in list order. */
export async function listDepartmentsWithSettings(actor: Actor): Promise<DepartmentSettings[]> {
  assertCan(actor, "staff.settings");
  const rows = await db.department.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: departmentSelect });
  return rows.map(toDepartmentSettings);
}

/** One department's settings; null when there is none with this id. */
export async function getDepartmentSettings(actor: Actor, id: string): Promise<DepartmentSettings | null> {
  assertCan(actor, "staff.settings");
  if (!z.guid().safeParse(id).success) return null;
  const row = await db.department.findUnique({ where: { id }, select: departmentSelect });
  return row ? toDepartmentSettings(row) : null;
}

/** The servers services run on, for the read-only list (managed by provisioning, not here). */
export async function listServers(actor: Actor) {
  assertCan(actor, "staff.settings");
  const rows = await db.server.findMany({
    orderBy: [{ name: "asc" }, { hostname: "asc" }],
    select: { id: true, name: true, hostname: true, location: true, module: true, _count: { select: { services: { where: { status: { notIn: ["cancelled", "terminated"] } } } } } },
  });
  return rows.map(({ _count, ...server }) => ({ ...server, serviceCount: _count.services }));
}
export type ServerRow = Awaited<ReturnType<typeof listServers>>[number];

// ───────────── Writes ─────────────

/** Locks the department row for the rest of the transaction; false when it does not exist. */
async function lockDepartment(tx: Tx, id: string): Promise<boolean> {
  return (await tx.$executeRaw`SELECT 1 FROM "Department" WHERE id = ${id}::uuid FOR UPDATE`) > 0;
}

/** Another department already receives mail at this address (compared as inbound mail is: case-insensitively). */
async function assertEmailFree(tx: Tx, email: string | null, exceptId?: string): Promise<void> {
  if (!email) return;
  const taken = await tx.department.findFirst({
    where: { email: { equals: email, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new SettingsError("errors.emailTaken", "email");
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const departmentFieldsSelect = { id: true, slug: true, name: true, email: true, autoCloseAfterDays: true, position: true } satisfies Prisma.DepartmentSelect;

/** Name, inbound address, auto-close days and list position of a department (the slug never changes). */
export async function updateDepartment(actor: Actor, input: UpdateDepartmentInput, meta: RequestMeta = {}) {
  assertCan(actor, "staff.settings");
  const data = updateDepartmentSchema.parse(input);
  const email = data.email || null;
  try {
    return await db.$transaction(async (tx) => {
      if (!(await lockDepartment(tx, data.id))) throw new SettingsError("errors.notFound");
      const before = await tx.department.findUniqueOrThrow({ where: { id: data.id }, select: departmentFieldsSelect });
      await assertEmailFree(tx, email, data.id);
      const after = await tx.department.update({
        where: { id: data.id },
        data: { name: data.name, email, autoCloseAfterDays: data.autoCloseAfterDays, position: data.position },
        select: departmentFieldsSelect,
      });
      await recordAuditEvent(
        { action: "support.department.updated", actorUserId: actor.userId, targetType: "department", targetId: data.id, ...meta, data: { before, after } },
        tx,
      );
      return after;
    });
  } catch (error) {
    // Two saves racing for one address: the unique index has the last word.
    if (isUniqueViolation(error)) throw new SettingsError("errors.emailTaken", "email");
    throw error;
  }
}

/**
 * A new department with its own calendar (24/7 in the given zone until its hours are set) and the
 * default targets for every priority, so its tickets get due times from the first one.
 */
export async function createDepartment(actor: Actor, input: CreateDepartmentInput, meta: RequestMeta = {}) {
  assertCan(actor, "staff.settings");
  const data = createDepartmentSchema.parse(input);
  const email = data.email || null;
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.department.findUnique({ where: { slug: data.slug }, select: { id: true } })) throw new SettingsError("errors.slugTaken", "slug");
      await assertEmailFree(tx, email);
      const calendar = { timeZone: data.timeZone, alwaysOpen: true, weeklyHours: NEW_DEPARTMENT_HOURS, holidays: [] as string[] };
      const { id: calendarId } = await tx.businessCalendar.create({ data: { name: data.name, ...calendar }, select: { id: true } });
      const department = await tx.department.create({
        data: { slug: data.slug, name: data.name, email, autoCloseAfterDays: data.autoCloseAfterDays, position: data.position, calendarId },
        select: departmentFieldsSelect,
      });
      const targets = TICKET_PRIORITIES.map((priority) => ({ priority, ...DEFAULT_SLA_TARGETS[priority] }));
      await tx.slaPolicy.createMany({ data: targets.map((t) => ({ departmentId: department.id, ...t })) });
      await recordAuditEvent(
        {
          action: "support.department.created",
          actorUserId: actor.userId,
          targetType: "department",
          targetId: department.id,
          ...meta,
          data: { before: null, after: { ...department, calendar: { id: calendarId, ...calendar }, targets } },
        },
        tx,
      );
      return department;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent create got there first; tell which of the two unique fields it took.
    const slugTaken = await db.department.findUnique({ where: { slug: data.slug }, select: { id: true } });
    throw slugTaken ? new SettingsError("errors.slugTaken", "slug") : new SettingsError("errors.emailTaken", "email");
  }
}

/**
 * A department's time zone, weekly hours and holidays. Each department gets a calendar row of its
 * own: one is created when it has none, and a row shared with another department is copied rather
 * than changed under the other's feet.
 */
export async function updateCalendar(actor: Actor, input: CalendarSettingsInput, meta: RequestMeta = {}) {
  assertCan(actor, "staff.settings");
  const data = calendarSettingsSchema.parse(input);
  const values = {
    timeZone: data.timeZone,
    alwaysOpen: data.alwaysOpen,
    weeklyHours: sortIntervals(data.weeklyHours).map(({ day, start, end }) => ({ day, start, end })),
    holidays: [...data.holidays].sort(),
  };
  return db.$transaction(async (tx) => {
    if (!(await lockDepartment(tx, data.departmentId))) throw new SettingsError("errors.notFound");
    const department = await tx.department.findUniqueOrThrow({ where: { id: data.departmentId }, select: { id: true, name: true, calendar: { select: calendarSelect } } });
    const current = department.calendar;
    const before = current ? { id: current.id, timeZone: current.timeZone, alwaysOpen: current.alwaysOpen, weeklyHours: current.weeklyHours, holidays: current.holidays } : null;
    let calendarId: string;
    if (current && current._count.departments === 1) {
      calendarId = (await tx.businessCalendar.update({ where: { id: current.id }, data: values, select: { id: true } })).id;
    } else {
      calendarId = (await tx.businessCalendar.create({ data: { name: department.name, ...values }, select: { id: true } })).id;
      await tx.department.update({ where: { id: department.id }, data: { calendarId } });
    }
    await recordAuditEvent(
      {
        action: "support.calendar.updated",
        actorUserId: actor.userId,
        targetType: "department",
        targetId: department.id,
        ...meta,
        data: { before, after: { id: calendarId, ...values } },
      },
      tx,
    );
    return { calendarId, ...values };
  });
}

/** A department's first- and next-response targets for all three priorities, in one transaction. */
export async function updateSlaPolicies(actor: Actor, input: SlaPoliciesInput, meta: RequestMeta = {}) {
  assertCan(actor, "staff.settings");
  const data = slaPoliciesSchema.parse(input);
  return db.$transaction(async (tx) => {
    if (!(await lockDepartment(tx, data.departmentId))) throw new SettingsError("errors.notFound");
    const select = { priority: true, firstResponseMinutes: true, nextResponseMinutes: true } as const;
    const before = await tx.slaPolicy.findMany({ where: { departmentId: data.departmentId }, select, orderBy: { priority: "asc" } });
    const after = [];
    for (const { priority, firstResponseMinutes, nextResponseMinutes } of data.policies) {
      after.push(
        await tx.slaPolicy.upsert({
          where: { departmentId_priority: { departmentId: data.departmentId, priority } },
          update: { firstResponseMinutes, nextResponseMinutes },
          create: { departmentId: data.departmentId, priority, firstResponseMinutes, nextResponseMinutes },
          select,
        }),
      );
    }
    await recordAuditEvent(
      { action: "support.sla.updated", actorUserId: actor.userId, targetType: "department", targetId: data.departmentId, ...meta, data: { before, after } },
      tx,
    );
    return after;
  });
}
