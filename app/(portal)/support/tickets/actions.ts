"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, fieldErrorsOf, formDataObject, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { type AttachmentError, readUploads, validateUploads } from "@/lib/support/attachments";
import { newTicketSchema, rateTicketSchema, ticketNumberInputSchema, ticketReplySchema } from "@/lib/support/schemas";
import { TicketError, closeTicket, openTicket, rateTicket, reopenTicket, replyToTicket } from "@/lib/support/tickets";

/** A form with files: text errors as usual, plus one entry per refused file. */
export type UploadActionResult<T> = ActionResult<T> | { ok: false; error: string; fieldErrors?: Record<string, string>; attachmentErrors: AttachmentError[] };

/** The files of a form post, checked; nothing is written unless they and the text fields pass. */
async function parseUploads(formData: unknown) {
  return validateUploads(formData instanceof FormData ? await readUploads(formData) : []);
}

function ticketErrorResult(error: unknown) {
  if (error instanceof TicketError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
  throw error;
}

export async function openTicketAction(formData: FormData): Promise<UploadActionResult<{ number: string }>> {
  const actor = await requireCustomerActor();
  if (!can(actor, "tickets.create")) return fail("errors.forbidden");
  const parsed = newTicketSchema.safeParse(formDataObject(formData));
  const uploads = await parseUploads(formData);
  if (!uploads.ok) return { ok: false, error: "errors.attachmentsRejected", fieldErrors: parsed.success ? undefined : fieldErrorsOf(parsed.error), attachmentErrors: uploads.errors };
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  try {
    const ticket = await openTicket(actor, parsed.data, uploads.files);
    revalidatePath("/support/tickets");
    return ok({ number: ticket.number });
  } catch (error) {
    return ticketErrorResult(error);
  }
}

export async function replyAction(formData: FormData): Promise<UploadActionResult<undefined>> {
  const actor = await requireCustomerActor();
  if (!can(actor, "tickets.create")) return fail("errors.forbidden");
  const parsed = ticketReplySchema.safeParse(formDataObject(formData));
  const uploads = await parseUploads(formData);
  if (!uploads.ok) return { ok: false, error: "errors.attachmentsRejected", fieldErrors: parsed.success ? undefined : fieldErrorsOf(parsed.error), attachmentErrors: uploads.errors };
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  try {
    await replyToTicket(actor, parsed.data, uploads.files);
    revalidatePath(`/support/tickets/${parsed.data.number}`);
    return ok(undefined);
  } catch (error) {
    return ticketErrorResult(error);
  }
}

export const closeTicketAction = customerAction(ticketNumberInputSchema, "tickets.create", async (actor, { number }) => {
  try {
    await closeTicket(actor, number);
  } catch (error) {
    return ticketErrorResult(error);
  }
  revalidatePath(`/support/tickets/${number}`);
  return ok(undefined);
});

export const reopenTicketAction = customerAction(ticketNumberInputSchema, "tickets.create", async (actor, { number }) => {
  try {
    await reopenTicket(actor, number);
  } catch (error) {
    return ticketErrorResult(error);
  }
  revalidatePath(`/support/tickets/${number}`);
  return ok(undefined);
});

export const rateTicketAction = customerAction(rateTicketSchema, "tickets.view", async (actor, input) => {
  try {
    await rateTicket(actor, input);
  } catch (error) {
    return ticketErrorResult(error);
  }
  revalidatePath(`/support/tickets/${input.number}`);
  return ok(undefined);
});
