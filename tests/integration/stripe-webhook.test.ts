// The Stripe webhook through the real route handler: signed deliveries of checkout and refund
// events, replayed, concurrent, forged, out of order or not matching what we asked Stripe for.
import { db } from "@/lib/db";
import { startCardCheckout, refundCardPayment } from "@/lib/billing/card-checkout";
import { issueInvoice } from "@/lib/billing/issue";
import { refundPayment } from "@/lib/billing/payments";
import { isUniqueViolation } from "@/lib/billing/stripe-webhook";
import { customerActorFor } from "@/tests/helpers/actors";
import { createCustomerWithOwner } from "@/tests/helpers/factories";
import { type StripeStub, signedStripeRequest, startStripeStub, stripeEvent } from "@/tests/helpers/stripe-stub";
import { POST } from "@/app/api/webhooks/stripe/route";

const SECRET = "whsec_porticoStripeWebhookTestSecret0123";
// Read by lib/env on the first request (getEnv caches per module registry, i.e. per test file).
process.env.STRIPE_SECRET_KEY = "sk_test_porticoWebhookTests";
process.env.STRIPE_WEBHOOK_SECRET = SECRET;

// Proformas of this file are numbered in 2035, so other files' issuing cannot interleave.
const ISSUED = new Date("2035-01-05T09:00:00Z");

let stub: StripeStub;
beforeAll(async () => {
  stub = await startStripeStub();
  process.env.STRIPE_API_BASE = stub.url;
});
afterAll(() => stub.close());

async function deliver(body: string, opts?: Parameters<typeof signedStripeRequest>[2]) {
  const response = await POST(signedStripeRequest(body, SECRET, opts));
  return { status: response.status, body: (await response.json()) as { outcome?: string; error?: string; refundsBooked?: number } };
}

/** An issued proforma of a new customer (net 100.00 at 23 % = 123.00 EUR unless told) and a checkout started for it. */
async function invoiceInCheckout(opts: { currency?: string; netMinor?: bigint } = {}) {
  const { customer, owner } = await createCustomerWithOwner(db);
  const draft = await db.invoice.create({
    data: {
      customerId: customer.id,
      currency: opts.currency ?? "EUR",
      totalMinor: 0n,
      dueDate: new Date("2035-01-20T00:00:00Z"),
      lines: { create: [{ position: 1, description: "Hosting", unitPriceMinor: opts.netMinor ?? 10_000n, netMinor: opts.netMinor ?? 10_000n, taxRateBp: 2300 }] },
    },
  });
  const invoice = await issueInvoice(draft.id, { now: ISSUED, useProforma: true });
  const actor = await customerActorFor(owner.id, customer.id);
  await startCardCheckout(actor, invoice.id);
  const checkout = await db.checkoutSession.findFirstOrThrow({ where: { invoiceId: invoice.id } });
  return { customer, invoice, checkout };
}

const paymentsOf = (invoiceId: string) => db.payment.findMany({ where: { invoiceId }, orderBy: { createdAt: "asc" } });
const eventRows = (eventId: string) => db.webhookEvent.count({ where: { provider: "stripe", eventId } });
const idOfEvent = (body: string) => (JSON.parse(body) as { id: string }).id;

