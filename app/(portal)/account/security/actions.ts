"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { requireTwoFactorSchema, totpCodeSchema } from "@/lib/auth/schemas";
import { disableTwoFactor, regenerateRecoveryCodes, setCustomerTwoFactorRequirement } from "@/lib/auth/two-factor";

export const regenerateRecoveryCodesAction = customerAction(totpCodeSchema, null, async (actor, { code }) => {
  const result = await regenerateRecoveryCodes(actor, code, await currentRequestInfo());
  if (!result.ok) return fail("errors.invalidCode", { code: "errors.invalidCode" });
  revalidatePath("/account/security");
  return ok({ codes: result.codes });
});

export const disableTwoFactorAction = customerAction(totpCodeSchema, null, async (actor, { code }) => {
  const result = await disableTwoFactor(actor, code, await currentRequestInfo());
  if (!result.ok) return fail(result.reason === "not_allowed" ? "errors.cannotDisable" : "errors.invalidCode", { code: "errors.invalidCode" });
  revalidatePath("/account/security");
  return ok(undefined);
});

export const setTwoFactorRequirementAction = customerAction(requireTwoFactorSchema, "account.manage", async (actor, { required }) => {
  const result = await setCustomerTwoFactorRequirement(actor, required === "on", await currentRequestInfo());
  if (!result.ok) return fail("errors.enableOwnFirst");
  revalidatePath("/account/security");
  return ok(undefined);
});
