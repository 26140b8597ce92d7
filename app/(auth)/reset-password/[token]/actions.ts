"use server";

import { type ActionResult, fail, fieldErrorsOf, ok } from "@/lib/actions/result";
import { resetPasswordWithToken } from "@/lib/auth/password-reset";
import { resetPasswordSchema } from "@/lib/auth/password-reset-schemas";
import { currentRequestInfo } from "@/lib/auth/request-info";

const PASSWORD_ERRORS = { too_short: "errors.passwordTooShort", too_long: "errors.passwordTooLong", too_common: "errors.passwordTooCommon" } as const;

/** An unknown, used or expired link all answer "errors.invalidLink". Nobody is signed in here. */
export async function resetPasswordAction(input: unknown): Promise<ActionResult> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  const result = await resetPasswordWithToken(parsed.data.token, parsed.data.password, await currentRequestInfo());
  if (result.ok) return ok(undefined);
  if (result.reason === "invalid") return fail("errors.invalidLink");
  if (result.reason === "throttled") return fail("errors.throttled");
  return fail("errors.invalidForm", { password: PASSWORD_ERRORS[result.reason] });
}
