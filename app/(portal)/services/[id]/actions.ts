"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { getInitialPasswordOnce } from "@/lib/services/provisioning-jobs";
import { serviceActionSchema } from "@/lib/services/schemas";
import { ServicePageError, issueControlPanelLogin, requestPasswordReset } from "@/lib/services/service-page";

// The overview's buttons (services.manage); lib/services scopes the service to the actor's
// customer, so another customer's id is "not found".

function refusal(error: unknown): ActionResult<never> {
  if (error instanceof ServicePageError) return fail(error.key);
  throw error;
}

/** A one-time link; the browser opens it in a new tab at once. */
export const controlPanelLoginAction = customerAction(serviceActionSchema, "services.manage", async (actor, { serviceId }) => {
  try {
    const { url } = await issueControlPanelLogin(actor, serviceId, await currentRequestInfo());
    return ok({ url });
  } catch (error) {
    return refusal(error);
  }
});

/** The account password, once: a second call (another tab) gets "already shown". */
export const showPasswordOnceAction = customerAction(serviceActionSchema, "services.manage", async (actor, { serviceId }) => {
  const password = await getInitialPasswordOnce(actor, serviceId);
  revalidatePath(`/services/${serviceId}`);
  return password === null ? fail("errors.passwordGone") : ok({ password });
});

export const resetPasswordAction = customerAction(serviceActionSchema, "services.manage", async (actor, { serviceId }) => {
  try {
    await requestPasswordReset(actor, serviceId, await currentRequestInfo());
    revalidatePath(`/services/${serviceId}`);
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});
