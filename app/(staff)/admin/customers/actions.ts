"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { customerNoteSchema } from "@/lib/admin/customer-note-schema";
import { addCustomerNote } from "@/lib/admin/customers";
import { ImpersonationTargetMissing, startImpersonation, startImpersonationSchema } from "@/lib/auth/impersonation";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { requireStaffActor } from "@/lib/auth/session";
import { formDataObject } from "@/lib/actions/result";
import { notFound } from "next/navigation";

export const addCustomerNoteAction = staffAction(customerNoteSchema, "staff.customers", async (actor, input) => {
  await addCustomerNote(actor, input);
  revalidatePath(`/admin/customers/${input.customerId}`);
  return ok(undefined);
});

/** "Open the portal as …": a form posting customerId and userId; this staff session acts as the contact until "Back to staff". */
export async function startImpersonationAction(formData: FormData): Promise<void> {
  const actor = await requireStaffActor("staff.impersonate");
  const parsed = startImpersonationSchema.safeParse(formDataObject(formData));
  if (!parsed.success) notFound();
  try {
    await startImpersonation(actor, parsed.data, await currentRequestInfo());
  } catch (error) {
    if (error instanceof ImpersonationTargetMissing) notFound();
    throw error;
  }
  redirect("/dashboard");
}

