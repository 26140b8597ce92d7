// The customer's billing pages, through their lib functions: the invoice list shows a paid
// proforma's tax invoice (not both), credit notes and balances; totals stay per currency; paying
// with credit in full (tax invoice issued) or in part (the rest stays unpaid); the default payment
// method; and contacts without billing.pay cannot pay or change it.
import { db } from "@/lib/db";
import { PermissionDenied } from "@/lib/auth/errors";
import { issueInvoice } from "@/lib/billing/issue";
import { applyIncomingPayment, creditBalances, payInvoiceWithCredit, refundPayment } from "@/lib/billing/payments";
import { getInvoiceDetail, getUnpaidTotals, listInvoices } from "@/lib/billing/queries";
import { getPayOptions } from "@/lib/billing/customer-payments";
import { getCreditBalances, listCreditLedger } from "@/lib/billing/customer-credit";
import { PaymentMethodError, getPaymentMethodSettings, setDefaultPaymentMethod } from "@/lib/billing/customer-payment-method";
import { payInvoiceSchema, paymentMethodSchema } from "@/lib/billing/schemas";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, dateFromToday } from "@/tests/helpers/factories";
import type { CustomerActor } from "@/lib/auth/actor-types";

// Documents of this file are numbered in 2035, so no other file's numbering interleaves.
const NOW = new Date("2035-02-01T10:00:00Z");

type Line = { netMinor: bigint; taxRateBp: number; quantityMilli?: number; description?: string };

async function issued(customerId: string, lines: Line[], opts: { currency?: string; dueDate?: Date } = {}) {
  const draft = await db.invoice.create({
    data: {
      customerId,
      currency: opts.currency ?? "EUR",
      totalMinor: 0n,
      dueDate: opts.dueDate ?? dateFromToday(14),
      lines: {
        create: lines.map((l, i) => ({
          position: i + 1,
          description: l.description ?? `Service ${i + 1}`,
          quantityMilli: l.quantityMilli ?? 1000,
          unitPriceMinor: (l.netMinor * 1000n) / BigInt(l.quantityMilli ?? 1000),
          netMinor: l.netMinor,
          taxRateBp: l.taxRateBp,
          periodStart: new Date("2035-02-01T00:00:00Z"),
          periodEnd: new Date("2035-02-28T00:00:00Z"),
        })),
      },
    },
  });
  return issueInvoice(draft.id, { now: NOW, useProforma: true });
}

async function giveCredit(customerId: string, amountMinor: bigint, currency = "EUR") {
  await db.creditEntry.create({ data: { customerId, currency, amountMinor, kind: "adjustment", note: "test credit" } });
}

