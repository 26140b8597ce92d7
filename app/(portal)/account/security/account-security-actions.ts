"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { changeOwnPassword, signOutOtherSessions, signOutSession } from "@/lib/auth/account-security";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { changePasswordSchema, revokeSessionSchema, vpnPasswordSchema } from "@/lib/auth/security-schemas";
import { setVpnPassword } from "@/lib/services/vpn-access";
import { z } from "zod";

// The password, sessions and VPN sections of /account/security. Each: customerAction (actor,
// permission, schema) → one lib function → revalidate → a typed result with message keys of the
// "accountSecurity" namespace.

export const changePasswordAction = customerAction(changePasswordSchema, null, async (actor, input) => {
  const result = await changeOwnPassword(actor, input, await currentRequestInfo());
  if (!result.ok) return fail("errors.invalidForm", { [result.field]: result.error });
  revalidatePath("/account/security");
  return ok({ signedOut: result.signedOut });
});

export const signOutSessionAction = customerAction(revokeSessionSchema, null, async (actor, { sessionId }) => {
  const result = await signOutSession(actor, sessionId, await currentRequestInfo());
  if (!result.ok) return fail(result.reason === "current" ? "errors.currentSession" : "errors.sessionGone");
  revalidatePath("/account/security");
  return ok(undefined);
});

export const signOutOtherSessionsAction = customerAction(z.object({}), null, async (actor) => {
  const result = await signOutOtherSessions(actor, await currentRequestInfo());
  revalidatePath("/account/security");
  return ok(result);
});

export const setVpnPasswordAction = customerAction(vpnPasswordSchema, "services.manage", async (actor, input) => {
  const result = await setVpnPassword(actor, input, await currentRequestInfo());
  if (!result.ok) return result.field ? fail("errors.invalidForm", { [result.field]: result.error }) : fail(result.error);
  return ok(undefined);
});