describe("checkout.session.completed", () => {
  it("50 concurrent deliveries of the same event book one payment, one tax invoice and one event row", async () => {
    const { invoice, checkout } = await invoiceInCheckout();
    const session = stub.completeSession(checkout.externalId);
    const body = stripeEvent("checkout.session.completed", session);

    const results = await Promise.all(Array.from({ length: 50 }, () => deliver(body)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const outcomes = results.map((r) => r.body.outcome);
    expect(outcomes.filter((o) => o === "booked")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(49);

    const payments = await paymentsOf(invoice.id);
    expect(payments).toEqual([expect.objectContaining({ method: "card", amountMinor: 12_300n, currency: "EUR", externalId: session.payment_intent, reference: session.id })]);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "paid", amountPaidMinor: 12_300n });
    expect(await db.invoice.count({ where: { sourceInvoiceId: invoice.id, kind: "tax" } })).toBe(1);
    expect(await db.creditEntry.count({ where: { invoiceId: invoice.id } })).toBe(0);
    expect(await eventRows(idOfEvent(body))).toBe(1);
    expect(await db.checkoutSession.findUniqueOrThrow({ where: { id: checkout.id } })).toMatchObject({ status: "paid" });
    expect(await db.auditEvent.count({ where: { action: "billing.payment.recorded", targetId: invoice.id } })).toBe(1);
  });

  it("another event for the same payment (async_payment_succeeded after completed) books nothing more", async () => {
    const { invoice, checkout } = await invoiceInCheckout();
    const session = stub.completeSession(checkout.externalId);
    expect((await deliver(stripeEvent("checkout.session.completed", session))).body.outcome).toBe("booked");
    const again = await deliver(stripeEvent("checkout.session.async_payment_succeeded", session));
    expect(again).toEqual({ status: 200, body: { outcome: "already_booked" } });
    expect(await paymentsOf(invoice.id)).toHaveLength(1);
  });

  it("different events about the same payment, delivered at once, book it once and all answer 200", async () => {
    const { invoice, checkout } = await invoiceInCheckout();
    const session = stub.completeSession(checkout.externalId);
    const bodies = [stripeEvent("checkout.session.completed", session), stripeEvent("checkout.session.async_payment_succeeded", session), stripeEvent("checkout.session.completed", session)];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => deliver(bodies[i % 3])));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.outcome === "booked")).toHaveLength(1);
    expect(results.filter((r) => r.body.outcome === "already_booked")).toHaveLength(2);
    expect(await paymentsOf(invoice.id)).toHaveLength(1);
    for (const body of bodies) expect(await eventRows(idOfEvent(body))).toBe(1);
  });

  it("a delayed payment method: completed unpaid books nothing, async_payment_succeeded books it", async () => {
    const { invoice, checkout } = await invoiceInCheckout();
    const unpaid = stub.completeSession(checkout.externalId, { paymentStatus: "unpaid" });
    expect((await deliver(stripeEvent("checkout.session.completed", unpaid))).body.outcome).toBe("pending");
    expect(await paymentsOf(invoice.id)).toHaveLength(0);

    const paid = stub.completeSession(checkout.externalId, { paymentStatus: "paid" });
    expect((await deliver(stripeEvent("checkout.session.async_payment_succeeded", paid))).body.outcome).toBe("booked");
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "paid" });
  });

  it("async_payment_failed marks the session failed and books nothing", async () => {
    const { invoice, checkout } = await invoiceInCheckout();
    const session = stub.completeSession(checkout.externalId, { paymentStatus: "unpaid" });
    expect((await deliver(stripeEvent("checkout.session.async_payment_failed", session))).body.outcome).toBe("failed");
    expect(await db.checkoutSession.findUniqueOrThrow({ where: { id: checkout.id } })).toMatchObject({ status: "failed" });
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
    expect(await db.auditEvent.count({ where: { action: "billing.checkout.failed", targetId: invoice.id } })).toBe(1);
  });
});

describe("what is not Stripe's or not what we asked for", () => {
  it("a forged, foreign, stale or missing signature answers 400 and writes nothing", async () => {
    const { invoice, checkout } = await invoiceInCheckout();
    const session = stub.completeSession(checkout.externalId);
    const body = stripeEvent("checkout.session.completed", session);
    const otherBody = stripeEvent("checkout.session.completed", { ...session, amount_total: 1 });
    const attempts = [
      signedStripeRequest(body, "whsec_someoneElsesSecret0000000000"),
      signedStripeRequest(body, SECRET, { signature: `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` }),
      // A valid signature, but of another body.
      signedStripeRequest(body, SECRET, { signature: signedStripeRequest(otherBody, SECRET).headers.get("stripe-signature") }),
      // Signed correctly, an hour ago: outside the tolerance, a replay.
      signedStripeRequest(body, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
      signedStripeRequest(body, SECRET, { signature: null }),
    ];
    for (const request of attempts) {
      const response = await POST(request);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "invalid_signature" });
    }
    expect(await eventRows(idOfEvent(body))).toBe(0);
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
    expect(await db.checkoutSession.findUniqueOrThrow({ where: { id: checkout.id } })).toMatchObject({ status: "open" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "unpaid", amountPaidMinor: 0n });
  });

  it.each([
    ["a smaller amount (a partial payment)", { amount_total: 12_299 }],
    ["a larger amount", { amount_total: 12_301 }],
    ["another currency", { currency: "usd" }],
    ["no amount at all", { amount_total: null }],
  ])("Stripe reporting %s for our session: nothing booked, the event recorded and audited", async (_label, change) => {
    const { invoice, checkout } = await invoiceInCheckout();
    const body = stripeEvent("checkout.session.completed", { ...stub.completeSession(checkout.externalId), ...change });
    const logged = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await deliver(body)).toEqual({ status: 200, body: { outcome: "mismatch" } });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("nothing booked"));
      // Stripe delivering it again changes nothing either.
      expect((await deliver(body)).body.outcome).toBe("duplicate");
    } finally {
      logged.mockRestore();
    }
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "unpaid", amountPaidMinor: 0n });
    expect(await db.invoice.count({ where: { sourceInvoiceId: invoice.id } })).toBe(0);
    expect(await eventRows(idOfEvent(body))).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "billing.checkout.mismatch", targetId: invoice.id } });
    expect(audit.data).toMatchObject({ eventId: idOfEvent(body), expected: { amountMinor: "12300", currency: "EUR" } });
  });

  it("a checkout session Portico did not create books nothing", async () => {
    const { invoice, checkout } = await invoiceInCheckout();
    const session = { ...stub.completeSession(checkout.externalId), id: "cs_test_notOurs" };
    const logged = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await deliver(stripeEvent("checkout.session.completed", session))).body.outcome).toBe("unknown_session");
    } finally {
      logged.mockRestore();
    }
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
  });

  it("an event type we do not handle is recorded and acknowledged", async () => {
    const body = stripeEvent("customer.created", { id: "cus_test_1", object: "customer" });
    expect(await deliver(body)).toEqual({ status: 200, body: { outcome: "ignored" } });
    expect(await eventRows(idOfEvent(body))).toBe(1);
    expect((await deliver(body)).body.outcome).toBe("duplicate");
  });
});

