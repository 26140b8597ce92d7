"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { type ActionResult, fail, fieldErrorsOf } from "@/lib/actions/result";
import { acceptAsExistingUserSchema, acceptAsNewUserSchema } from "@/lib/accounts/contact-schemas";
import { type AcceptResult, acceptInvitationAsExistingUser, acceptInvitationAsNewUser } from "@/lib/accounts/invitations";
import { signIn } from "@/lib/auth/auth";
import { withLoginOutcome } from "@/lib/auth/login-outcome";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { landingPathFor } from "@/lib/auth/session";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { db } from "@/lib/db";

// /invite/[token]: no session is needed (the token is the key). Accepting creates the login (or
// checks the existing one's password), then signs in through the ordinary sign-in path — so a
// second factor is still asked for — with the invited customer as the active one.

const REASON_KEYS: Record<Exclude<AcceptResult, { ok: true }>["reason"], string> = {
  invalid: "accept.errors.invalid",
  used: "accept.errors.used",
  revoked: "accept.errors.revoked",
  expired: "accept.errors.expired",
  has_login: "accept.errors.hasLogin",
  no_login: "accept.errors.invalid",
  wrong_password: "accept.errors.wrongPassword",
  throttled: "accept.errors.throttled",
  staff_account: "accept.errors.staffAccount",
  weak_password: "errors.passwordTooCommon",
};
const PROBLEM_KEYS = { too_short: "errors.passwordTooShort", too_long: "errors.passwordTooLong", too_common: "errors.passwordTooCommon" } as const;

async function signInTo(result: Extract<AcceptResult, { ok: true }>, password: string): Promise<never> {
  let outcome;
  try {
    outcome = await withLoginOutcome(() => signIn("credentials", { email: result.email, password, redirect: false }));
  } catch (error) {
    // Joined, but the sign-in was refused (e.g. throttled): the login page takes it from here.
    if (error instanceof AuthError) redirect("/login");
    throw error;
  }
  if (!outcome?.ok) redirect("/login");
  await db.session.updateMany({ where: { id: outcome.sessionId, userId: result.userId }, data: { activeCustomerId: result.customerId } });
  redirect(landingPathFor(await resolveSessionState(outcome.sessionId)));
}

export async function acceptAsNewUserAction(input: unknown): Promise<ActionResult> {
  const parsed = acceptAsNewUserSchema.safeParse(input);
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  const result = await acceptInvitationAsNewUser({ ...parsed.data, locale: await getLocale() }, await currentRequestInfo());
  if (!result.ok) {
    if (result.reason === "weak_password") return fail(PROBLEM_KEYS[result.problem], { password: PROBLEM_KEYS[result.problem] });
    return fail(REASON_KEYS[result.reason]);
  }
  return signInTo(result, parsed.data.password);
}

export async function acceptAsExistingUserAction(input: unknown): Promise<ActionResult> {
  const parsed = acceptAsExistingUserSchema.safeParse(input);
  if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
  const result = await acceptInvitationAsExistingUser(parsed.data, await currentRequestInfo());
  if (!result.ok) return fail(REASON_KEYS[result.reason], result.reason === "wrong_password" ? { password: REASON_KEYS[result.reason] } : undefined);
  return signInTo(result, parsed.data.password);
}
