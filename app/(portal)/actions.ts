"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { setLocaleSchema, switchCustomerSchema } from "@/lib/accounts/schemas";
import { setUserLocale } from "@/lib/accounts/set-locale";
import { switchActiveCustomer } from "@/lib/accounts/switch-customer";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { getSessionState, requireCustomerActor } from "@/lib/auth/session";
import { LOCALE_COOKIE } from "@/i18n/locales";
import { formDataObject } from "@/lib/actions/result";

/** Header customer switcher: a form posting `customerId`. */
export async function switchCustomerAction(formData: FormData): Promise<void> {
  const parsed = switchCustomerSchema.safeParse(formDataObject(formData));
  if (!parsed.success) notFound();
  const actor = await requireCustomerActor();
  const result = await switchActiveCustomer(actor, parsed.data.customerId, await currentRequestInfo());
  if (!result.ok) notFound();
  revalidatePath("/", "layout");
  // The page on screen may belong to the previous customer; start from the new one's dashboard.
  redirect("/dashboard");
}

const ONE_YEAR_S = 60 * 60 * 24 * 365;

/**
 * Language picker: a form posting `locale`. Stores it on the signed-in user and in a cookie (the
 * cookie alone for pages without a verified session, e.g. the sign-in steps).
 */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = setLocaleSchema.safeParse(formDataObject(formData));
  if (!parsed.success) return;
  const state = await getSessionState();
  if (state.status === "active") await setUserLocale(state.actor, parsed.data.locale);
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: "/", maxAge: ONE_YEAR_S, sameSite: "lax", secure: process.env.NODE_ENV === "production" });
  revalidatePath("/", "layout");
}
