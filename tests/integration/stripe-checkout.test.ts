// Starting a card payment and refunding one, against a local stand-in of the Stripe API: the
// amount is the server's (the invoice's open balance in Stripe's units), the invoice must be the
// customer's and payable, and every call carries an idempotency key.
import { db } from "@/lib/db";
import { PermissionDenied } from "@/lib/auth/errors";
import { cardPaymentsEnabled, refundCardPayment, startCardCheckout } from "@/lib/billing/card-checkout";
import { issueInvoice } from "@/lib/billing/issue";
import { applyIncomingPayment, refundPayment } from "@/lib/billing/payments";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createCustomerWithOwner, createUser } from "@/tests/helpers/factories";
import { type StripeStub, startStripeStub } from "@/tests/helpers/stripe-stub";

// Read by lib/env on first use (getEnv caches per module registry, i.e. per test file).
process.env.STRIPE_SECRET_KEY = "sk_test_porticoCheckoutTests";
process.env.STRIPE_WEBHOOK_SECRET = "whsec_porticoStripeCheckoutTestSecret";

// Proformas of this file are numbered in 2036, so other files' issuing cannot interleave.
const ISSUED = new Date("2036-01-05T09:00:00Z");
const APP_URL = process.env.APP_URL!;

let stub: StripeStub;
beforeAll(async () => {
  stub = await startStripeStub();
  process.env.STRIPE_API_BASE = stub.url;
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

async function customerWithOwner(currency = "EUR") {
  const customer = await createCustomer(db, { currency });
  const owner = await createUser(db);
  await addMember(db, owner.id, customer.id, { preset: "owner" });
  return { customer, actor: await customerActorFor(owner.id, customer.id) };
}

async function issuedInvoice(customerId: string, netMinor: bigint, currency = "EUR", taxRateBp = 2300) {
  const draft = await db.invoice.create({
    data: {
      customerId,
      currency,
      totalMinor: 0n,
      dueDate: new Date("2036-01-20T00:00:00Z"),
      lines: { create: [{ position: 1, description: "VPS", unitPriceMinor: netMinor, netMinor, taxRateBp }] },
    },
  });
  return issueInvoice(draft.id, { now: ISSUED, useProforma: true });
}

const checkoutCalls = () => stub.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");

describe("startCardCheckout", () => {
  it("is offered when both Stripe keys are set", () => {
    expect(cardPaymentsEnabled()).toBe(true);
  });

  it("opens a Stripe Checkout for the open balance computed on the server and records it", async () => {
    const { customer, actor } = await customerWithOwner();
    const invoice = await issuedInvoice(customer.id, 10_000n); // 123.00 EUR
    await applyIncomingPayment({ invoiceId: invoice.id, method: "bank_transfer", amountMinor: 2_000n, currency: "EUR", externalId: `bank-${invoice.id}` });

    const { url } = await startCardCheckout(actor, invoice.id);

    const [call] = checkoutCalls();
    expect(checkoutCalls()).toHaveLength(1);
    const checkout = await db.checkoutSession.findFirstOrThrow({ where: { invoiceId: invoice.id } });
    expect(call.form).toMatchObject({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][unit_amount]": "10300",
      "line_items[0][price_data][currency]": "eur",
      "line_items[0][price_data][product_data][name]": invoice.number,
      client_reference_id: checkout.id,
      "metadata[invoiceId]": invoice.id,
      "metadata[customerId]": customer.id,
      "metadata[checkoutSessionId]": checkout.id,
      "payment_intent_data[metadata][invoiceId]": invoice.id,
      success_url: `${APP_URL}/billing/invoices/${invoice.id}?paid=1`,
      cancel_url: `${APP_URL}/billing/invoices/${invoice.id}?cancelled=1`,
      customer_email: actor.email,
    });
    expect(call.headers["idempotency-key"]).toBe(`portico-checkout/${checkout.id}`);
    expect(call.headers.authorization).toBe("Bearer sk_test_porticoCheckoutTests");

    const session = stub.sessions.get(checkout.externalId)!;
    expect(url).toBe(session.url);
    expect(checkout).toMatchObject({ customerId: customer.id, provider: "stripe", amountMinor: 10_300n, currency: "EUR", status: "open", createdByUserId: actor.userId });
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "billing.checkout.started", targetId: invoice.id } })).toMatchObject({
      actorUserId: actor.userId,
      customerId: customer.id,
      data: expect.objectContaining({ externalId: checkout.externalId, amountMinor: "10300", currency: "EUR" }),
    });
  });

  it.each([
    // VND has no minor unit, in Portico and at Stripe: 1 100 000 ₫ is 1100000.
    ["VND", 1_000_000n, 1_000, "1100000", "vnd"],
    // HUF is two-decimal at Stripe for charges (zero-decimal only for payouts), as in Portico.
    ["HUF", 1_000_050n, 1_000, "1100055", "huf"],
    ["USD", 999n, 0, "999", "usd"],
  ])("asks Stripe for the amount in its unit: %s", async (currency, netMinor, taxRateBp, unitAmount, stripeCurrency) => {
    const { customer, actor } = await customerWithOwner(currency);
    const invoice = await issuedInvoice(customer.id, netMinor, currency, taxRateBp);
    await startCardCheckout(actor, invoice.id);
    expect(checkoutCalls()[0].form).toMatchObject({ "line_items[0][price_data][unit_amount]": unitAmount, "line_items[0][price_data][currency]": stripeCurrency });
    expect(await db.checkoutSession.findFirstOrThrow({ where: { invoiceId: invoice.id } })).toMatchObject({ amountMinor: invoice.totalMinor, currency });
  });

  it("another customer's invoice is not found, and Stripe is never asked", async () => {
    const { actor } = await customerWithOwner();
    const other = await createCustomerWithOwner(db);
    const invoice = await issuedInvoice(other.customer.id, 5_000n);
    await expect(startCardCheckout(actor, invoice.id)).rejects.toMatchObject({ name: "PaymentError", key: "errors.notFound" });
    await expect(startCardCheckout(actor, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ key: "errors.notFound" });
    expect(checkoutCalls()).toHaveLength(0);
    expect(await db.checkoutSession.count({ where: { invoiceId: invoice.id } })).toBe(0);
  });

  it("refuses a paid invoice, a draft and a credit note", async () => {
    const { customer, actor } = await customerWithOwner();
    const paid = await issuedInvoice(customer.id, 1_000n);
    await applyIncomingPayment({ invoiceId: paid.id, method: "manual", amountMinor: paid.totalMinor, currency: "EUR" });
    await expect(startCardCheckout(actor, paid.id)).rejects.toMatchObject({ key: "errors.notPayable" });

    const draft = await db.invoice.create({ data: { customerId: customer.id, currency: "EUR", totalMinor: 500n, dueDate: ISSUED } });
    await expect(startCardCheckout(actor, draft.id)).rejects.toMatchObject({ key: "errors.notFound" });

    const payment = await db.payment.findFirstOrThrow({ where: { invoiceId: paid.id } });
    const { creditNoteId } = await refundPayment({ paymentId: payment.id, amountMinor: 100n, destination: "credit", reason: "test" });
    await expect(startCardCheckout(actor, creditNoteId!)).rejects.toMatchObject({ key: "errors.notFound" });
    expect(checkoutCalls()).toHaveLength(0);
  });

  it("needs billing.pay", async () => {
    const { customer } = await customerWithOwner();
    const viewer = await createUser(db);
    await addMember(db, viewer.id, customer.id, { permissions: ["billing.view"] });
    const invoice = await issuedInvoice(customer.id, 1_000n);
    await expect(startCardCheckout(await customerActorFor(viewer.id, customer.id), invoice.id)).rejects.toBeInstanceOf(PermissionDenied);
    expect(checkoutCalls()).toHaveLength(0);
  });

  it("a refusal from Stripe records nothing and says so", async () => {
    const { customer, actor } = await customerWithOwner();
    const invoice = await issuedInvoice(customer.id, 1_000n);
    stub.failNext(1, 400);
    const logged = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(startCardCheckout(actor, invoice.id)).rejects.toMatchObject({ key: "errors.cardGatewayFailed" });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("could not start"));
    } finally {
      logged.mockRestore();
    }
    expect(await db.checkoutSession.count({ where: { invoiceId: invoice.id } })).toBe(0);
  });

  it("a server error at Stripe is retried with the same idempotency key", async () => {
    const { customer, actor } = await customerWithOwner();
    const invoice = await issuedInvoice(customer.id, 1_000n);
    stub.failNext(1, 500);
    const { url } = await startCardCheckout(actor, invoice.id);
    const calls = checkoutCalls();
    expect(calls.map((c) => c.status)).toEqual([500, 200]);
    expect(calls[1].headers["idempotency-key"]).toBe(calls[0].headers["idempotency-key"]);
    const checkout = await db.checkoutSession.findFirstOrThrow({ where: { invoiceId: invoice.id } });
    expect(url).toBe(stub.sessions.get(checkout.externalId)!.url);
  });
});

