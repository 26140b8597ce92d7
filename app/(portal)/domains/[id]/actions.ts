"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { DomainChangeError, autoRenewSchema, lockSchema, nameserversSchema, requestLockChange, requestNameserverChange, revealEppCode, revealEppSchema, setAutoRenew } from "@/lib/domains/manage";

// The domain page's changes (domains.manage); lib/domains/manage scopes the domain to the actor's customer.

function refusal(error: unknown): ActionResult<never> {
  if (error instanceof DomainChangeError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
  throw error;
}

export const setAutoRenewAction = customerAction(autoRenewSchema, "domains.manage", async (actor, input) => {
  try {
    await setAutoRenew(actor, input, await currentRequestInfo());
    revalidatePath(`/domains/${input.domainId}`);
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});

export const setLockAction = customerAction(lockSchema, "domains.manage", async (actor, input) => {
  try {
    await requestLockChange(actor, input, await currentRequestInfo());
    revalidatePath(`/domains/${input.domainId}`);
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});

export const setNameserversAction = customerAction(nameserversSchema, "domains.manage", async (actor, input) => {
  try {
    await requestNameserverChange(actor, input, await currentRequestInfo());
    revalidatePath(`/domains/${input.domainId}`);
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});

export const revealEppCodeAction = customerAction(revealEppSchema, "domains.manage", async (actor, input) => {
  try {
    return ok(await revealEppCode(actor, input, await currentRequestInfo()));
  } catch (error) {
    return refusal(error);
  }
});
