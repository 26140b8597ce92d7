// Payments: partial and over-payments, the credit ledger, idempotent outside payments, credit
// payments that cannot overspend, refunds with credit notes, and due dates moving on when paid.
import { db } from "@/lib/db";
import { issueInvoice } from "@/lib/billing/issue";
import { PaymentError, adjustCredit, applyIncomingPayment, creditBalances, payInvoiceWithCredit, refundPayment } from "@/lib/billing/payments";
import { PermissionDenied } from "@/lib/auth/errors";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomerWithOwner, createService, createUser } from "@/tests/helpers/factories";

// Documents of this file are numbered in 2032, so other files' issuing cannot interleave.
const NOW = new Date("2032-02-10T09:00:00Z");

async function unpaidInvoice(customerId: string, lines: { netMinor: bigint; taxRateBp: number; serviceId?: string; periodStart?: Date; periodEnd?: Date }[], currency = "EUR") {
  const draft = await db.invoice.create({
    data: {
      customerId,
      currency,
      totalMinor: 0n,
      dueDate: new Date("2032-02-20T00:00:00Z"),
      lines: {
        create: lines.map((l, i) => ({
          position: i,
          description: `Line ${i}`,
          unitPriceMinor: l.netMinor,
          netMinor: l.netMinor,
          taxRateBp: l.taxRateBp,
          serviceId: l.serviceId ?? null,
          periodStart: l.periodStart ?? null,
          periodEnd: l.periodEnd ?? null,
        })),
      },
    },
  });
  return issueInvoice(draft.id, { now: NOW, useProforma: true });
}

const balanceOf = async (customerId: string, currency = "EUR") => (await creditBalances(customerId)).find((b) => b.currency === currency)?.balanceMinor ?? 0n;
const giveCredit = (customerId: string, amountMinor: bigint, currency = "EUR") => db.creditEntry.create({ data: { customerId, currency, amountMinor, kind: "adjustment", note: "test" } });

describe("incoming payments", () => {
  it("a partial payment leaves the balance unpaid; the rest settles it and issues the tax invoice", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const invoice = await unpaidInvoice(customer.id, [{ netMinor: 10_000n, taxRateBp: 2300 }]); // 123.00
    expect(invoice.paymentReference).toMatch(/^132\d{7}$/);

    const first = await applyIncomingPayment({ invoiceId: invoice.id, method: "bank_transfer", amountMinor: 5_000n, currency: "EUR", externalId: "bank-1", now: NOW });
    expect(first).toMatchObject({ appliedMinor: 5_000n, creditedMinor: 0n, invoicePaid: false });
    expect(await db.invoice.findUnique({ where: { id: invoice.id } })).toMatchObject({ status: "unpaid", amountPaidMinor: 5_000n });

    const second = await applyIncomingPayment({ invoiceId: invoice.id, method: "bank_transfer", amountMinor: 7_300n, currency: "EUR", externalId: "bank-2", now: NOW });
    expect(second).toMatchObject({ appliedMinor: 7_300n, creditedMinor: 0n, invoicePaid: true });
    expect(second.taxInvoiceId).not.toBeNull();
    expect(await db.invoice.findUnique({ where: { id: second.taxInvoiceId! } })).toMatchObject({ kind: "tax", status: "paid", totalMinor: 12_300n, amountPaidMinor: 12_300n });
    expect(await balanceOf(customer.id)).toBe(0n);
  });

  it("an overpayment goes to credit, and money for an already paid invoice is not lost", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const invoice = await unpaidInvoice(customer.id, [{ netMinor: 1_000n, taxRateBp: 0 }]);
    const over = await applyIncomingPayment({ invoiceId: invoice.id, method: "manual", amountMinor: 1_500n, currency: "EUR", now: NOW });
    expect(over).toMatchObject({ appliedMinor: 1_000n, creditedMinor: 500n, invoicePaid: true });
    const again = await applyIncomingPayment({ invoiceId: invoice.id, method: "manual", amountMinor: 200n, currency: "EUR", now: NOW });
    expect(again).toMatchObject({ appliedMinor: 0n, creditedMinor: 200n });
    expect(await balanceOf(customer.id)).toBe(700n);
    expect(await db.creditEntry.count({ where: { customerId: customer.id, kind: "overpayment" } })).toBe(2);
  });

  it("the same outside payment booked twice (or at once) counts once; a wrong currency books nothing", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const invoice = await unpaidInvoice(customer.id, [{ netMinor: 4_000n, taxRateBp: 0 }]);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => applyIncomingPayment({ invoiceId: invoice.id, method: "bank_transfer", amountMinor: 1_000n, currency: "EUR", externalId: "stmt-77", now: NOW })),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(await db.payment.count({ where: { invoiceId: invoice.id } })).toBe(1);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).amountPaidMinor).toBe(1_000n);

    await expect(applyIncomingPayment({ invoiceId: invoice.id, method: "manual", amountMinor: 1_000n, currency: "HUF", now: NOW })).rejects.toMatchObject({ key: "errors.currencyMismatch" });
    await expect(applyIncomingPayment({ invoiceId: invoice.id, method: "manual", amountMinor: 0n, currency: "EUR", now: NOW })).rejects.toBeInstanceOf(PaymentError);
    expect(await db.payment.count({ where: { invoiceId: invoice.id } })).toBe(1);
  });

  it("paying the invoice moves each billed service's next due date past the paid period", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const service = await createService(db, customer.id, { nextDueDate: new Date("2032-03-01T00:00:00Z") });
    const invoice = await unpaidInvoice(customer.id, [
      { netMinor: 900n, taxRateBp: 2300, serviceId: service.id, periodStart: new Date("2032-03-01T00:00:00Z"), periodEnd: new Date("2032-03-31T00:00:00Z") },
    ]);
    await applyIncomingPayment({ invoiceId: invoice.id, method: "manual", amountMinor: invoice.totalMinor, currency: "EUR", now: NOW });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).nextDueDate).toEqual(new Date("2032-04-01T00:00:00Z"));
  });
});

