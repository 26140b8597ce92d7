"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { cardPaymentsEnabled, startCardCheckout } from "@/lib/billing/card-checkout";
import { PaymentMethodError, setDefaultPaymentMethod } from "@/lib/billing/customer-payment-method";
import { PaymentError, payInvoiceWithCredit } from "@/lib/billing/payments";
import { payInvoiceSchema, paymentMethodSchema } from "@/lib/billing/schemas";

function billingErrorResult(error: unknown) {
  if (error instanceof PaymentError || error instanceof PaymentMethodError) return fail(error.key);
  throw error;
}

/** Pays the invoice from the customer's credit; the amount is decided by the server (the schema takes the id only). */
export const payWithCreditAction = customerAction(payInvoiceSchema, "billing.pay", async (actor, { invoiceId }) => {
  try {
    const { ip } = await currentRequestInfo();
    const result = await payInvoiceWithCredit(actor, invoiceId, { ip });
    revalidatePath("/billing", "layout");
    revalidatePath("/dashboard");
    return ok({ paidMinor: result.appliedMinor.toString(), invoicePaid: result.invoicePaid, taxInvoiceId: result.taxInvoiceId });
  } catch (error) {
    return billingErrorResult(error);
  }
});

/** Starts a Stripe Checkout for the invoice's balance; the client then goes to the returned URL. */
export const startCardPaymentAction = customerAction(payInvoiceSchema, "billing.pay", async (actor, { invoiceId }) => {
  if (!cardPaymentsEnabled()) return fail("errors.cardUnavailable");
  try {
    const { url } = await startCardCheckout(actor, invoiceId);
    return ok({ url });
  } catch (error) {
    return billingErrorResult(error);
  }
});

export const setPaymentMethodAction = customerAction(paymentMethodSchema, "billing.pay", async (actor, input) => {
  try {
    const { ip } = await currentRequestInfo();
    await setDefaultPaymentMethod(actor, input, { ip });
    revalidatePath("/billing", "layout");
    return ok(undefined);
  } catch (error) {
    return billingErrorResult(error);
  }
});
