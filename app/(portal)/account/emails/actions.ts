"use server";

import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { resendEmailSchema } from "@/lib/accounts/mail-schemas";
import { resendEmailToMe } from "@/lib/accounts/email-log";
import { currentRequestInfo } from "@/lib/auth/request-info";

/** Every contact may resend to themselves what they may see (lib/accounts/email-log.ts checks which). */
export const resendEmailAction = customerAction(resendEmailSchema, null, async (actor, { id }) => {
  const result = await resendEmailToMe(actor, id, await currentRequestInfo());
  if (result.ok) return ok(undefined);
  return fail(result.reason === "rate_limited" ? "errors.rateLimited" : "errors.notFound");
});
