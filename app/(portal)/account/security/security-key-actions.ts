"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { registerSecurityKeySchema, removeSecurityKeySchema, securityKeyNameSchema } from "@/lib/auth/security-key-schemas";
import { registerSecurityKey, removeSecurityKey, securityKeyRegistrationOptions } from "@/lib/auth/webauthn";

// Security keys on /account/security: the actor's own keys only (no permission beyond being signed in).

/** Step 1 of adding a key: checks the name and returns the options for the browser's ceremony. */
export const securityKeyOptionsAction = customerAction(securityKeyNameSchema, null, async (actor, input) => {
  const result = await securityKeyRegistrationOptions(actor, input);
  if (!result.ok) return result.reason === "name_taken" ? fail("errors.nameTaken", { name: "errors.nameTaken" }) : fail("errors.tooMany");
  return ok(result.options);
});

/** Step 2: the authenticator's answer; stores the key. */
export const addSecurityKeyAction = customerAction(registerSecurityKeySchema, null, async (actor, input) => {
  const result = await registerSecurityKey(actor, input, await currentRequestInfo());
  if (!result.ok) {
    if (result.reason === "name_taken") return fail("errors.nameTaken", { name: "errors.nameTaken" });
    return fail(result.reason === "too_many" ? "errors.tooMany" : "errors.registrationRefused");
  }
  revalidatePath("/account/security");
  return ok(undefined);
});

export const removeSecurityKeyAction = customerAction(removeSecurityKeySchema, null, async (actor, input) => {
  const result = await removeSecurityKey(actor, input, await currentRequestInfo());
  if (!result.ok) {
    switch (result.reason) {
      case "wrong_password":
        return fail("errors.wrongPassword", { password: "errors.wrongPassword" });
      case "throttled":
        return fail("errors.throttled");
      case "last_required":
        return fail("errors.lastRequired");
      default:
        return fail("errors.notFound");
    }
  }
  revalidatePath("/account/security");
  return ok(undefined);
});