describe("paying with credit", () => {
  it("credit covers all or part of the balance; the amount is never the caller's to choose", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    const actor = await customerActorFor(owner.id, customer.id);
    await giveCredit(customer.id, 3_000n);
    const invoice = await unpaidInvoice(customer.id, [{ netMinor: 5_000n, taxRateBp: 0 }]);

    const part = await payInvoiceWithCredit(actor, invoice.id, { now: NOW });
    expect(part).toMatchObject({ appliedMinor: 3_000n, invoicePaid: false });
    expect(await balanceOf(customer.id)).toBe(0n);
    await expect(payInvoiceWithCredit(actor, invoice.id, { now: NOW })).rejects.toMatchObject({ key: "errors.noCredit" });

    await giveCredit(customer.id, 10_000n);
    const rest = await payInvoiceWithCredit(actor, invoice.id, { now: NOW });
    expect(rest).toMatchObject({ appliedMinor: 2_000n, invoicePaid: true });
    expect(await balanceOf(customer.id)).toBe(8_000n);
    expect(await db.payment.findMany({ where: { invoiceId: invoice.id }, select: { method: true, amountMinor: true }, orderBy: { createdAt: "asc" } })).toEqual([
      { method: "credit", amountMinor: 3_000n },
      { method: "credit", amountMinor: 2_000n },
    ]);
  });

  it("two invoices paid from the same credit at once cannot spend it twice", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    const actor = await customerActorFor(owner.id, customer.id);
    await giveCredit(customer.id, 1_000n);
    const invoices = await Promise.all([1, 2, 3, 4].map(() => unpaidInvoice(customer.id, [{ netMinor: 1_000n, taxRateBp: 0 }])));
    const results = await Promise.allSettled(invoices.map((i) => payInvoiceWithCredit(actor, i.id, { now: NOW })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await balanceOf(customer.id)).toBe(0n);
    expect(await db.invoice.count({ where: { id: { in: invoices.map((i) => i.id) }, status: "paid" } })).toBe(1);
  });

  it("another customer's invoice, a contact without billing.pay, and a paid invoice are refused", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    const other = await createCustomerWithOwner(db);
    await giveCredit(customer.id, 50_000n);
    const foreign = await unpaidInvoice(other.customer.id, [{ netMinor: 1_000n, taxRateBp: 0 }]);
    const actor = await customerActorFor(owner.id, customer.id);
    await expect(payInvoiceWithCredit(actor, foreign.id, { now: NOW })).rejects.toMatchObject({ key: "errors.notFound" });

    const tech = await createUser(db);
    await addMember(db, tech.id, customer.id, { preset: "technical" });
    const own = await unpaidInvoice(customer.id, [{ netMinor: 1_000n, taxRateBp: 0 }]);
    await expect(payInvoiceWithCredit(await customerActorFor(tech.id, customer.id), own.id, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    await payInvoiceWithCredit(actor, own.id, { now: NOW });
    await expect(payInvoiceWithCredit(actor, own.id, { now: NOW })).rejects.toMatchObject({ key: "errors.notPayable" });
    expect(await db.payment.count({ where: { invoiceId: foreign.id } })).toBe(0);
    expect(await balanceOf(customer.id)).toBe(49_000n);
  });
});

