import "server-only";
import { StripeGateway } from "./stripe-gateway";

export { CardGatewayError, type CardPaymentGateway, type CheckoutCreated, type CheckoutRequest, type GatewayRefund, type RefundRequest } from "./card-gateway";
export { fromStripeAmount, stripeDigits, toStripeAmount } from "./stripe-amounts";
export { StripeGateway } from "./stripe-gateway";

type StripeConfig = { STRIPE_SECRET_KEY?: string; STRIPE_WEBHOOK_SECRET?: string; STRIPE_API_BASE?: string };

const gateways = new Map<string, StripeGateway>();

/**
 * Stripe when both its keys are set, otherwise null: card payments are then not offered, and the
 * webhook answers 503. One gateway (one SDK client, one connection pool) per configuration.
 */
export function stripeGatewayFor(config: StripeConfig): StripeGateway | null {
  if (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET) return null;
  const key = `${config.STRIPE_SECRET_KEY}\n${config.STRIPE_WEBHOOK_SECRET}\n${config.STRIPE_API_BASE ?? ""}`;
  let gateway = gateways.get(key);
  if (!gateway) {
    gateway = new StripeGateway({ secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET, apiBase: config.STRIPE_API_BASE });
    gateways.set(key, gateway);
  }
  return gateway;
}
