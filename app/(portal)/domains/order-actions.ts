"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { type AddDomainResult, DomainOrderError, addRegistrationToCart, addTransfersToCart, removeDomainCartItem, setDomainCartYears } from "@/lib/domains/domain-cart";
import { addRegistrationSchema, bulkTransferSchema, removeDomainCartItemSchema, renewDomainSchema, setDomainCartYearsSchema } from "@/lib/domains/domain-order-schemas";
import { renewDomain } from "@/lib/domains/domain-orders";

// Ordering domains (issue 6): the cart's domain lines (orders.place) and renewals (domains.manage).
// lib/domains scopes everything to the actor's customer and prices it on the server.

function refusal(error: unknown): ActionResult<never> {
  if (error instanceof DomainOrderError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
  throw error;
}

/** A line's answer as plain data for the browser (amounts as strings). */
const plain = (r: AddDomainResult) => ({ line: r.line ?? null, name: r.unicode ?? r.name, ok: r.ok, key: r.key });
export type AddDomainAnswer = ReturnType<typeof plain>;

export const addRegistrationAction = customerAction(addRegistrationSchema, "orders.place", async (actor, input) => {
  try {
    const result = await addRegistrationToCart(actor, input, await currentRequestInfo());
    revalidatePath("/services/order", "layout");
    return ok(plain(result));
  } catch (error) {
    return refusal(error);
  }
});

export const addTransfersAction = customerAction(bulkTransferSchema, "orders.place", async (actor, input) => {
  try {
    const { results, added, refused } = await addTransfersToCart(actor, input, await currentRequestInfo());
    revalidatePath("/services/order", "layout");
    return ok({ results: results.map(plain), added, refused });
  } catch (error) {
    return refusal(error);
  }
});

export const removeDomainCartItemAction = customerAction(removeDomainCartItemSchema, "orders.place", async (actor, input) => {
  try {
    await removeDomainCartItem(actor, input, await currentRequestInfo());
    revalidatePath("/services/order", "layout");
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});

export const setDomainCartYearsAction = customerAction(setDomainCartYearsSchema, "orders.place", async (actor, input) => {
  try {
    await setDomainCartYears(actor, input);
    revalidatePath("/services/order", "layout");
    return ok(undefined);
  } catch (error) {
    return refusal(error);
  }
});

export const renewDomainAction = customerAction(renewDomainSchema, "domains.manage", async (actor, input) => {
  try {
    const result = await renewDomain(actor, input, await currentRequestInfo());
    revalidatePath(`/domains/${input.domainId}`);
    revalidatePath("/billing", "layout");
    return ok({ href: result.href });
  } catch (error) {
    return refusal(error);
  }
});
