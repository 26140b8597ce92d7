"use server";

import { revalidatePath } from "next/cache";
import { ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { notificationPreferencesSchema } from "@/lib/accounts/mail-schemas";
import { saveNotificationPreferences } from "@/lib/accounts/notification-preferences";
import { currentRequestInfo } from "@/lib/auth/request-info";

/** Everyone sets their own preferences; no permission beyond being signed in. */
export const saveNotificationPreferencesAction = customerAction(notificationPreferencesSchema, null, async (actor, input) => {
  const changed = await saveNotificationPreferences(actor, input, await currentRequestInfo());
  revalidatePath("/account/notifications");
  return ok({ changed: changed.length });
});
