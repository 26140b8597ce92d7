"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { type ActionResult, fail, fieldErrorsOf } from "@/lib/actions/result";
import { signIn, signOut, unstable_update } from "@/lib/auth/auth";
import { landingPathFor, withLoginOutcome } from "@/lib/auth/login-outcome";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { challengeSchema, loginSchema, totpCodeSchema } from "@/lib/auth/schemas";
import { getSessionState } from "@/lib/auth/session";
import { confirmTotpEnrolment, passTwoFactorChallenge } from "@/lib/auth/two-factor";

// Auth actions run before there is a verified Actor, so they check the session stage themselves.

export async function loginAction(input: unknown): Promise<ActionResult> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  let outcome;
  try {
    outcome = await withLoginOutcome(() => signIn("credentials", { ...parsed.data, redirect: false }));
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return fail(code === "throttled" ? "errors.throttled" : "errors.invalidCredentials");
    }
    throw error;
  }
  redirect(outcome?.ok ? landingPathFor(outcome) : "/");
}

export async function challengeAction(input: unknown): Promise<ActionResult> {
  const state = await getSessionState();
  if (state.status !== "two_factor_required") redirect("/");
  const parsed = challengeSchema.safeParse(input);
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  const result = await passTwoFactorChallenge(state, parsed.data.code, await currentRequestInfo());
  if (!result.ok) return fail(result.reason === "throttled" ? "errors.throttled" : "errors.invalidCode", { code: "errors.invalidCode" });
  await unstable_update({});
  redirect(state.staff ? "/admin" : "/dashboard");
}

export async function confirmEnrolmentAction(input: unknown): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const state = await getSessionState();
  // An active user may add an authenticator app next to security keys; confirmTotpEnrolment refuses a second one.
  const allowed = state.status === "two_factor_enrolment_required" || state.status === "active";
  if (!allowed) redirect("/");
  const parsed = totpCodeSchema.safeParse(input);
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  const who = state.status === "active" ? { sessionId: state.actor.sessionId, userId: state.actor.userId } : state;
  const result = await confirmTotpEnrolment(who, parsed.data.code, await currentRequestInfo());
  if (!result.ok) {
    if (result.reason === "invalid") return fail("errors.invalidCode", { code: "errors.invalidCode" });
    redirect("/");
  }
  // The session cookie is refreshed by finishEnrolmentAction: changing a cookie here would refresh
  // the page before the recovery codes, shown only once, are on the screen.
  return { ok: true, data: { recoveryCodes: result.recoveryCodes } };
}

/** "Continue" after enrolment: refreshes the session cookie's stage from the database, then moves on. */
export async function finishEnrolmentAction(formData: FormData): Promise<void> {
  const state = await getSessionState();
  if (state.status !== "active") redirect("/");
  await unstable_update({});
  const next = formData.get("next");
  redirect(next === "/account/security" ? next : state.actor.kind === "staff" ? "/admin" : "/dashboard");
}

/** Sign out (also the way to abort a 2FA challenge): revokes the Session row via the signOut event. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
