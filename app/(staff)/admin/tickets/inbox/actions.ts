"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { InboundEmailError, acceptHeldEmail, rejectHeldEmail } from "@/lib/support/inbound-email";
import { acceptHeldEmailSchema, rejectHeldEmailSchema } from "@/lib/support/inbound-email-schemas";

const INBOX = "/admin/tickets/inbox";

function inboundErrorResult(error: unknown) {
  if (error instanceof InboundEmailError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
  throw error;
}

export const acceptHeldEmailAction = staffAction(acceptHeldEmailSchema, "staff.tickets", async (actor, input) => {
  try {
    const { ticketNumber } = await acceptHeldEmail(actor, input);
    revalidatePath(INBOX);
    return ok({ ticketNumber });
  } catch (error) {
    return inboundErrorResult(error);
  }
});

export const rejectHeldEmailAction = staffAction(rejectHeldEmailSchema, "staff.tickets", async (actor, input) => {
  try {
    await rejectHeldEmail(actor, input);
    revalidatePath(INBOX);
    return ok(undefined);
  } catch (error) {
    return inboundErrorResult(error);
  }
});
