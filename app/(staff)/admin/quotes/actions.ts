"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { quoteDraftSchema, quoteIdInputSchema } from "@/lib/billing/quote-schemas";
import { deleteQuoteDraft, saveQuoteDraft, sendQuote } from "@/lib/billing/quote-staff";
import { QuoteError } from "@/lib/billing/quotes";

// Staff writes for quotes (`staff.billing`); lib/billing/quote-staff checks again and audits.

function refusal(error: unknown): ActionResult<never> {
  if (error instanceof QuoteError) return fail(error.key, error.fieldErrors);
  throw error;
}

function refreshQuotes(id?: string) {
  revalidatePath("/admin/quotes");
  if (id) revalidatePath(`/admin/quotes/${id}`);
  revalidatePath("/billing/quotes", "layout");
}

export const saveQuoteDraftAction = staffAction(quoteDraftSchema, "staff.billing", async (actor, input) => {
  try {
    const saved = await saveQuoteDraft(actor, input, await currentRequestInfo());
    refreshQuotes(saved.id);
    return ok(saved);
  } catch (error) {
    return refusal(error);
  }
});

export const sendQuoteAction = staffAction(quoteIdInputSchema, "staff.billing", async (actor, { id }) => {
  try {
    const sent = await sendQuote(actor, id, await currentRequestInfo());
    refreshQuotes(id);
    return ok(sent);
  } catch (error) {
    return refusal(error);
  }
});

export const deleteQuoteDraftAction = staffAction(quoteIdInputSchema, "staff.billing", async (actor, { id }) => {
  try {
    await deleteQuoteDraft(actor, id, await currentRequestInfo());
    refreshQuotes();
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});
