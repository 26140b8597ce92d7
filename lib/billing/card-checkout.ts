import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import { CardGatewayError, type StripeGateway, stripeGatewayFor } from "@/lib/integrations/payments";
import { PaymentError, refundableMinor } from "./payments";

/** The configured Stripe gateway, or null (card payments not offered). */
export function cardGateway(): StripeGateway | null {
  return stripeGatewayFor(getEnv());
}

/** Card payments are offered only when Stripe is configured (secret key and webhook secret). */
export function cardPaymentsEnabled(): boolean {
  return cardGateway() !== null;
}

/**
 * Starts a Stripe Checkout for the invoice's open balance (amount fixed by the server) and returns
 * the URL to send the browser to. Records the session, so the webhook can check what Stripe
 * reports against what we asked for. Another customer's invoice is "not found".
 */
export async function startCardCheckout(actor: CustomerActor, invoiceId: string): Promise<{ url: string }> {
  const customerId = customerScope(actor, "billing.pay");
  const gateway = cardGateway();
  if (!gateway) throw new PaymentError("errors.cardUnavailable");
  const invoice = await db.invoice.findFirst({
    where: { id: invoiceId, customerId, status: { not: "draft" } },
    select: { id: true, number: true, kind: true, status: true, currency: true, totalMinor: true, amountPaidMinor: true },
  });
  if (!invoice || invoice.kind === "credit_note") throw new PaymentError("errors.notFound");
  const amountMinor = invoice.totalMinor - invoice.amountPaidMinor;
  if (invoice.status !== "unpaid" || amountMinor <= 0n) throw new PaymentError("errors.notPayable");

  const checkoutId = randomUUID();
  const invoiceUrl = `${getEnv().APP_URL}/billing/invoices/${invoice.id}`;
  let session: { externalId: string; url: string };
  try {
    session = await gateway.createCheckout({
      reference: checkoutId,
      amountMinor,
      currency: invoice.currency,
      description: invoice.number ?? invoice.id,
      customerEmail: actor.email,
      locale: actor.locale,
      successUrl: `${invoiceUrl}?paid=1`,
      cancelUrl: `${invoiceUrl}?cancelled=1`,
      metadata: { invoiceId: invoice.id, customerId, checkoutSessionId: checkoutId, invoiceNumber: invoice.number ?? "" },
    });
  } catch (error) {
    if (!(error instanceof CardGatewayError)) throw error;
    console.error(`card checkout for invoice ${invoice.id} could not start: ${error.message}`);
    throw new PaymentError("errors.cardGatewayFailed");
  }

  // Recorded after Stripe answers (a session Stripe refused leaves no row). The customer cannot
  // pay before getting the URL returned below, so the webhook always finds this row.
  await db.$transaction(async (tx) => {
    await tx.checkoutSession.create({
      data: { id: checkoutId, customerId, invoiceId: invoice.id, provider: gateway.name, externalId: session.externalId, amountMinor, currency: invoice.currency, createdByUserId: actor.userId },
    });
    await recordAuditEvent(
      {
        action: "billing.checkout.started",
        actorUserId: actor.userId,
        customerId,
        targetType: "invoice",
        targetId: invoice.id,
        data: { number: invoice.number, checkoutSessionId: checkoutId, externalId: session.externalId, amountMinor: amountMinor.toString(), currency: invoice.currency },
      },
      tx,
    );
  });
  return { url: session.url };
}

/**
 * Refunds (part of) a card payment at Stripe and returns Stripe's refund id; the caller (staff,
 * permission checked) then books it with refundPayment({ destination: "original", externalId }).
 * The idempotency key is the payment and how much of it was refunded so far: asking again after a
 * lost answer gets the same refund, while a second, later partial refund is a new one.
 */
export async function refundCardPayment(paymentId: string, amountMinor: bigint): Promise<{ externalId: string }> {
  if (amountMinor <= 0n) throw new PaymentError("errors.amountNotPositive");
  const gateway = cardGateway();
  if (!gateway) throw new PaymentError("errors.cardUnavailable");
  const payment = await db.payment.findUnique({ where: { id: paymentId }, select: { id: true, method: true, amountMinor: true, currency: true, externalId: true, refundOfId: true, invoiceId: true } });
  if (!payment) throw new PaymentError("errors.notFound");
  if (payment.method !== "card" || !payment.externalId || payment.refundOfId || payment.amountMinor <= 0n) throw new PaymentError("errors.notRefundable");
  const refundable = await refundableMinor(db, payment.id);
  if (amountMinor > refundable) throw new PaymentError("errors.refundTooLarge");

  try {
    const refund = await gateway.refund({
      paymentExternalId: payment.externalId,
      amountMinor,
      currency: payment.currency,
      idempotencyKey: `portico-refund/${payment.id}/${payment.amountMinor - refundable}/${amountMinor}`,
      metadata: { paymentId: payment.id, invoiceId: payment.invoiceId ?? "" },
    });
    return { externalId: refund.externalId };
  } catch (error) {
    if (!(error instanceof CardGatewayError)) throw error;
    console.error(`card refund of payment ${payment.id} failed: ${error.message}`);
    throw new PaymentError("errors.cardGatewayFailed");
  }
}