describe("refundCardPayment", () => {
  async function cardPayment(amountMinor = 12_300n) {
    const { customer } = await customerWithOwner();
    const invoice = await issuedInvoice(customer.id, 10_000n);
    const paymentIntent = `pi_test_${invoice.id.slice(0, 8)}`;
    const { paymentId } = await applyIncomingPayment({ invoiceId: invoice.id, method: "card", amountMinor, currency: "EUR", externalId: paymentIntent });
    return { invoice, paymentId, paymentIntent };
  }
  const refundCalls = () => stub.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds");

  it("refunds at Stripe against the payment's PaymentIntent and returns the refund id", async () => {
    const { paymentId, paymentIntent } = await cardPayment();
    const { externalId } = await refundCardPayment(paymentId, 2_300n);
    expect(externalId).toMatch(/^re_test_/);
    const [call] = refundCalls();
    expect(call.form).toMatchObject({ payment_intent: paymentIntent, amount: "2300", "metadata[paymentId]": paymentId });
    expect(call.headers["idempotency-key"]).toBe(`portico-refund/${paymentId}/0/2300`);

    // Asked again before it was booked (a lost answer): the same refund, not a second one.
    expect(await refundCardPayment(paymentId, 2_300n)).toEqual({ externalId });
    expect(stub.refunds.filter((r) => r.payment_intent === paymentIntent)).toHaveLength(1);

    // Once booked, a further refund of the same amount is a new one.
    await refundPayment({ paymentId, amountMinor: 2_300n, destination: "original", externalId, reason: "test" });
    const second = await refundCardPayment(paymentId, 2_300n);
    expect(second.externalId).not.toBe(externalId);
    expect(refundCalls().at(-1)!.headers["idempotency-key"]).toBe(`portico-refund/${paymentId}/2300/2300`);
  });

  it("refuses more than is left, payments that are not by card, and unknown payments, without calling Stripe", async () => {
    const { paymentId } = await cardPayment();
    await expect(refundCardPayment(paymentId, 12_301n)).rejects.toMatchObject({ key: "errors.refundTooLarge" });
    await expect(refundCardPayment(paymentId, 0n)).rejects.toMatchObject({ key: "errors.amountNotPositive" });

    const { customer } = await customerWithOwner();
    const invoice = await issuedInvoice(customer.id, 1_000n);
    const bank = await applyIncomingPayment({ invoiceId: invoice.id, method: "bank_transfer", amountMinor: 500n, currency: "EUR", externalId: `bank-${invoice.id}` });
    await expect(refundCardPayment(bank.paymentId, 100n)).rejects.toMatchObject({ key: "errors.notRefundable" });
    await expect(refundCardPayment("00000000-0000-4000-8000-000000000000", 100n)).rejects.toMatchObject({ key: "errors.notFound" });
    expect(refundCalls()).toHaveLength(0);
  });
});

describe("without Stripe", () => {
  it("card payments are not offered and cannot be started", async () => {
    const { customer, actor } = await customerWithOwner();
    const invoice = await issuedInvoice(customer.id, 1_000n);
    const saved = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    try {
      await jest.isolateModulesAsync(async () => {
        const fresh = await import("@/lib/billing/card-checkout");
        expect(fresh.cardPaymentsEnabled()).toBe(false);
        await expect(fresh.startCardCheckout(actor, invoice.id)).rejects.toMatchObject({ key: "errors.cardUnavailable" });
      });
    } finally {
      process.env.STRIPE_SECRET_KEY = saved;
    }
    expect(checkoutCalls()).toHaveLength(0);
  });
});
