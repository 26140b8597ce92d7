import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { Prisma } from "@/lib/generated/prisma/client";
import { type CardPaymentGateway, type GatewayRefund, fromStripeAmount, toStripeAmount } from "@/lib/integrations/payments";
import { PaymentError, applyIncomingPayment, refundPayment } from "./payments";

type Tx = Prisma.TransactionClient;

const PROVIDER = "stripe";
// Waiting behind a concurrent delivery of the same event happens inside the transaction (the
// WebhookEvent key is locked until the first one commits), so both limits are generous.
const TX_OPTIONS = { timeout: 20_000, maxWait: 20_000 } as const;
/** A unique violation means someone else booked the same thing at the same moment: run again, once or twice. */
const MAX_ATTEMPTS = 3;

export type StripeEventOutcome =
  /** This event id was handled before: nothing changed. */
  | "duplicate"
  /** The payment was booked. */
  | "booked"
  /** The payment (same PaymentIntent) had been booked by an earlier event; the session is marked paid. */
  | "already_booked"
  /** Stripe's amount or currency differ from the session we created: nothing booked, audited. */
  | "mismatch"
  /** A checkout session Portico did not create (or no longer knows): nothing booked. */
  | "unknown_session"
  /** Completed, but the money has not arrived yet (async payment methods). */
  | "pending"
  | "expired"
  | "failed"
  /** Refunds made at Stripe were booked (or had been already). */
  | "refunds"
  /** Recorded, no effect (another event type, or nothing to do). */
  | "ignored";

export type StripeEventResult = { outcome: StripeEventOutcome; refundsBooked?: number };