async function world(opts: { country?: string; vatId?: string } = {}) {
  const customer = await createCustomer(db, { country: opts.country ?? "SK", vatId: opts.vatId });
  const [owner, billing, viewer, tech] = await Promise.all([createUser(db), createUser(db), createUser(db), createUser(db)]);
  await addMember(db, owner.id, customer.id, { preset: "owner" });
  await addMember(db, billing.id, customer.id, { preset: "billing" });
  await addMember(db, viewer.id, customer.id, { permissions: ["billing.view"], isOwner: false });
  await addMember(db, tech.id, customer.id, { preset: "technical" });
  return {
    customer,
    owner: await customerActorFor(owner.id, customer.id),
    billing: await customerActorFor(billing.id, customer.id),
    viewer: await customerActorFor(viewer.id, customer.id),
    tech: await customerActorFor(tech.id, customer.id),
  };
}

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe("the invoice list", () => {
  let w: Awaited<ReturnType<typeof world>>;
  let paidProforma: { id: string };
  let taxInvoice: { id: string };
  let creditNote: { id: string };
  let open: { id: string };
  let partly: { id: string };
  let usd: { id: string };
  beforeAll(async () => {
    w = await world();
    // 10 000 net at 23 % = 12 300; paid by bank, then 2 300 refunded to credit (a credit note).
    paidProforma = await issued(w.customer.id, [{ netMinor: 10_000n, taxRateBp: 2300 }]);
    const payment = await applyIncomingPayment({ invoiceId: paidProforma.id, method: "bank_transfer", amountMinor: 12_300n, currency: "EUR", externalId: `bank-${paidProforma.id}`, now: NOW });
    taxInvoice = { id: payment.taxInvoiceId! };
    const refund = await refundPayment({ paymentId: payment.paymentId, amountMinor: 2_300n, destination: "credit", reason: "Goodwill", now: NOW });
    creditNote = { id: refund.creditNoteId! };
    open = await issued(w.customer.id, [{ netMinor: 1_000n, taxRateBp: 2300 }], { dueDate: dateFromToday(-3) });
    partly = await issued(w.customer.id, [{ netMinor: 4_000n, taxRateBp: 2300 }], { dueDate: dateFromToday(5) });
    await applyIncomingPayment({ invoiceId: partly.id, method: "bank_transfer", amountMinor: 1_920n, currency: "EUR", externalId: `bank-${partly.id}`, now: NOW });
    usd = await issued(w.customer.id, [{ netMinor: 999n, taxRateBp: 0 }], { currency: "USD", dueDate: dateFromToday(-1) });
  });

  it("shows a paid proforma's tax invoice instead of both documents, and credit notes under 'all'", async () => {
    expect(taxInvoice.id).toBeTruthy();
    expect(creditNote.id).toBeTruthy();
    const all = await listInvoices(w.owner, { status: "all" });
    expect(ids(all.items)).toEqual(ids([taxInvoice, creditNote, open, partly, usd]));
    expect(all.items.map((i) => i.id)).not.toContain(paidProforma.id);
    expect(all.items.find((i) => i.id === creditNote.id)).toMatchObject({ kind: "credit_note", totalMinor: -2_300n });
    expect(all.items.find((i) => i.id === taxInvoice.id)).toMatchObject({ kind: "tax", status: "paid", balanceMinor: 0n });
    const paid = await listInvoices(w.owner, { status: "paid" });
    expect(ids(paid.items)).toEqual(ids([taxInvoice, creditNote]));
    // The proforma page itself still opens (linked from the tax invoice).
    const detail = await getInvoiceDetail(w.owner, taxInvoice.id);
    expect(detail?.source).toMatchObject({ id: paidProforma.id, kind: "proforma" });
    expect(detail?.derived.map((d) => d.id)).toEqual([creditNote.id]);
    // The payment was made on the proforma; the tax invoice lists it (and the refund).
    expect(detail?.payments.map((p) => [p.method, p.amountMinor, p.refund])).toEqual([
      ["bank_transfer", 12_300n, false],
      ["bank_transfer", -2_300n, true],
    ]);
  });

  it("lists the unpaid ones oldest first with their balance due, a partly paid one with what is left", async () => {
    const unpaid = await listInvoices(w.owner, { status: "unpaid" });
    expect(unpaid.items.map((i) => i.id)).toEqual([open.id, usd.id, partly.id]);
    expect(unpaid.items.map((i) => i.overdue)).toEqual([true, true, false]);
    expect(unpaid.items.find((i) => i.id === partly.id)).toMatchObject({ totalMinor: 4_920n, amountPaidMinor: 1_920n, balanceMinor: 3_000n });
  });

  it("totals per currency, never adding currencies together", async () => {
    await expect(getUnpaidTotals(w.owner)).resolves.toEqual([
      { currency: "EUR", count: 2, totalMinor: 1_230n + 3_000n, overdueCount: 1, overdueMinor: 1_230n },
      { currency: "USD", count: 1, totalMinor: 999n, overdueCount: 1, overdueMinor: 999n },
    ]);
    const all = await listInvoices(w.owner, { status: "all" });
    expect(all.totals).toEqual([
      { currency: "EUR", count: 4, totalMinor: 12_300n - 2_300n + 1_230n + 4_920n, balanceMinor: 4_230n },
      { currency: "USD", count: 1, totalMinor: 999n, balanceMinor: 999n },
    ]);
    const paid = await listInvoices(w.owner, { status: "paid" });
    expect(paid.totals).toEqual([{ currency: "EUR", count: 2, totalMinor: 10_000n, balanceMinor: 0n }]);
  });

  it("paginates", async () => {
    const page2 = await listInvoices(w.owner, { status: "all", page: 2 });
    expect(page2.items).toEqual([]);
    expect(page2.total).toBe(5);
  });
});

