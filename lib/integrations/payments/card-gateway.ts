import "server-only";

/** One hosted card checkout for a fixed amount (the server's, never the browser's). */
export type CheckoutRequest = {
  /** Our CheckoutSession row id: the idempotency key and the reference the webhook comes back with. */
  reference: string;
  amountMinor: bigint;
  currency: string;
  /** What the payer sees on the payment page, e.g. the invoice number. */
  description: string;
  customerEmail?: string | null;
  /** Portico locale (en, vi, sk, hu); the payment page uses it when it can. */
  locale?: string | null;
  successUrl: string;
  cancelUrl: string;
  metadata: Record<string, string>;
};

export type CheckoutCreated = { externalId: string; url: string };

export type RefundRequest = {
  /** The gateway's id of the payment to refund (Stripe PaymentIntent "pi_…"). */
  paymentExternalId: string;
  amountMinor: bigint;
  currency: string;
  idempotencyKey: string;
  metadata: Record<string, string>;
};

/** A refund as the gateway reports it; only "succeeded" ones are booked. */
export type GatewayRefund = {
  externalId: string;
  paymentExternalId: string | null;
  /** Stripe's units; convert with fromStripeAmount. */
  amount: number;
  currency: string;
  status: string;
};

export interface CardPaymentGateway {
  /** Short name for logs and CheckoutSession.provider. */
  readonly name: string;
  createCheckout(request: CheckoutRequest): Promise<CheckoutCreated>;
  refund(request: RefundRequest): Promise<GatewayRefund>;
  /** Every refund of a payment (the webhook books the ones made outside Portico). */
  refundsOf(paymentExternalId: string): Promise<GatewayRefund[]>;
}

/** A call to the gateway failed; `retryable` is false when the same request cannot succeed later. */
export class CardGatewayError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly statusCode?: number | null,
  ) {
    super(message);
    this.name = "CardGatewayError";
  }
}
