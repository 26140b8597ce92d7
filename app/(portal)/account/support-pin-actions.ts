"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { regenerateSupportPin } from "@/lib/support/support-pin";

/** A new support PIN for the current customer (account.manage); the card shows it after the refresh. */
export const regenerateSupportPinAction = customerAction(z.object({}), "account.manage", async (actor) => {
  await regenerateSupportPin(actor, await currentRequestInfo());
  revalidatePath("/dashboard");
  revalidatePath("/account", "layout");
  return ok(undefined);
});
