"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { StaffUserError, changeStaffRole, createStaffUser, setStaffDisabled, updateStaffRole } from "@/lib/admin/staff-users";
import { changeStaffRoleSchema, createStaffUserSchema, setStaffDisabledSchema, updateRoleSchema } from "@/lib/admin/staff-user-schemas";
import { currentRequestInfo } from "@/lib/auth/request-info";

// Staff users and roles (staff.settings); lib/admin/staff-users.ts checks everything again.

function refusal(error: unknown): ActionResult<never> {
  if (error instanceof StaffUserError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
  throw error;
}

const done = () => {
  revalidatePath("/admin/settings/staff");
  return ok(undefined);
};

export const createStaffUserAction = staffAction(createStaffUserSchema, "staff.settings", async (actor, input) => {
  try {
    await createStaffUser(actor, input, await currentRequestInfo());
    return done();
  } catch (error) {
    return refusal(error);
  }
});

export const changeStaffRoleAction = staffAction(changeStaffRoleSchema, "staff.settings", async (actor, input) => {
  try {
    await changeStaffRole(actor, input, await currentRequestInfo());
    return done();
  } catch (error) {
    return refusal(error);
  }
});

export const setStaffDisabledAction = staffAction(setStaffDisabledSchema, "staff.settings", async (actor, input) => {
  try {
    await setStaffDisabled(actor, input, await currentRequestInfo());
    return done();
  } catch (error) {
    return refusal(error);
  }
});

export const updateStaffRoleAction = staffAction(updateRoleSchema, "staff.settings", async (actor, input) => {
  try {
    await updateStaffRole(actor, input, await currentRequestInfo());
    return done();
  } catch (error) {
    return refusal(error);
  }
});
