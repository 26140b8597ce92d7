"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { CancellationError, processCancellation } from "@/lib/services/cancellation";
import { processCancellationSchema } from "@/lib/services/cancellation-schemas";

// Staff decide on a cancellation request (staff.services): staffAction (actor → permission →
// schema) → processCancellation (checks again, locks the service, audits, emails) → revalidate.

export const processCancellationAction = staffAction(processCancellationSchema, "staff.services", async (actor, input) => {
  try {
    const result = await processCancellation(actor, input, await currentRequestInfo());
    revalidatePath("/admin/services/cancellations");
    revalidatePath("/admin/services");
    return ok(result);
  } catch (error) {
    // The lib's keys are "staff.errors.*" of serviceChanges; the page translates them in its own block.
    if (error instanceof CancellationError) return fail(error.key);
    throw error;
  }
});
