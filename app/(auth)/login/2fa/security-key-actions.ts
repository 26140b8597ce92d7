"use server";

import { redirect } from "next/navigation";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { unstable_update } from "@/lib/auth/auth";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { getSessionState } from "@/lib/auth/session";
import { passSecurityKeyChallenge, securityKeyAuthenticationOptions } from "@/lib/auth/webauthn";

// The second step of a sign-in by security key. Like the other auth actions these run before there
// is a verified Actor, so they check the session stage themselves.

type AuthenticationOptions = NonNullable<Awaited<ReturnType<typeof securityKeyAuthenticationOptions>>>;

export async function securityKeyChallengeOptionsAction(): Promise<ActionResult<AuthenticationOptions>> {
  const state = await getSessionState();
  if (state.status !== "two_factor_required") redirect("/");
  const options = await securityKeyAuthenticationOptions(state);
  return options ? ok(options) : fail("errors.noKeys");
}

export async function securityKeyChallengeAction(response: unknown): Promise<ActionResult> {
  const state = await getSessionState();
  if (state.status !== "two_factor_required") redirect("/");
  const result = await passSecurityKeyChallenge(state, response, await currentRequestInfo());
  if (!result.ok) return fail(result.reason === "throttled" ? "errors.throttled" : "errors.keyRefused");
  await unstable_update({});
  redirect(state.staff ? "/admin" : "/dashboard");
}