describe("the invoice page", () => {
  it("has the lines, VAT per rate, and the reverse-charge note for an EU business with a VAT ID", async () => {
    const w = await world({ country: "CZ", vatId: "CZ12345678" });
    const invoice = await issued(w.customer.id, [
      { netMinor: 3_000n, taxRateBp: 0, quantityMilli: 1500, description: "Support hours" },
      { netMinor: 1_000n, taxRateBp: 0 },
    ]);
    const detail = await getInvoiceDetail(w.billing, invoice.id);
    expect(detail).toMatchObject({ kind: "proforma", status: "unpaid", subtotalMinor: 4_000n, taxMinor: 0n, totalMinor: 4_000n, balanceMinor: 4_000n, legalNoteKey: "reverseCharge" });
    expect(detail?.lines[0]).toMatchObject({ description: "Support hours", quantityMilli: 1500, unitPriceMinor: 2_000n, netMinor: 3_000n, taxRateBp: 0 });
    expect(detail?.vatBreakdown).toEqual([{ rateBp: 0, netMinor: 4_000n, taxMinor: 0n }]);
    expect(detail?.paymentReference).toMatch(/^\d{1,10}$/);
  });

  it("a domestic customer gets VAT per rate and no legal note", async () => {
    const w = await world({ country: "SK" });
    const invoice = await issued(w.customer.id, [
      { netMinor: 1_000n, taxRateBp: 2300 },
      { netMinor: 333n, taxRateBp: 2300 },
      { netMinor: 500n, taxRateBp: 1000 },
    ]);
    const detail = await getInvoiceDetail(w.owner, invoice.id);
    expect(detail?.legalNoteKey).toBeNull();
    expect(detail?.vatBreakdown).toEqual([
      { rateBp: 2300, netMinor: 1_333n, taxMinor: 307n },
      { rateBp: 1000, netMinor: 500n, taxMinor: 50n },
    ]);
    expect(detail?.taxMinor).toBe(357n);
  });

  it("drafts and a technical contact see nothing", async () => {
    const w = await world();
    const draft = await db.invoice.create({ data: { customerId: w.customer.id, currency: "EUR", totalMinor: 100n, dueDate: dateFromToday(3) } });
    await expect(getInvoiceDetail(w.owner, draft.id)).resolves.toBeNull();
    await expect(getInvoiceDetail(w.tech, draft.id)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(listCreditLedger(w.tech)).rejects.toBeInstanceOf(PermissionDenied);
  });
});

describe("paying with credit", () => {
  const balanceOf = async (actor: CustomerActor, currency = "EUR") => (await getCreditBalances(actor)).find((b) => b.currency === currency)?.balanceMinor ?? 0n;

  it("in part: the credit is used up, the rest stays unpaid, no tax invoice yet", async () => {
    const w = await world();
    const invoice = await issued(w.customer.id, [{ netMinor: 10_000n, taxRateBp: 2300 }]);
    await giveCredit(w.customer.id, 3_000n);
    await giveCredit(w.customer.id, 50_000n, "USD");

    const detail = (await getInvoiceDetail(w.billing, invoice.id))!;
    const options = await getPayOptions(w.billing, detail);
    expect(options?.credit).toEqual({ availableMinor: 3_000n, coversMinor: 3_000n, coversAll: false });
    expect(options?.methods).toContain("credit");

    const result = await payInvoiceWithCredit(w.billing, payInvoiceSchema.parse({ invoiceId: invoice.id }).invoiceId, { now: NOW });
    expect(result).toMatchObject({ appliedMinor: 3_000n, invoicePaid: false, taxInvoiceId: null });
    const after = await getInvoiceDetail(w.billing, invoice.id);
    expect(after).toMatchObject({ status: "unpaid", amountPaidMinor: 3_000n, balanceMinor: 9_300n });
    expect(after?.payments.map((p) => [p.method, p.amountMinor])).toEqual([["credit", 3_000n]]);
    expect(await balanceOf(w.billing)).toBe(0n);
    // Credit in another currency is never used.
    expect(await balanceOf(w.billing, "USD")).toBe(50_000n);
    expect(await db.invoice.count({ where: { sourceInvoiceId: invoice.id } })).toBe(0);
    // With no EUR credit left, credit is no longer offered, and paying again says so.
    expect((await getPayOptions(w.billing, after!))?.methods ?? []).not.toContain("credit");
    await expect(payInvoiceWithCredit(w.billing, invoice.id, { now: NOW })).rejects.toMatchObject({ key: "errors.noCredit" });

    const ledger = await listCreditLedger(w.billing);
    expect(ledger.items[0]).toMatchObject({ kind: "applied", amountMinor: -3_000n, invoice: { id: invoice.id } });
  });

  it("in full: the invoice is paid, a tax invoice issued, and the rest of the credit kept", async () => {
    const w = await world();
    const invoice = await issued(w.customer.id, [{ netMinor: 5_000n, taxRateBp: 2300 }]);
    await giveCredit(w.customer.id, 10_000n);
    const detail = (await getInvoiceDetail(w.owner, invoice.id))!;
    expect((await getPayOptions(w.owner, detail))?.credit).toEqual({ availableMinor: 10_000n, coversMinor: 6_150n, coversAll: true });

    const result = await payInvoiceWithCredit(w.owner, invoice.id, { now: NOW });
    expect(result).toMatchObject({ appliedMinor: 6_150n, invoicePaid: true });
    expect(result.taxInvoiceId).toBeTruthy();
    const proforma = await getInvoiceDetail(w.owner, invoice.id);
    expect(proforma).toMatchObject({ status: "paid", balanceMinor: 0n });
    expect(proforma?.derived).toEqual([expect.objectContaining({ id: result.taxInvoiceId, kind: "tax", status: "paid", totalMinor: 6_150n })]);
    expect(await getPayOptions(w.owner, proforma!)).toBeNull();
    expect(await balanceOf(w.owner)).toBe(3_850n);
    // The list now shows the tax invoice, not the proforma.
    const all = await listInvoices(w.owner, { status: "all" });
    expect(all.items.map((i) => i.id)).toEqual([result.taxInvoiceId]);
    expect(await db.auditEvent.count({ where: { customerId: w.customer.id, action: "billing.payment.recorded", targetId: invoice.id } })).toBe(1);
  });

  it("a contact without billing.pay is offered nothing and cannot pay; nothing changes", async () => {
    const w = await world();
    const invoice = await issued(w.customer.id, [{ netMinor: 5_000n, taxRateBp: 2300 }]);
    await giveCredit(w.customer.id, 10_000n);
    const detail = (await getInvoiceDetail(w.viewer, invoice.id))!;
    expect(detail.status).toBe("unpaid");
    expect(await getPayOptions(w.viewer, detail)).toBeNull();
    await expect(payInvoiceWithCredit(w.viewer, invoice.id, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(payInvoiceWithCredit(w.tech, invoice.id, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: { status: true, amountPaidMinor: true } })).toEqual({ status: "unpaid", amountPaidMinor: 0n });
    expect(await db.payment.count({ where: { customerId: w.customer.id } })).toBe(0);
    expect(await creditBalances(w.customer.id)).toEqual([{ currency: "EUR", balanceMinor: 10_000n }]);
  });

  it("the pay form carries the invoice id only: an amount posted along is stripped", () => {
    const id = "0b6d7c9e-6f4a-4d53-9a53-3e8f1d1e2a10";
    expect(payInvoiceSchema.parse({ invoiceId: id, amountMinor: "1", amount: 1 })).toEqual({ invoiceId: id });
    expect(payInvoiceSchema.safeParse({ invoiceId: "1" }).success).toBe(false);
  });
});

describe("the default payment method", () => {
  it("the billing contact changes it (audited); card cannot be chosen while card payments are off", async () => {
    const w = await world();
    await expect(getPaymentMethodSettings(w.billing)).resolves.toMatchObject({ current: "bank_transfer", selectable: ["bank_transfer", "credit"] });
    await expect(setDefaultPaymentMethod(w.billing, paymentMethodSchema.parse({ method: "credit" }))).resolves.toEqual({ changed: true });
    expect((await db.customer.findUniqueOrThrow({ where: { id: w.customer.id } })).defaultPaymentMethod).toBe("credit");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { customerId: w.customer.id, action: "billing.payment_method.changed" } });
    expect(audit).toMatchObject({ actorUserId: w.billing.userId, data: { from: "bank_transfer", to: "credit" } });
    // Saving the same choice again changes (and audits) nothing.
    await expect(setDefaultPaymentMethod(w.billing, { method: "credit" })).resolves.toEqual({ changed: false });
    expect(await db.auditEvent.count({ where: { customerId: w.customer.id, action: "billing.payment_method.changed" } })).toBe(1);

    await expect(setDefaultPaymentMethod(w.billing, { method: "card" })).rejects.toBeInstanceOf(PaymentMethodError);
    expect(paymentMethodSchema.safeParse({ method: "manual" }).success).toBe(false);
    expect((await db.customer.findUniqueOrThrow({ where: { id: w.customer.id } })).defaultPaymentMethod).toBe("credit");
  });

  it("a contact without billing.pay cannot change it", async () => {
    const w = await world();
    await expect(setDefaultPaymentMethod(w.viewer, { method: "credit" })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(setDefaultPaymentMethod(w.tech, { method: "credit" })).rejects.toBeInstanceOf(PermissionDenied);
    expect((await db.customer.findUniqueOrThrow({ where: { id: w.customer.id } })).defaultPaymentMethod).toBe("bank_transfer");
  });

  it("the pay panel offers the default method first", async () => {
    const w = await world();
    const invoice = await issued(w.customer.id, [{ netMinor: 5_000n, taxRateBp: 2300 }]);
    await giveCredit(w.customer.id, 100n);
    await setDefaultPaymentMethod(w.owner, { method: "credit" });
    const options = await getPayOptions(w.owner, (await getInvoiceDetail(w.owner, invoice.id))!);
    expect(options?.methods[0]).toBe("credit");
  });
});
