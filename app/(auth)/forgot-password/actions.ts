"use server";

import { type ActionResult, fail, fieldErrorsOf, ok } from "@/lib/actions/result";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { forgotPasswordSchema } from "@/lib/auth/password-reset-schemas";
import { currentRequestInfo } from "@/lib/auth/request-info";

/**
 * Always the same answer for a well-formed address, registered or not, throttled or not: the page
 * says "if an account exists, a link is on its way" (lib/auth/password-reset.ts keeps the timing equal too).
 */
export async function requestPasswordResetAction(input: unknown): Promise<ActionResult> {
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  await requestPasswordReset(parsed.data.email, await currentRequestInfo());
  return ok(undefined);
}
