import "server-only";
import type { CustomerActor } from "@/lib/auth/actor-types";

/** Card payments are offered only when Stripe is configured. Placeholder until the Stripe work lands. */
export function cardPaymentsEnabled(): boolean {
  return false;
}

/**
 * Starts a Stripe Checkout for the invoice's open balance (amount fixed by the server) and returns
 * the URL to send the browser to. Placeholder until the Stripe work lands.
 */
export async function startCardCheckout(_actor: CustomerActor, _invoiceId: string): Promise<{ url: string }> {
  throw new Error("card payments are not configured");
}

/** Refunds (part of) a card payment at Stripe and returns Stripe's refund id. Placeholder until the Stripe work lands. */
export async function refundCardPayment(_paymentId: string, _amountMinor: bigint): Promise<{ externalId: string }> {
  throw new Error("card payments are not configured");
}
