"use server";

import { getLocale } from "next-intl/server";
import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { requireCustomerActor } from "@/lib/auth/session";
import { KbError, voteOnArticle } from "@/lib/kb/commands";
import { type KbSuggestion, suggestArticles } from "@/lib/kb/queries";
import { kbSuggestSchema, kbVoteSchema } from "@/lib/kb/schemas";

/** "Was this helpful?" Any signed-in contact may vote; the counters come back for the buttons. */
export const voteAction = customerAction(kbVoteSchema, null, async (actor, { articleId, helpful }) => {
  try {
    return ok(await voteOnArticle(actor, articleId, helpful));
  } catch (error) {
    if (error instanceof KbError) return fail(error.key);
    throw error;
  }
});

/**
 * Articles matching a new ticket's subject as the customer types it (components/support/kb-suggestions).
 * A hint, not a step: bad input gives an empty list rather than an error.
 */
export async function suggestArticlesAction(text: unknown): Promise<KbSuggestion[]> {
  const actor = await requireCustomerActor();
  const parsed = kbSuggestSchema.safeParse(text);
  if (!parsed.success || parsed.data.length < 2) return [];
  return suggestArticles(actor, parsed.data, await getLocale());
}
