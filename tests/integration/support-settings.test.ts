// Support desk settings against a real Postgres: only staff.settings may read or change them;
// calendars are validated by business-time's own rules and nothing is written when they fail; each
// department ends up with a calendar of its own; SLA targets are upserted together; inbound
// addresses are unique regardless of case; every change leaves an audit row with before and after.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/support-settings
import { ZodError } from "zod";
import { db } from "@/lib/db";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import {
  DEFAULT_SLA_TARGETS,
  SettingsError,
  createDepartment,
  getDepartmentSettings,
  listDepartmentsWithSettings,
  listServers,
  updateCalendar,
  updateDepartment,
  updateSlaPolicies,
} from "@/lib/support/settings";
import type { CalendarSettingsInput } from "@/lib/support/settings-schemas";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { createCustomerWithOwner, createSupportDepartment, createTicket, createUser, ensureDepartment, unique } from "@/tests/helpers/factories";

let admin: StaffActor;
let agent: StaffActor;
let clerk: StaffActor;
let customer: CustomerActor;

beforeAll(async () => {
  admin = await staffActorFor((await createUser(db, { staffRole: "administrator" })).id);
  agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
  clerk = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
  const { customer: c, owner } = await createCustomerWithOwner(db);
  customer = await customerActorFor(owner.id, c.id);
});

const officeHours = (departmentId: string): CalendarSettingsInput => ({
  departmentId,
  timeZone: "Asia/Ho_Chi_Minh",
  alwaysOpen: false,
  weeklyHours: [
    { day: 6, start: "08:00", end: "11:30" },
    ...[1, 2, 3, 4, 5].flatMap((day) => [
      { day, start: "13:00", end: "17:00" },
      { day, start: "08:00", end: "12:00" },
    ]),
  ],
  holidays: ["2027-02-05", "2027-01-01"],
});

const policies = (departmentId: string, minutes: [number, number, number] = [15, 90, 600]) => ({
  departmentId,
  policies: [
    { priority: "urgent" as const, firstResponseMinutes: minutes[0], nextResponseMinutes: minutes[0] * 2 },
    { priority: "normal" as const, firstResponseMinutes: minutes[1], nextResponseMinutes: minutes[1] * 2 },
    { priority: "low" as const, firstResponseMinutes: minutes[2], nextResponseMinutes: minutes[2] * 2 },
  ],
});

/** What a failed write must leave untouched. */
async function snapshot(departmentId: string) {
  const department = await db.department.findUniqueOrThrow({
    where: { id: departmentId },
    include: { calendar: true, slaPolicies: { orderBy: { priority: "asc" } } },
  });
  const audits = await db.auditEvent.count({ where: { targetType: "department", targetId: departmentId } });
  return { department, audits };
}

async function auditRows(departmentId: string, action: string) {
  return db.auditEvent.findMany({ where: { targetType: "department", targetId: departmentId, action }, orderBy: { createdAt: "asc" } });
}

