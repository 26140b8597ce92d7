"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { decideAccessRequestSchema } from "@/lib/accounts/access-request-schemas";
import { AccessRequestError, decideAccessRequest } from "@/lib/accounts/access-requests";
import { currentRequestInfo } from "@/lib/auth/request-info";

// Staff approve (an invitation with the chosen preset) or reject an access request (staff.customers).
export const decideAccessRequestAction = staffAction(decideAccessRequestSchema, "staff.customers", async (actor, input) => {
  try {
    await decideAccessRequest(actor, input, await currentRequestInfo());
    revalidatePath("/admin/customers/access-requests");
    return ok(undefined);
  } catch (error) {
    if (error instanceof AccessRequestError) return fail(error.key);
    throw error;
  }
});
