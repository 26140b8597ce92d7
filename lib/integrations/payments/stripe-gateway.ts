import "server-only";
import Stripe from "stripe";
import { CardGatewayError, type CardPaymentGateway, type CheckoutCreated, type CheckoutRequest, type GatewayRefund, type RefundRequest } from "./card-gateway";
import { toStripeAmount } from "./stripe-amounts";

export type StripeGatewayOptions = {
  secretKey: string;
  webhookSecret: string;
  /** Tests only: a local stand-in of the Stripe API (http://127.0.0.1:port). */
  apiBase?: string;
};

// The payment page speaks the customer's language where Stripe has it; else it picks by browser.
const CHECKOUT_LOCALES = new Set(["en", "vi", "sk", "hu"]);

/** host/port/protocol for the SDK from STRIPE_API_BASE; nothing (api.stripe.com) when unset. */
function endpointOf(apiBase: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

/** Stripe's own answer, or our wrapper for a network failure: retryable unless Stripe said the request is wrong. */
function gatewayError(action: string, error: unknown): CardGatewayError {
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode ?? null;
    const permanent = status !== null && status >= 400 && status < 500 && status !== 409 && status !== 429;
    return new CardGatewayError(`Stripe ${action} failed: ${status ?? "(no response)"} ${error.type}${error.code ? `/${error.code}` : ""}: ${error.message}`, !permanent, status);
  }
  return new CardGatewayError(`Stripe ${action} failed: ${error instanceof Error ? error.message : String(error)}`, true, null);
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

function refundOf(refund: Stripe.Refund): GatewayRefund {
  return { externalId: refund.id, paymentExternalId: idOf(refund.payment_intent), amount: refund.amount, currency: refund.currency.toUpperCase(), status: refund.status ?? "pending" };
}

export class StripeGateway implements CardPaymentGateway {
  readonly name = "stripe";
  private client: Stripe | undefined;

  constructor(private readonly options: StripeGatewayOptions) {}

  // Created on first use, so importing this module never needs the key.
  private stripe(): Stripe {
    return (this.client ??= new Stripe(this.options.secretKey, {
      ...endpointOf(this.options.apiBase),
      maxNetworkRetries: 2,
      timeout: 20_000,
      appInfo: { name: "Portico" },
    }));
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutCreated> {
    const currency = request.currency.toLowerCase();
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency, unit_amount: toStripeAmount(request.amountMinor, request.currency), product_data: { name: request.description } } }],
      client_reference_id: request.reference,
      metadata: request.metadata,
      // The charge and its refunds carry the same references, for the dashboard and for our webhook.
      payment_intent_data: { description: request.description, metadata: request.metadata },
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
      locale: request.locale && CHECKOUT_LOCALES.has(request.locale) ? (request.locale as Stripe.Checkout.SessionCreateParams.Locale) : "auto",
    };
    let session: Stripe.Checkout.Session;
    try {
      // Stripe answers a repeated key with the first session: a retry never opens a second one.
      session = await this.stripe().checkout.sessions.create(params, { idempotencyKey: `portico-checkout/${request.reference}` });
    } catch (error) {
      throw gatewayError("checkout.sessions.create", error);
    }
    if (!session.url) throw new CardGatewayError(`Stripe checkout session ${session.id} has no URL`, false);
    return { externalId: session.id, url: session.url };
  }

  async refund(request: RefundRequest): Promise<GatewayRefund> {
    try {
      const refund = await this.stripe().refunds.create(
        { payment_intent: request.paymentExternalId, amount: toStripeAmount(request.amountMinor, request.currency), metadata: request.metadata },
        { idempotencyKey: request.idempotencyKey },
      );
      return refundOf(refund);
    } catch (error) {
      throw gatewayError("refunds.create", error);
    }
  }

  async refundsOf(paymentExternalId: string): Promise<GatewayRefund[]> {
    try {
      const refunds: GatewayRefund[] = [];
      for await (const refund of this.stripe().refunds.list({ payment_intent: paymentExternalId, limit: 100 })) refunds.push(refundOf(refund));
      return refunds;
    } catch (error) {
      throw gatewayError("refunds.list", error);
    }
  }

  /**
   * The event, if `signatureHeader` (Stripe-Signature) signs exactly `rawBody` with our endpoint
   * secret within Stripe's default tolerance (5 minutes); throws otherwise. Needs no network.
   */
  verifyEvent(rawBody: string, signatureHeader: string): Stripe.Event {
    return Stripe.webhooks.constructEvent(rawBody, signatureHeader, this.options.webhookSecret);
  }
}