describe("permissions", () => {
  let departmentId: string;
  beforeAll(async () => {
    departmentId = (await createSupportDepartment(db)).id;
  });

  it.each([
    ["a support agent", () => agent],
    ["a billing clerk", () => clerk],
    ["a customer", () => customer],
  ])("refuses %s every read and write, and changes nothing", async (_, who) => {
    const actor = who();
    const before = await snapshot(departmentId);
    const attempts: (() => Promise<unknown>)[] = [
      () => listDepartmentsWithSettings(actor),
      () => getDepartmentSettings(actor, departmentId),
      () => listServers(actor),
      () => updateDepartment(actor, { id: departmentId, name: "Hijacked", email: null, autoCloseAfterDays: 1, position: 0 }),
      () => createDepartment(actor, { slug: unique("x"), name: "Sneaky", email: null, autoCloseAfterDays: null, position: 0, timeZone: "UTC" }),
      () => updateCalendar(actor, officeHours(departmentId)),
      () => updateSlaPolicies(actor, policies(departmentId)),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(PermissionDenied);
    expect(await snapshot(departmentId)).toEqual(before);
  });

  it("lets an administrator read the settings", async () => {
    const list = await listDepartmentsWithSettings(admin);
    expect(list.map((d) => d.id)).toContain(departmentId);
    expect(await getDepartmentSettings(admin, departmentId)).toMatchObject({ id: departmentId, targets: { urgent: { firstResponseMinutes: 30, nextResponseMinutes: 30 } } });
    expect(await getDepartmentSettings(admin, "not-a-uuid")).toBeNull();
    expect(await getDepartmentSettings(admin, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("updateCalendar", () => {
  it("stores hours sorted Monday first and holidays by date, and audits before and after", async () => {
    const department = await createSupportDepartment(db);
    const before = await snapshot(department.id);
    await updateCalendar(admin, officeHours(department.id), { ip: "203.0.113.9", userAgent: "jest" });

    const after = await snapshot(department.id);
    expect(after.department.calendarId).toBe(before.department.calendarId);
    expect(after.department.calendar).toMatchObject({ timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: false, holidays: ["2027-01-01", "2027-02-05"] });
    const hours = after.department.calendar!.weeklyHours as { day: number; start: string }[];
    expect(hours.slice(0, 3)).toEqual([
      { day: 1, start: "08:00", end: "12:00" },
      { day: 1, start: "13:00", end: "17:00" },
      { day: 2, start: "08:00", end: "12:00" },
    ]);
    expect(hours.at(-1)).toEqual({ day: 6, start: "08:00", end: "11:30" });

    const [audit] = await auditRows(department.id, "support.calendar.updated");
    expect(audit).toMatchObject({ actorUserId: admin.userId, ip: "203.0.113.9", userAgent: "jest" });
    expect(audit.data).toMatchObject({
      before: { timeZone: "UTC", alwaysOpen: true, holidays: [] },
      after: { timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: false, holidays: ["2027-01-01", "2027-02-05"] },
    });

    const settings = await getDepartmentSettings(admin, department.id);
    expect(settings?.calendar).toMatchObject({ valid: true, sharedWith: 0, alwaysOpen: false });
  });

  it.each<[string, (input: CalendarSettingsInput) => CalendarSettingsInput, string, string]>([
    ["an unknown time zone", (i) => ({ ...i, timeZone: "Mars/Olympus_Mons" }), "timeZone", "errors.timeZoneInvalid"],
    ["a time that is not HH:MM", (i) => ({ ...i, weeklyHours: [{ day: 1, start: "8:00", end: "17:00" }] }), "weeklyHours.0.start", "errors.timeInvalid"],
    ["an hour past 24:00", (i) => ({ ...i, weeklyHours: [{ day: 1, start: "08:00", end: "24:30" }] }), "weeklyHours.0.end", "errors.timeInvalid"],
    ["an interval ending at its start", (i) => ({ ...i, weeklyHours: [{ day: 1, start: "17:00", end: "17:00" }] }), "weeklyHours.0.end", "errors.endBeforeStart"],
    ["an interval ending before its start", (i) => ({ ...i, weeklyHours: [{ day: 2, start: "17:00", end: "08:00" }] }), "weeklyHours.0.end", "errors.endBeforeStart"],
    ["a date that does not exist", (i) => ({ ...i, holidays: ["2027-01-01", "2027-02-30"] }), "holidays.1", "errors.dateInvalid"],
    ["a date in another format", (i) => ({ ...i, holidays: ["01.01.2027"] }), "holidays.0", "errors.dateInvalid"],
    ["a weekday out of range", (i) => ({ ...i, weeklyHours: [{ day: 7, start: "08:00", end: "17:00" }] }), "weeklyHours.0.day", "errors.dayInvalid"],
    [
      "overlapping intervals",
      (i) => ({ ...i, weeklyHours: [{ day: 1, start: "08:00", end: "13:00" }, { day: 1, start: "12:00", end: "17:00" }] }),
      "weeklyHours.1.start",
      "errors.intervalsOverlap",
    ],
    [
      "three intervals on one day",
      (i) => ({ ...i, weeklyHours: ["08:00", "11:00", "14:00"].map((start, n) => ({ day: 3, start, end: `${9 + 3 * n}:00`.padStart(5, "0") })) }),
      "weeklyHours.2.start",
      "errors.tooManyIntervals",
    ],
    ["no hours on a desk that is not 24/7", (i) => ({ ...i, weeklyHours: [] }), "weeklyHours", "errors.noOpeningHours"],
    ["the same holiday twice", (i) => ({ ...i, holidays: ["2027-01-01", "2027-01-01"] }), "holidays.1", "errors.holidayDuplicate"],
  ])("refuses %s with a zod error at the field and changes nothing", async (_, broken, path, message) => {
    const department = await createSupportDepartment(db);
    const before = await snapshot(department.id);
    const error = await updateCalendar(admin, broken(officeHours(department.id))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues).toContainEqual(expect.objectContaining({ path: path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message }));
    expect(await snapshot(department.id)).toEqual(before);
  });

  it("accepts an empty week on a 24/7 desk and 24:00 as the end of the day", async () => {
    const department = await createSupportDepartment(db);
    await updateCalendar(admin, { ...officeHours(department.id), alwaysOpen: true, weeklyHours: [] });
    await updateCalendar(admin, { ...officeHours(department.id), weeklyHours: [{ day: 0, start: "18:00", end: "24:00" }] });
    const { department: stored } = await snapshot(department.id);
    expect(stored.calendar?.weeklyHours).toEqual([{ day: 0, start: "18:00", end: "24:00" }]);
  });

  it("creates a calendar for a department that has none", async () => {
    const department = await ensureDepartment(db, unique("bare"));
    expect(department.calendarId).toBeNull();
    expect((await getDepartmentSettings(admin, department.id))?.calendar).toBeNull();
    await updateCalendar(admin, officeHours(department.id));
    const { department: stored } = await snapshot(department.id);
    expect(stored.calendar).toMatchObject({ name: department.name, timeZone: "Asia/Ho_Chi_Minh" });
    const [audit] = await auditRows(department.id, "support.calendar.updated");
    expect(audit.data).toMatchObject({ before: null, after: { id: stored.calendarId } });
  });

  it("gives a department its own copy of a calendar it shares, leaving the other's hours alone", async () => {
    const shared = await db.businessCalendar.create({ data: { name: "Shared", timeZone: "Europe/Bratislava", alwaysOpen: true } });
    const one = await db.department.create({ data: { slug: unique("one"), name: "One", calendarId: shared.id } });
    const two = await db.department.create({ data: { slug: unique("two"), name: "Two", calendarId: shared.id } });
    expect((await getDepartmentSettings(admin, one.id))?.calendar?.sharedWith).toBe(1);

    await updateCalendar(admin, officeHours(one.id));
    const [first, second] = [await snapshot(one.id), await snapshot(two.id)];
    expect(first.department.calendarId).not.toBe(shared.id);
    expect(first.department.calendar).toMatchObject({ timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: false });
    expect(second.department.calendarId).toBe(shared.id);
    expect(second.department.calendar).toMatchObject({ timeZone: "Europe/Bratislava", alwaysOpen: true });
  });
});

describe("updateSlaPolicies", () => {
  it("upserts all three priorities together and audits before and after", async () => {
    const department = await createSupportDepartment(db, { targets: { urgent: [30, 30] } });
    await updateSlaPolicies(admin, policies(department.id));
    const rows = await db.slaPolicy.findMany({ where: { departmentId: department.id }, select: { priority: true, firstResponseMinutes: true, nextResponseMinutes: true } });
    expect(rows.sort((a, b) => a.firstResponseMinutes - b.firstResponseMinutes)).toEqual([
      { priority: "urgent", firstResponseMinutes: 15, nextResponseMinutes: 30 },
      { priority: "normal", firstResponseMinutes: 90, nextResponseMinutes: 180 },
      { priority: "low", firstResponseMinutes: 600, nextResponseMinutes: 1200 },
    ]);
    await updateSlaPolicies(admin, policies(department.id, [20, 120, 480]));
    expect(await db.slaPolicy.count({ where: { departmentId: department.id } })).toBe(3);

    const audits = await auditRows(department.id, "support.sla.updated");
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actorUserId: admin.userId });
    expect(audits[0].data).toMatchObject({ before: [{ priority: "urgent", firstResponseMinutes: 30 }] });
    expect(audits[1].data).toMatchObject({ after: expect.arrayContaining([{ priority: "urgent", firstResponseMinutes: 20, nextResponseMinutes: 40 }]) });
  });

  it("does not touch the due time of tickets already waiting", async () => {
    const department = await createSupportDepartment(db);
    const { customer: c } = await createCustomerWithOwner(db);
    const dueAt = new Date(Date.now() + 30 * 60_000);
    const ticket = await createTicket(db, c.id, { departmentId: department.id, priority: "urgent" });
    await db.ticket.update({ where: { id: ticket.id }, data: { dueAt } });
    await updateSlaPolicies(admin, policies(department.id, [600, 600, 600]));
    await updateCalendar(admin, officeHours(department.id));
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).dueAt).toEqual(dueAt);
  });

  it.each([
    ["zero minutes", [0, 60, 120]],
    ["more than a week", [30, 60, 10_081]],
    ["a fraction of a minute", [30, 60.5, 120]],
  ])("refuses %s and changes nothing", async (_, minutes) => {
    const department = await createSupportDepartment(db);
    const before = await snapshot(department.id);
    await expect(updateSlaPolicies(admin, policies(department.id, minutes as [number, number, number]))).rejects.toBeInstanceOf(ZodError);
    expect(await snapshot(department.id)).toEqual(before);
  });

  it("refuses a set without every priority exactly once", async () => {
    const department = await createSupportDepartment(db);
    const input = policies(department.id);
    await expect(updateSlaPolicies(admin, { ...input, policies: input.policies.slice(0, 2) })).rejects.toBeInstanceOf(ZodError);
    await expect(updateSlaPolicies(admin, { ...input, policies: [input.policies[0], input.policies[0], input.policies[2]] })).rejects.toBeInstanceOf(ZodError);
  });
});

describe("updateDepartment", () => {
  it("saves name, lower-cased address, auto-close and position, and audits before and after", async () => {
    const department = await createSupportDepartment(db, { name: "Old name" });
    const email = `${unique("Desk")}@Example.TEST`;
    await updateDepartment(admin, { id: department.id, name: "  New name ", email: `  ${email} `, autoCloseAfterDays: null, position: 7 });
    const { department: stored } = await snapshot(department.id);
    expect(stored).toMatchObject({ name: "New name", email: email.toLowerCase(), autoCloseAfterDays: null, position: 7, slug: department.slug });

    const [audit] = await auditRows(department.id, "support.department.updated");
    expect(audit.actorUserId).toBe(admin.userId);
    expect(audit.data).toMatchObject({
      before: { name: "Old name", email: null, autoCloseAfterDays: 5, position: 0 },
      after: { name: "New name", email: email.toLowerCase(), autoCloseAfterDays: null, position: 7 },
    });

    await updateDepartment(admin, { id: department.id, name: "New name", email: "", autoCloseAfterDays: 3, position: 7 });
    expect((await snapshot(department.id)).department).toMatchObject({ email: null, autoCloseAfterDays: 3 });
  });

  it("refuses an address another department receives mail at, whatever its case", async () => {
    const taken = `${unique("billing")}@example.test`;
    await createSupportDepartment(db, { email: taken });
    const department = await createSupportDepartment(db);
    const before = await snapshot(department.id);
    const error = await updateDepartment(admin, { id: department.id, name: "Mine", email: taken.toUpperCase(), autoCloseAfterDays: 5, position: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect(error).toMatchObject({ key: "errors.emailTaken", field: "email" });
    expect(await snapshot(department.id)).toEqual(before);
  });

  it("refuses a stored address in upper case as well (compared as inbound mail is)", async () => {
    const taken = `${unique("Legacy")}@Example.test`;
    await db.department.create({ data: { slug: unique("legacy"), name: "Legacy", email: taken } });
    const department = await createSupportDepartment(db);
    await expect(updateDepartment(admin, { id: department.id, name: "Mine", email: taken.toLowerCase(), autoCloseAfterDays: 5, position: 0 })).rejects.toMatchObject({ field: "email" });
  });

  it("keeps its own address and refuses bad values", async () => {
    const email = `${unique("own")}@example.test`;
    const department = await createSupportDepartment(db, { email });
    await updateDepartment(admin, { id: department.id, name: "Same address", email, autoCloseAfterDays: 5, position: 0 });
    for (const bad of [
      { name: "" },
      { email: "not-an-address" },
      { autoCloseAfterDays: 0 },
      { autoCloseAfterDays: 366 },
      { position: -1 },
    ]) {
      await expect(updateDepartment(admin, { id: department.id, name: "Same address", email, autoCloseAfterDays: 5, position: 0, ...bad })).rejects.toBeInstanceOf(ZodError);
    }
  });

  it("answers not found for a department that does not exist", async () => {
    await expect(updateDepartment(admin, { id: "00000000-0000-4000-8000-000000000000", name: "Ghost", email: null, autoCloseAfterDays: null, position: 0 })).rejects.toMatchObject({
      key: "errors.notFound",
    });
  });
});

describe("createDepartment", () => {
  it("creates the department with its own 24/7 calendar and the default targets, audited", async () => {
    const slug = unique("sales");
    const created = await createDepartment(admin, { slug, name: "Sales", email: `${slug}@Example.test`, autoCloseAfterDays: 7, position: 3, timeZone: "Europe/Budapest" });
    const settings = await getDepartmentSettings(admin, created.id);
    expect(settings).toMatchObject({
      slug,
      name: "Sales",
      email: `${slug}@example.test`,
      autoCloseAfterDays: 7,
      position: 3,
      calendar: { timeZone: "Europe/Budapest", alwaysOpen: true, valid: true, sharedWith: 0 },
      targets: DEFAULT_SLA_TARGETS,
    });
    const [audit] = await auditRows(created.id, "support.department.created");
    expect(audit.actorUserId).toBe(admin.userId);
    expect(audit.data).toMatchObject({ before: null, after: { slug, calendar: { timeZone: "Europe/Budapest" } } });
  });

  it("refuses a slug in the wrong format or already used, and a taken address", async () => {
    const existing = await createSupportDepartment(db, { email: `${unique("inbox")}@example.test` });
    const base = { name: "X", email: null, autoCloseAfterDays: null, position: 0, timeZone: "UTC" };
    for (const slug of ["Has Spaces", "UPPER", "-leading", "double--hyphen", "x"]) {
      await expect(createDepartment(admin, { ...base, slug })).rejects.toBeInstanceOf(ZodError);
    }
    await expect(createDepartment(admin, { ...base, slug: existing.slug })).rejects.toMatchObject({ key: "errors.slugTaken", field: "slug" });
    await expect(createDepartment(admin, { ...base, slug: unique("fresh"), email: existing.email })).rejects.toMatchObject({ key: "errors.emailTaken", field: "email" });
    await expect(createDepartment(admin, { ...base, slug: unique("fresh"), timeZone: "Nowhere/Land" })).rejects.toBeInstanceOf(ZodError);
  });
});

describe("listServers", () => {
  it("lists servers with their module and live service count", async () => {
    const server = await db.server.create({ data: { name: "Web 1", hostname: `${unique("web")}.test.portico.example`, location: "HCMC DC1", module: "builtin" } });
    const servers = await listServers(admin);
    expect(servers).toContainEqual({ id: server.id, name: "Web 1", hostname: server.hostname, location: "HCMC DC1", module: "builtin", serviceCount: 0 });
  });
});
