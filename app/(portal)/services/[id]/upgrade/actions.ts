"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { UpgradeError, requestUpgrade } from "@/lib/services/upgrade";
import { requestUpgradeSchema } from "@/lib/services/upgrade-schemas";

// A package change (services.manage). Only ids come from the browser: lib/services/upgrade prices
// and prorates again, scoped to the actor's customer.
export const requestUpgradeAction = customerAction(requestUpgradeSchema, "services.manage", async (actor, input) => {
  try {
    const outcome = await requestUpgrade(actor, input, await currentRequestInfo());
    revalidatePath(`/services/${input.serviceId}`, "layout");
    return ok({ status: outcome.status, invoiceId: outcome.invoiceId, netMinor: outcome.netMinor.toString(), currency: outcome.currency });
  } catch (error) {
    if (error instanceof UpgradeError) return fail(error.key);
    throw error;
  }
});
