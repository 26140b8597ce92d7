"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { addToCart, removeCartItem } from "@/lib/services/order-cart";
import { OrderError } from "@/lib/services/order-catalog";
import { afterCheckoutPath, checkoutCart } from "@/lib/services/order-checkout";
import { addToCartSchema, checkoutSchema, removeCartItemSchema } from "@/lib/services/order-schemas";

function orderErrorResult(error: unknown) {
  // A refusal about one field goes next to it; the form's summary then only says to look there.
  if (error instanceof OrderError) return error.field ? fail("errors.checkFields", { [error.field]: error.key }) : fail(error.key);
  throw error;
}

/** Puts a configured product in the cart; the catalog decides what it costs. */
export const addToCartAction = customerAction(addToCartSchema, "orders.place", async (actor, input) => {
  try {
    const { itemId } = await addToCart(actor, input, await currentRequestInfo());
    revalidatePath("/services/order", "layout");
    return ok({ itemId });
  } catch (error) {
    return orderErrorResult(error);
  }
});

export const removeCartItemAction = customerAction(removeCartItemSchema, "orders.place", async (actor, input) => {
  try {
    await removeCartItem(actor, input, await currentRequestInfo());
    revalidatePath("/services/order", "layout");
    return ok(undefined);
  } catch (error) {
    return orderErrorResult(error);
  }
});

/** Places the order: an order, its invoice (issued through billing) and an empty cart; answers with where to go next. */
export const checkoutAction = customerAction(checkoutSchema, "orders.place", async (actor) => {
  try {
    const result = await checkoutCart(actor, await currentRequestInfo());
    revalidatePath("/services/order", "layout");
    revalidatePath("/billing", "layout");
    revalidatePath("/dashboard");
    return ok({ orderNumber: result.orderNumber, href: afterCheckoutPath(actor, result) });
  } catch (error) {
    return orderErrorResult(error);
  }
});
