"use server";

import { revalidatePath } from "next/cache";
import { formDataObject, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { requestDomainSync, syncDomainSchema } from "@/lib/domains/staff-domains";

/** Asks the registry for a domain's state now (staff.customers). */
export const syncDomainAction = staffAction(syncDomainSchema, "staff.customers", async (actor, input) => {
  const result = await requestDomainSync(actor, input);
  revalidatePath("/admin/domains");
  return ok(result);
});

/** The list's per-row form: the same action from a plain form post (works without JavaScript). */
export async function syncDomainFormAction(formData: FormData): Promise<void> {
  await syncDomainAction(formDataObject(formData));
}