describe("events out of order", () => {
  it("expired arriving after completed leaves the session paid", async () => {
    const { invoice, checkout } = await invoiceInCheckout();
    const completed = stub.completeSession(checkout.externalId);
    expect((await deliver(stripeEvent("checkout.session.completed", completed))).body.outcome).toBe("booked");
    expect((await deliver(stripeEvent("checkout.session.expired", { ...completed, status: "expired" }))).body.outcome).toBe("ignored");
    expect(await db.checkoutSession.findUniqueOrThrow({ where: { id: checkout.id } })).toMatchObject({ status: "paid" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "paid" });
  });

  it("completed arriving after expired still books the money", async () => {
    const { invoice, checkout } = await invoiceInCheckout();
    const expired = stub.expireSession(checkout.externalId);
    expect((await deliver(stripeEvent("checkout.session.expired", expired))).body.outcome).toBe("expired");
    expect(await db.checkoutSession.findUniqueOrThrow({ where: { id: checkout.id } })).toMatchObject({ status: "expired" });

    const completed = stub.completeSession(checkout.externalId);
    expect((await deliver(stripeEvent("checkout.session.completed", completed))).body.outcome).toBe("booked");
    expect(await db.checkoutSession.findUniqueOrThrow({ where: { id: checkout.id } })).toMatchObject({ status: "paid" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "paid", amountPaidMinor: 12_300n });
  });

  it("a payment for an invoice cancelled meanwhile goes to the customer's credit", async () => {
    const { customer, invoice, checkout } = await invoiceInCheckout();
    await db.invoice.update({ where: { id: invoice.id }, data: { status: "cancelled" } });
    const completed = stub.completeSession(checkout.externalId);
    expect((await deliver(stripeEvent("checkout.session.completed", completed))).body.outcome).toBe("booked");
    expect(await db.creditEntry.findMany({ where: { customerId: customer.id } })).toEqual([expect.objectContaining({ kind: "overpayment", amountMinor: 12_300n, currency: "EUR" })]);
  });
});

