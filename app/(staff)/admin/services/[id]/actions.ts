"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { ProvisioningJobError, markProvisioningJobDone, retryProvisioningJob } from "@/lib/services/provisioning-jobs";
import { StaffServicesError, requestModuleAction } from "@/lib/services/staff-services";
import { jobIdInputSchema, markJobDoneSchema, moduleActionSchema } from "@/lib/services/staff-services-schemas";

// Staff module actions on a service (staff.services): staffAction (actor → permission → schema) →
// one lib/services function (which checks the permission again and audits) → revalidate → a typed result.

const LIST = "/admin/services";

/** Known refusals become a message (next to the field when there is one); anything else is a bug and propagates. */
async function attempt<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StaffServicesError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
    if (error instanceof ProvisioningJobError) return fail(error.code === "not_found" ? "errors.jobNotFound" : "errors.jobState");
    throw error;
  }
}

function refresh(serviceId?: string) {
  revalidatePath(LIST);
  if (serviceId) revalidatePath(`${LIST}/${serviceId}`);
}

export const requestModuleActionAction = staffAction(moduleActionSchema, "staff.services", (actor, input) =>
  attempt(async () => {
    const result = await requestModuleAction(actor, input, await currentRequestInfo());
    refresh(input.serviceId);
    return ok(result);
  }),
);

export const retryJobAction = staffAction(jobIdInputSchema, "staff.services", (actor, { jobId }) =>
  attempt(async () => {
    await retryProvisioningJob(actor, jobId);
    refresh();
    return ok(undefined);
  }),
);

export const markJobDoneAction = staffAction(markJobDoneSchema, "staff.services", (actor, { jobId, note }) =>
  attempt(async () => {
    await markProvisioningJobDone(actor, jobId, note || undefined);
    refresh();
    return ok(undefined);
  }),
);
