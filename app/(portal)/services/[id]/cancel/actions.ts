"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { CancellationError, requestCancellation, withdrawCancellation } from "@/lib/services/cancellation";
import { cancellationIdSchema, requestCancellationSchema } from "@/lib/services/cancellation-schemas";

// The customer's cancellation request and its withdrawal (services.manage); lib/services/cancellation
// scopes both to the actor's customer.

function refusal(error: unknown): ActionResult<never> {
  if (error instanceof CancellationError) return fail(error.key);
  throw error;
}

export const requestCancellationAction = customerAction(requestCancellationSchema, "services.manage", async (actor, input) => {
  try {
    const { effectiveOn } = await requestCancellation(actor, input, await currentRequestInfo());
    revalidatePath(`/services/${input.serviceId}`, "layout");
    return ok({ effectiveOn: effectiveOn.toISOString().slice(0, 10) });
  } catch (error) {
    return refusal(error);
  }
});

export const withdrawCancellationAction = customerAction(cancellationIdSchema, "services.manage", async (actor, { requestId }) => {
  try {
    await withdrawCancellation(actor, requestId, await currentRequestInfo());
    revalidatePath("/services", "layout");
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});
