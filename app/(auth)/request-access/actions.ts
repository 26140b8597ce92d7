"use server";

import { type ActionResult, fail, fieldErrorsOf, ok } from "@/lib/actions/result";
import { requestAccessSchema } from "@/lib/accounts/access-request-schemas";
import { requestAccess } from "@/lib/accounts/access-requests";
import { currentRequestInfo } from "@/lib/auth/request-info";

// Public: the answer is the same whether or not the contract number or the address is known
// (lib/accounts/access-requests.ts); only a form error or the rate limit answers otherwise.
export async function requestAccessAction(input: unknown): Promise<ActionResult> {
  const parsed = requestAccessSchema.safeParse(input);
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  const result = await requestAccess(parsed.data, await currentRequestInfo());
  return result.ok ? ok(undefined) : fail("errors.throttled");
}
