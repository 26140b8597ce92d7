"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, formDataObject, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { StaffDomainError, registrarRowActionSchema, requestDomainSync, runRegistrarRowAction, syncDomainSchema } from "@/lib/domains/staff-domains";

// Registrar actions on the staff domain list (staff.customers): staffAction (actor → permission →
// schema) → one lib/domains function (which checks again and audits) → revalidate → a typed result.

type Queued = { jobId: string; created: boolean };

/** Known refusals become a message key of "staffDomains"; anything else is a bug and propagates. */
async function attempt(run: () => Promise<Queued>): Promise<ActionResult<Queued>> {
  try {
    const result = await run();
    revalidatePath("/admin/domains");
    return ok(result);
  } catch (error) {
    if (error instanceof StaffDomainError) return fail(error.key);
    throw error;
  }
}

/** Asks the registry for a domain's state now. */
export const syncDomainAction = staffAction(syncDomainSchema, "staff.customers", (actor, input) => attempt(() => requestDomainSync(actor, input)));

/** A row's sync, lock, unlock or retry button (`intent` says which). */
export const registrarRowAction = staffAction(registrarRowActionSchema, "staff.customers", (actor, input) => attempt(() => runRegistrarRowAction(actor, input)));

export type RegistrarRowState = (ActionResult<Queued> & { intent?: string }) | null;

/** The row form's action for useActionState (works as a plain form post too). */
export async function registrarRowFormAction(_previous: RegistrarRowState, formData: FormData): Promise<RegistrarRowState> {
  const input = formDataObject(formData);
  return { ...(await registrarRowAction(input)), intent: input.intent };
}
