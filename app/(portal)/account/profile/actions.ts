"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { confirmEmailChange, requestEmailChange } from "@/lib/accounts/email-change";
import { ProfileError, requestProfileChange, updateCompany, updatePersonal } from "@/lib/accounts/profile";
import { changeRequestSchema, companySchema, confirmEmailSchema, emailChangeSchema, personalSchema } from "@/lib/accounts/profile-schemas";
import { currentRequestInfo } from "@/lib/auth/request-info";

/** A refused change as the form shows it: the message next to its field, or above the form. */
async function refusalOf<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProfileError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
    throw error;
  }
}

export const updatePersonalAction = customerAction(personalSchema, null, (actor, input) =>
  refusalOf(async () => {
    const result = await updatePersonal(actor, input, await currentRequestInfo());
    // The language and time zone apply to every page.
    revalidatePath("/", "layout");
    return ok(result);
  }),
);

export const updateCompanyAction = customerAction(companySchema, "account.manage", (actor, input) =>
  refusalOf(async () => {
    const result = await updateCompany(actor, input, await currentRequestInfo());
    revalidatePath("/account/profile");
    return ok(result);
  }),
);

export const requestProfileChangeAction = customerAction(changeRequestSchema, "account.manage", (actor, input) =>
  refusalOf(async () => {
    await requestProfileChange(actor, input, await currentRequestInfo());
    revalidatePath("/account/profile");
    return ok(undefined);
  }),
);

export const requestEmailChangeAction = customerAction(emailChangeSchema, null, (actor, input) =>
  refusalOf(async () => {
    await requestEmailChange(actor, input, await currentRequestInfo());
    revalidatePath("/account/profile");
    return ok(undefined);
  }),
);

export const confirmEmailChangeAction = customerAction(confirmEmailSchema, null, (actor, { token }) =>
  refusalOf(async () => {
    const result = await confirmEmailChange(actor, token, await currentRequestInfo());
    revalidatePath("/", "layout");
    return ok(result);
  }),
);