describe("refunds made at Stripe", () => {
  async function paidByCard() {
    const world = await invoiceInCheckout();
    const session = stub.completeSession(world.checkout.externalId);
    expect((await deliver(stripeEvent("checkout.session.completed", session))).body.outcome).toBe("booked");
    const payment = await db.payment.findFirstOrThrow({ where: { invoiceId: world.invoice.id, method: "card" } });
    return { ...world, session, payment, paymentIntent: session.payment_intent! };
  }
  const chargeRefunded = (paymentIntent: string, amountRefunded: number) =>
    stripeEvent("charge.refunded", { id: `ch_${paymentIntent}`, object: "charge", payment_intent: paymentIntent, amount: 12_300, amount_refunded: amountRefunded, currency: "eur", refunded: amountRefunded === 12_300 });

  it("a dashboard refund is booked once with a credit note, however often Stripe tells us", async () => {
    const { invoice, payment, paymentIntent } = await paidByCard();
    const refund = stub.addRefund(paymentIntent, 2_300);
    stub.addRefund(paymentIntent, 1_000, { status: "pending" });

    expect(await deliver(chargeRefunded(paymentIntent, 2_300))).toEqual({ status: 200, body: { outcome: "refunds", refundsBooked: 1 } });
    // The same refund, told again by another event.
    expect((await deliver(chargeRefunded(paymentIntent, 2_300))).body).toEqual({ outcome: "refunds", refundsBooked: 0 });
    expect((await deliver(stripeEvent("refund.updated", refund))).body).toEqual({ outcome: "refunds", refundsBooked: 0 });

    const refunds = await db.payment.findMany({ where: { refundOfId: payment.id } });
    expect(refunds).toEqual([expect.objectContaining({ method: "card", amountMinor: -2_300n, externalId: refund.id })]);
    const creditNotes = await db.invoice.findMany({ where: { kind: "credit_note", sourceInvoice: { sourceInvoiceId: invoice.id } } });
    expect(creditNotes).toEqual([expect.objectContaining({ totalMinor: -2_300n, currency: "EUR" })]);
  });

  it("a refund started by staff (refundCardPayment, then refundPayment) is not booked again by the webhook", async () => {
    const { payment, paymentIntent } = await paidByCard();
    const { externalId } = await refundCardPayment(payment.id, 12_300n);
    expect(stub.refunds.find((r) => r.id === externalId)).toMatchObject({ payment_intent: paymentIntent, amount: 12_300 });
    await refundPayment({ paymentId: payment.id, amountMinor: 12_300n, destination: "original", externalId, reason: "Customer cancelled" });

    expect((await deliver(chargeRefunded(paymentIntent, 12_300))).body).toEqual({ outcome: "refunds", refundsBooked: 0 });
    expect(await db.payment.count({ where: { refundOfId: payment.id } })).toBe(1);
  });

  it("a refund larger than what is left (already refunded to credit) is audited, not booked", async () => {
    const { payment, paymentIntent } = await paidByCard();
    await refundPayment({ paymentId: payment.id, amountMinor: 12_000n, destination: "credit", reason: "Goodwill" });
    stub.addRefund(paymentIntent, 12_300);
    const logged = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await deliver(chargeRefunded(paymentIntent, 12_300))).body).toEqual({ outcome: "refunds", refundsBooked: 0 });
    } finally {
      logged.mockRestore();
    }
    expect(await db.payment.count({ where: { refundOfId: payment.id } })).toBe(1);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "billing.refund.mismatch", targetId: payment.id } })).toMatchObject({ data: expect.objectContaining({ problem: "errors.refundTooLarge" }) });
  });
});

describe("isUniqueViolation", () => {
  it("recognises Postgres unique violations from model and raw writes (they make the handler run again)", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const payment = { customerId: customer.id, method: "card" as const, amountMinor: 1n, currency: "EUR", externalId: `pi_test_dup_${customer.id}` };
    await db.payment.create({ data: payment });
    const modelError = await db.payment.create({ data: payment }).catch((error: unknown) => error);
    expect(isUniqueViolation(modelError)).toBe(true);
    const eventId = `evt_test_dup_${customer.id}`;
    await db.webhookEvent.create({ data: { provider: "stripe", eventId, type: "x" } });
    const rawError = await db.$executeRaw`INSERT INTO "WebhookEvent" ("provider", "eventId", "type") VALUES ('stripe', ${eventId}, 'x')`.catch((error: unknown) => error);
    expect(isUniqueViolation(rawError)).toBe(true);
    expect(isUniqueViolation(new Error("something else"))).toBe(false);
  });
});

describe("configuration", () => {
  it("answers 503 and reads nothing when Stripe is not configured", async () => {
    const saved = process.env.STRIPE_WEBHOOK_SECRET;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    try {
      await jest.isolateModulesAsync(async () => {
        const route = await import("@/app/api/webhooks/stripe/route");
        const body = stripeEvent("checkout.session.completed", { id: "cs_test_x", object: "checkout.session" });
        const response = await route.POST(signedStripeRequest(body, SECRET));
        expect(response.status).toBe(503);
        expect(await eventRows(idOfEvent(body))).toBe(0);
      });
    } finally {
      process.env.STRIPE_WEBHOOK_SECRET = saved;
    }
  });
});