describe("refunds and credit adjustments", () => {
  it("a refund to credit issues a credit note with the VAT split of the invoice; a full refund marks it refunded", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const invoice = await unpaidInvoice(customer.id, [
      { netMinor: 10_000n, taxRateBp: 2300 },
      { netMinor: 5_000n, taxRateBp: 0 },
    ]); // 123.00 + 50.00 = 173.00
    const { paymentId, taxInvoiceId } = await applyIncomingPayment({ invoiceId: invoice.id, method: "bank_transfer", amountMinor: 17_300n, currency: "EUR", externalId: "bank-r1", now: NOW });

    const part = await refundPayment({ paymentId, amountMinor: 3_460n, destination: "credit", reason: "Goodwill", now: NOW });
    const note = await db.invoice.findUniqueOrThrow({ where: { id: part.creditNoteId! }, include: { lines: true } });
    expect(note).toMatchObject({ kind: "credit_note", sourceInvoiceId: taxInvoiceId, totalMinor: -3_460n });
    expect(note.number).toMatch(/^CN-2032-\d{6}$/);
    // 34.60 split 123 : 50 → 24.60 at 23 % (20.00 + 4.60 VAT) and 10.00 at 0 %.
    expect(note.subtotalMinor + note.taxMinor).toBe(-3_460n);
    expect(note.taxMinor).toBe(-460n);
    expect(await balanceOf(customer.id)).toBe(3_460n);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: taxInvoiceId! } })).status).toBe("paid");

    await expect(refundPayment({ paymentId, amountMinor: 20_000n, destination: "credit", reason: "Too much", now: NOW })).rejects.toMatchObject({ key: "errors.refundTooLarge" });
    await refundPayment({ paymentId, amountMinor: 13_840n, destination: "original", reason: "Cancelled", now: NOW });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: taxInvoiceId! } })).status).toBe("refunded");
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("refunded");
    expect(await balanceOf(customer.id)).toBe(3_460n);
  });

  it("staff adjust credit with a note; the balance cannot go below zero", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const clerk = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
    expect(await adjustCredit(clerk, { customerId: customer.id, currency: "HUF", amountMinor: 250_000n, note: "Migration from the old system" })).toEqual({ balanceMinor: 250_000n });
    await expect(adjustCredit(clerk, { customerId: customer.id, currency: "HUF", amountMinor: -300_000n, note: "oops" })).rejects.toMatchObject({ key: "errors.creditBelowZero" });
    expect(await balanceOf(customer.id, "HUF")).toBe(250_000n);
    expect(await db.auditEvent.count({ where: { customerId: customer.id, action: "billing.credit.adjusted" } })).toBe(1);

    const agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
    await expect(adjustCredit(agent, { customerId: customer.id, currency: "HUF", amountMinor: 1n, note: "no" })).rejects.toBeInstanceOf(PermissionDenied);
  });
});
