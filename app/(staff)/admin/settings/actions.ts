"use server";

import { revalidatePath } from "next/cache";
import { ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { catchSettingsError, createDepartment, updateCalendar, updateDepartment, updateSlaPolicies } from "@/lib/support/settings";
import { calendarSettingsSchema, createDepartmentSchema, slaPoliciesSchema, updateDepartmentSchema } from "@/lib/support/settings-schemas";

// Staff writes for the support desk settings (`staff.settings`); lib/support/settings checks again,
// validates again and audits.

function refreshSettings() {
  revalidatePath("/admin/settings", "layout");
}

export const updateDepartmentAction = staffAction(
  updateDepartmentSchema,
  "staff.settings",
  catchSettingsError(async (actor, input) => {
    await updateDepartment(actor, input, await currentRequestInfo());
    refreshSettings();
    return ok(undefined);
  }),
);

export const createDepartmentAction = staffAction(
  createDepartmentSchema,
  "staff.settings",
  catchSettingsError(async (actor, input) => {
    const { id } = await createDepartment(actor, input, await currentRequestInfo());
    refreshSettings();
    return ok({ id });
  }),
);

export const updateCalendarAction = staffAction(
  calendarSettingsSchema,
  "staff.settings",
  catchSettingsError(async (actor, input) => {
    await updateCalendar(actor, input, await currentRequestInfo());
    refreshSettings();
    return ok(undefined);
  }),
);

export const updateSlaPoliciesAction = staffAction(
  slaPoliciesSchema,
  "staff.settings",
  catchSettingsError(async (actor, input) => {
    await updateSlaPolicies(actor, input, await currentRequestInfo());
    refreshSettings();
    return ok(undefined);
  }),
);