export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const meta = error.meta as { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined;
  return meta?.code === "23505" || meta?.driverAdapterError?.cause?.originalCode === "23505";
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

/** Inserts the event's row; false when it is already there (handled, or being handled and now committed). */
async function recordEvent(tx: Tx, event: Stripe.Event): Promise<boolean> {
  // A concurrent delivery of the same id waits here until the first transaction ends: it then
  // sees the committed row (DO NOTHING) or, if the first rolled back, inserts and does the work.
  const rows = await tx.$queryRaw<{ eventId: string }[]>`
    INSERT INTO "WebhookEvent" ("provider", "eventId", "type") VALUES (${PROVIDER}, ${event.id}, ${event.type})
    ON CONFLICT DO NOTHING RETURNING "eventId"`;
  return rows.length === 1;
}

/**
 * Handles one verified Stripe event exactly once. The WebhookEvent row is inserted in the same
 * transaction as the event's effect, so a repeated or concurrent delivery changes nothing, and a
 * failure leaves neither (Stripe delivers again). Anything read from Stripe is read before the
 * transaction starts, so no database lock waits on the network.
 */
export async function processStripeEvent(event: Stripe.Event, gateway: Pick<CardPaymentGateway, "refundsOf">, opts: { now?: Date } = {}): Promise<StripeEventResult> {
  const seen = await db.webhookEvent.findUnique({ where: { provider_eventId: { provider: PROVIDER, eventId: event.id } }, select: { eventId: true } });
  if (seen) return { outcome: "duplicate" };
  const refunds = await refundsFor(event, gateway);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        if (!(await recordEvent(tx, event))) return { outcome: "duplicate" as const };
        return applyEvent(tx, event, refunds, opts.now ?? new Date());
      }, TX_OPTIONS);
    } catch (error) {
      // The whole transaction rolled back (event row included); the next attempt sees what the
      // concurrent writer committed and does nothing twice.
      if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

async function applyEvent(tx: Tx, event: Stripe.Event, refunds: GatewayRefund[] | null, now: Date): Promise<StripeEventResult> {
  switch (event.type) {
    case "checkout.session.completed":
      // Card payments are "paid" at once; delayed methods complete "unpaid" and follow with
      // async_payment_succeeded or async_payment_failed.
      if (event.data.object.payment_status !== "paid") return { outcome: event.data.object.payment_status === "unpaid" ? "pending" : "ignored" };
      return bookCheckout(tx, event, event.data.object, now);
    case "checkout.session.async_payment_succeeded":
      return bookCheckout(tx, event, event.data.object, now);
    case "checkout.session.async_payment_failed":
      return closeCheckout(tx, event, event.data.object, "failed");
    case "checkout.session.expired":
      return closeCheckout(tx, event, event.data.object, "expired");
    case "charge.refunded":
    case "refund.created":
    case "refund.updated":
      return bookRefunds(tx, event, refunds ?? [], now);
    default:
      return { outcome: "ignored" };
  }
}

/** Money received through a checkout we created: checked against the session row, then booked. */
async function bookCheckout(tx: Tx, event: Stripe.Event, session: Stripe.Checkout.Session, now: Date): Promise<StripeEventResult> {
  const row = await tx.checkoutSession.findUnique({ where: { externalId: session.id }, include: { invoice: { select: { currency: true, number: true } } } });
  if (!row) {
    console.error(`stripe event ${event.id} (${event.type}): checkout session ${session.id} is not one of ours; nothing booked`);
    await recordAuditEvent({ action: "billing.checkout.mismatch", targetType: "checkout_session", targetId: session.id, data: { eventId: event.id, eventType: event.type, problems: ["unknown_session"] } }, tx);
    return { outcome: "unknown_session" };
  }

  const paymentIntentId = idOf(session.payment_intent);
  const expectedAmount = toStripeAmount(row.amountMinor, row.currency);
  const problems = [
    session.amount_total !== expectedAmount && "amount",
    (session.currency ?? "").toUpperCase() !== row.currency && "currency",
    row.invoice.currency !== row.currency && "invoice_currency",
    !paymentIntentId && "payment_intent",
  ].filter((p): p is string => Boolean(p));
  if (problems.length) {
    console.error(
      `stripe event ${event.id} (${event.type}): checkout ${session.id} for invoice ${row.invoiceId} reports ${session.amount_total} ${session.currency}, ` +
        `expected ${expectedAmount} ${row.currency.toLowerCase()} (${problems.join(", ")}); nothing booked`,
    );
    await recordAuditEvent(
      {
        action: "billing.checkout.mismatch",
        customerId: row.customerId,
        targetType: "invoice",
        targetId: row.invoiceId,
        data: {
          eventId: event.id,
          eventType: event.type,
          checkoutSessionId: row.id,
          externalId: session.id,
          paymentIntentId,
          problems,
          expected: { amountMinor: row.amountMinor.toString(), currency: row.currency },
          reported: { amount: session.amount_total, currency: session.currency },
        },
      },
      tx,
    );
    return { outcome: "mismatch" };
  }

  // The money is booked even when the session had expired or the invoice was meanwhile paid or
  // cancelled: applyIncomingPayment then credits the customer, so nothing received is lost.
  const result = await applyIncomingPayment(
    {
      invoiceId: row.invoiceId,
      method: "card",
      amountMinor: row.amountMinor,
      currency: row.currency,
      externalId: paymentIntentId,
      reference: session.id,
      receivedAt: new Date(event.created * 1000),
      now,
    },
    { tx },
  );
  await tx.checkoutSession.update({ where: { id: row.id }, data: { status: "paid" } });
  return { outcome: result.duplicate ? "already_booked" : "booked" };
}

/** A session that ended without money. Never downgrades a paid one (events come in any order). */
async function closeCheckout(tx: Tx, event: Stripe.Event, session: Stripe.Checkout.Session, status: "expired" | "failed"): Promise<StripeEventResult> {
  const row = await tx.checkoutSession.findUnique({ where: { externalId: session.id }, select: { id: true, customerId: true, invoiceId: true } });
  if (!row) return { outcome: "ignored" };
  const { count } = await tx.checkoutSession.updateMany({ where: { id: row.id, status: "open" }, data: { status } });
  if (count === 0) return { outcome: "ignored" };
  if (status === "failed") {
    await recordAuditEvent(
      { action: "billing.checkout.failed", customerId: row.customerId, targetType: "invoice", targetId: row.invoiceId, data: { eventId: event.id, checkoutSessionId: row.id, externalId: session.id } },
      tx,
    );
  }
  return { outcome: status };
}

/** The refunds an event is about: the one it carries, the charge's list, or (not embedded) Stripe's list. */
async function refundsFor(event: Stripe.Event, gateway: Pick<CardPaymentGateway, "refundsOf">): Promise<GatewayRefund[] | null> {
  if (event.type === "refund.created" || event.type === "refund.updated") {
    const refund = event.data.object;
    return [{ externalId: refund.id, paymentExternalId: idOf(refund.payment_intent), amount: refund.amount, currency: refund.currency.toUpperCase(), status: refund.status ?? "pending" }];
  }
  if (event.type !== "charge.refunded") return null;
  const charge = event.data.object;
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return [];
  // Since API version 2022-11-15 a charge no longer embeds its refunds: ask Stripe for them.
  if (charge.refunds && !charge.refunds.has_more) {
    return charge.refunds.data.map((r) => ({ externalId: r.id, paymentExternalId: paymentIntentId, amount: r.amount, currency: r.currency.toUpperCase(), status: r.status ?? "pending" }));
  }
  return gateway.refundsOf(paymentIntentId);
}

/**
 * Refunds made at Stripe (in the dashboard, or by refundCardPayment before its booking landed):
 * each succeeded refund not booked yet becomes a refund of the card payment with a credit note.
 * refundPayment is idempotent per refund id, so a refund is booked once whoever gets there first.
 */
async function bookRefunds(tx: Tx, event: Stripe.Event, refunds: GatewayRefund[], now: Date): Promise<StripeEventResult> {
  let booked = 0;
  for (const refund of refunds) {
    if (refund.status !== "succeeded" || !refund.paymentExternalId) continue;
    const payment = await tx.payment.findUnique({
      where: { method_externalId: { method: "card", externalId: refund.paymentExternalId } },
      select: { id: true, customerId: true, invoiceId: true, currency: true },
    });
    if (!payment) {
      console.warn(`stripe event ${event.id}: refund ${refund.externalId} of ${refund.paymentExternalId}, a payment Portico has not booked; ignored`);
      continue;
    }
    const problem = refundProblem(refund, payment.currency);
    if (!problem) {
      try {
        const result = await refundPayment(
          { paymentId: payment.id, amountMinor: fromStripeAmount(refund.amount, refund.currency), destination: "original", externalId: refund.externalId, reason: "Card refund", now },
          { tx },
        );
        if (!result.duplicate) booked++;
        continue;
      } catch (error) {
        // Refused before writing anything (e.g. more than is left after a refund to credit).
        if (!(error instanceof PaymentError)) throw error;
        await refundMismatch(tx, event, refund, payment, error.key);
        continue;
      }
    }
    await refundMismatch(tx, event, refund, payment, problem);
  }
  return { outcome: "refunds", refundsBooked: booked };
}

function refundProblem(refund: GatewayRefund, currency: string): string | null {
  if (refund.currency !== currency) return "currency";
  try {
    return fromStripeAmount(refund.amount, refund.currency) > 0n ? null : "amount";
  } catch {
    return "amount";
  }
}

async function refundMismatch(tx: Tx, event: Stripe.Event, refund: GatewayRefund, payment: { id: string; customerId: string; currency: string }, problem: string) {
  console.error(`stripe event ${event.id}: refund ${refund.externalId} (${refund.amount} ${refund.currency}) of payment ${payment.id} not booked: ${problem}`);
  await recordAuditEvent(
    {
      action: "billing.refund.mismatch",
      customerId: payment.customerId,
      targetType: "payment",
      targetId: payment.id,
      data: { eventId: event.id, refundId: refund.externalId, amount: refund.amount, currency: refund.currency, paymentCurrency: payment.currency, problem },
    },
    tx,
  );
}
