"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { declineQuoteSchema, quoteIdInputSchema } from "@/lib/billing/quote-schemas";
import { QuoteError, acceptQuote, declineQuote } from "@/lib/billing/quotes";

// The customer's answer to a quote (`billing.pay`); lib/billing/quotes scopes the quote to the
// actor's customer, so another customer's id is "not found".

function refusal(error: unknown): ActionResult<never> {
  if (error instanceof QuoteError) return fail(error.key, error.fieldErrors);
  throw error;
}

export const acceptQuoteAction = customerAction(quoteIdInputSchema, "billing.pay", async (actor, { id }) => {
  try {
    const { invoiceId } = await acceptQuote(actor, id, await currentRequestInfo());
    revalidatePath("/billing/quotes", "layout");
    revalidatePath("/billing/invoices", "layout");
    return ok({ invoiceId });
  } catch (error) {
    return refusal(error);
  }
});

export const declineQuoteAction = customerAction(declineQuoteSchema, "billing.pay", async (actor, input) => {
  try {
    await declineQuote(actor, input, await currentRequestInfo());
    revalidatePath("/billing/quotes", "layout");
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});
