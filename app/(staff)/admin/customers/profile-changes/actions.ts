"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { decideProfileChange } from "@/lib/accounts/profile-changes";
import { ProfileError } from "@/lib/accounts/profile";
import { decideProfileChangeSchema } from "@/lib/accounts/profile-schemas";
import { currentRequestInfo } from "@/lib/auth/request-info";

export const decideProfileChangeAction = staffAction(decideProfileChangeSchema, "staff.customers", async (actor, input) => {
  try {
    const result = await decideProfileChange(actor, input, await currentRequestInfo());
    revalidatePath("/admin/customers/profile-changes");
    return ok(result);
  } catch (error) {
    if (error instanceof ProfileError) return fail(error.key);
    throw error;
  }
});
