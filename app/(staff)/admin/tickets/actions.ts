"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, fieldErrorsOf, formDataObject, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { can } from "@/lib/auth/actor-types";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { requireActor } from "@/lib/auth/session";
import { type AttachmentError, readUploads, validateUploads } from "@/lib/support/attachments";
import { CannedReplyError, createCannedReply, deleteCannedReply, updateCannedReply } from "@/lib/support/canned-replies";
import { cannedReplyIdSchema, cannedReplySchema, updateCannedReplySchema } from "@/lib/support/canned-reply-schemas";
import { staffReplySchema, supportPinCheckSchema, updateTicketSchema } from "@/lib/support/schemas";
import { SupportPinError, checkSupportPin } from "@/lib/support/support-pin";
import { TicketError, replyToTicket, updateTicket } from "@/lib/support/tickets";

/** A form with files: text errors as usual, plus one entry per refused file. */
export type StaffUploadResult<T> = ActionResult<T> | { ok: false; error: string; fieldErrors?: Record<string, string>; attachmentErrors: AttachmentError[] };

const ticketPath = (number: string) => `/admin/tickets/${encodeURIComponent(number)}`;

/** Known refusals become a message next to the field (or above the form); anything else is a bug and propagates. */
function refusal(error: unknown): ActionResult<never> {
  if (error instanceof TicketError || error instanceof CannedReplyError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
  if (error instanceof SupportPinError) return fail(error.key);
  throw error;
}

/**
 * A reply to the customer or an internal note, with files. Sent as FormData (the files), so it
 * cannot go through staffAction's object input; the steps are the same: actor → permission →
 * schema (and the files) → one lib call.
 */
export async function staffReplyAction(formData: FormData): Promise<StaffUploadResult<{ status: string }>> {
  const actor = await requireActor();
  if (actor.kind !== "staff" || !can(actor, "staff.tickets")) return fail("errors.forbidden");
  const parsed = staffReplySchema.safeParse(formDataObject(formData));
  const uploads = validateUploads(formData instanceof FormData ? await readUploads(formData) : []);
  if (!uploads.ok) return { ok: false, error: "errors.attachmentsRejected", fieldErrors: parsed.success ? undefined : fieldErrorsOf(parsed.error), attachmentErrors: uploads.errors };
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  try {
    const result = await replyToTicket(actor, parsed.data, uploads.files);
    revalidatePath(ticketPath(parsed.data.number));
    revalidatePath("/admin/tickets");
    return ok({ status: result.status });
  } catch (error) {
    return refusal(error);
  }
}

export const updateTicketAction = staffAction(updateTicketSchema, "staff.tickets", async (actor, input) => {
  try {
    const { changes } = await updateTicket(actor, input);
    revalidatePath(ticketPath(input.number));
    revalidatePath("/admin/tickets");
    return ok({ changed: Object.keys(changes).length > 0 });
  } catch (error) {
    return refusal(error);
  }
});

export const checkSupportPinAction = staffAction(supportPinCheckSchema, "staff.tickets", async (actor, input) => {
  try {
    return ok(await checkSupportPin(actor, input, await currentRequestInfo()));
  } catch (error) {
    return refusal(error);
  }
});

export const createCannedReplyAction = staffAction(cannedReplySchema, "staff.tickets", async (actor, input) => {
  try {
    const row = await createCannedReply(actor, input);
    revalidatePath("/admin/tickets/canned");
    return ok({ id: row.id });
  } catch (error) {
    return refusal(error);
  }
});

export const updateCannedReplyAction = staffAction(updateCannedReplySchema, "staff.tickets", async (actor, input) => {
  try {
    await updateCannedReply(actor, input);
    revalidatePath("/admin/tickets/canned");
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});

export const deleteCannedReplyAction = staffAction(cannedReplyIdSchema, "staff.tickets", async (actor, { id }) => {
  try {
    await deleteCannedReply(actor, id);
    revalidatePath("/admin/tickets/canned");
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});
