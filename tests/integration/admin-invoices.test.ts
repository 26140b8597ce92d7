// Staff invoices (/admin/invoices): drafts created, edited, issued (with the email in the same
// transaction), deleted and cancelled; payments recorded (partial, overpayment to credit); refunds
// with credit notes; sending again; credit adjustments; the filtered list; the revenue report.
import { db } from "@/lib/db";
import { AdminBillingError } from "@/lib/billing/admin-access";
import { adjustCustomerCredit, cancelInvoice, createDraft, deleteDraft, issueDraft, recordPayment, refundPaymentForStaff, resendInvoice, saveDraft } from "@/lib/billing/admin-invoices";
import { getCustomerCreditForStaff, getDraftCustomer, getInvoiceForStaff, listInvoicesForStaff } from "@/lib/billing/admin-queries";
import { revenueReport, revenueReportCsv } from "@/lib/billing/admin-report";
import { adminInvoiceListParamsSchema, type DraftInput } from "@/lib/billing/admin-schemas";
import { PaymentError, applyIncomingPayment, creditBalances } from "@/lib/billing/payments";
import type { StaffActor } from "@/lib/auth/actor-types";
import { staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser } from "@/tests/helpers/factories";

// Documents of this file are numbered in 2044 (and the report reads 2047), so no other file's
// issuing interleaves with its numbers or its report.
const NOW = new Date("2044-03-10T10:00:00Z");

let clerk: StaffActor;
let customer: { id: string; contractNumber: string; name: string };
let billingContact: { id: string };

beforeAll(async () => {
  await db.taxRate.createMany({ data: [{ country: "SK", rateBp: 2300 }, { country: "HU", rateBp: 2700 }], skipDuplicates: true });
  clerk = await staffActorFor((await createUser(db, { staffRole: "billing_clerk", name: "Clerk Kovács" })).id);
  customer = await createCustomer(db, { country: "SK", currency: "EUR" });
  const user = await createUser(db);
  await addMember(db, user.id, customer.id, { preset: "billing" });
  billingContact = user;
});

const line = (over: Partial<DraftInput["lines"][number]> = {}): DraftInput["lines"][number] => ({ description: "Web hosting", periodStart: "", periodEnd: "", quantity: "1", unitPrice: "10.00", vatRate: "23", ...over });
const draftInput = (over: Partial<DraftInput> = {}): DraftInput => ({ invoiceId: "", customerId: customer.id, currency: "EUR", dueDate: "2044-03-24", notes: "", lines: [line()], ...over });

/** A draft with the given lines, issued (a proforma unless `useProforma` is false). */
async function issued(lines: DraftInput["lines"], opts: { useProforma?: boolean; customerId?: string; currency?: string; now?: Date } = {}) {
  const { id } = await createDraft(clerk, draftInput({ lines, customerId: opts.customerId ?? customer.id, currency: (opts.currency ?? "EUR") as DraftInput["currency"] }));
  await issueDraft(clerk, id, {}, { now: opts.now ?? NOW, useProforma: opts.useProforma ?? true });
  return db.invoice.findUniqueOrThrow({ where: { id } });
}

const creditOf = async (customerId: string, currency = "EUR") => (await creditBalances(customerId)).find((b) => b.currency === currency)?.balanceMinor ?? 0n;

describe("drafts", () => {
  it("suggests the VAT rate the billing run would use for the customer", async () => {
    expect(await getDraftCustomer(clerk, customer.id)).toMatchObject({ currency: "EUR", treatment: "domestic", defaultRateBp: 2300 });
    const huBusiness = await createCustomer(db, { country: "HU", currency: "HUF", vatId: "HU12345678" });
    expect(await getDraftCustomer(clerk, huBusiness.id)).toMatchObject({ currency: "HUF", treatment: "reverse_charge", defaultRateBp: 0, legalNoteKey: "reverseCharge" });
    expect(await getDraftCustomer(clerk, "not-a-uuid")).toBeNull();
  });

  it("creates a draft in the customer's currency with totals computed on the server, then edits its lines", async () => {
    const { id } = await createDraft(
      clerk,
      draftInput({
        // The currency the browser sends only drives its own check: the customer's (EUR) is used.
        currency: "USD",
        notes: "March extras",
        lines: [line(), line({ description: "Extra storage", quantity: "1.5", unitPrice: "3.33", periodStart: "2044-03-01", periodEnd: "2044-03-31" })],
      }),
    );
    const draft = await db.invoice.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { position: "asc" } } } });
    // 3.33 × 1.5 = 4.995 → 5.00; net 15.00, VAT 23 % 3.45.
    expect(draft).toMatchObject({ status: "draft", currency: "EUR", number: null, subtotalMinor: 1500n, taxMinor: 345n, totalMinor: 1845n, notes: "March extras" });
    expect(draft.lines.map((l) => [l.description, l.quantityMilli, l.unitPriceMinor, l.netMinor, l.taxRateBp])).toEqual([
      ["Web hosting", 1000, 1000n, 1000n, 2300],
      ["Extra storage", 1500, 333n, 500n, 2300],
    ]);
    expect(draft.lines[1].periodStart).toEqual(new Date("2044-03-01T00:00:00Z"));

    // Remove the second line, change the first, add a discount line at 0 %.
    await saveDraft(clerk, draftInput({ invoiceId: id, dueDate: "2044-04-01", lines: [line({ quantity: "3" }), line({ description: "Loyalty discount", unitPrice: "-2.50", vatRate: "0" })] }));
    const edited = await db.invoice.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { position: "asc" } } } });
    expect(edited).toMatchObject({ subtotalMinor: 2750n, taxMinor: 690n, totalMinor: 3440n, dueDate: new Date("2044-04-01T00:00:00Z") });
    expect(edited.lines.map((l) => [l.description, l.netMinor, l.taxRateBp])).toEqual([
      ["Web hosting", 3000n, 2300],
      ["Loyalty discount", -250n, 0],
    ]);
    const detail = await getInvoiceForStaff(clerk, id);
    expect(detail?.byRate).toEqual([
      { rateBp: 2300, netMinor: 3000n, taxMinor: 690n },
      { rateBp: 0, netMinor: -250n, taxMinor: 0n },
    ]);
    expect(detail?.audit.map((a) => a.action)).toEqual(["billing.invoice.draft_updated", "billing.invoice.draft_created"]);
  });

  it("refuses an amount with more decimals than the currency has, next to the line's field", async () => {
    const vndCustomer = await createCustomer(db, { country: "SK", currency: "VND" });
    // The browser believed the customer paid in EUR; the server parses with VND (no decimals).
    await expect(createDraft(clerk, draftInput({ customerId: vndCustomer.id, lines: [line({ unitPrice: "10" }), line({ unitPrice: "10.50" })] }))).rejects.toMatchObject({ key: "errors.amountDecimals", field: "lines.1.unitPrice" });
    expect(await db.invoice.count({ where: { customerId: vndCustomer.id } })).toBe(0);
  });

  it("issues a draft with its number and queues the email to the billing contacts in the same transaction", async () => {
    const { id } = await createDraft(clerk, draftInput());
    const result = await issueDraft(clerk, id, {}, { now: NOW, useProforma: true });
    expect(result).toMatchObject({ kind: "proforma", emailed: 1 });
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id } });
    expect(invoice).toMatchObject({ status: "unpaid", kind: "proforma", totalMinor: 1230n, issuedAt: NOW });
    expect(invoice.number).toMatch(/^PF-2044-\d{6}$/);
    expect(invoice.paymentReference).toMatch(/^144\d{7}$/);
    expect(await db.emailMessage.findMany({ where: { customerId: customer.id, dedupeKey: `invoice:${id}:issued:${billingContact.id}` }, select: { category: true } })).toEqual([{ category: "billing" }]);
    expect(await db.auditEvent.count({ where: { targetType: "invoice", targetId: id, action: "billing.invoice.issued", actorUserId: clerk.userId } })).toBe(1);

    await expect(issueDraft(clerk, id, {}, { now: NOW })).rejects.toMatchObject({ key: "errors.notDraft" });
    await expect(saveDraft(clerk, draftInput({ invoiceId: id }))).rejects.toMatchObject({ key: "errors.notDraft" });
    await expect(deleteDraft(clerk, id)).rejects.toMatchObject({ key: "errors.notDraft" });
  });

  it("does not issue a draft whose total is not positive", async () => {
    const { id } = await createDraft(clerk, draftInput({ lines: [line({ unitPrice: "0" })] }));
    await expect(issueDraft(clerk, id, {}, { now: NOW })).rejects.toMatchObject({ key: "errors.totalNotPositive" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "draft", number: null });
  });

  it("deletes a draft", async () => {
    const { id } = await createDraft(clerk, draftInput());
    await deleteDraft(clerk, id);
    expect(await db.invoice.findUnique({ where: { id } })).toBeNull();
    expect(await db.auditEvent.count({ where: { targetId: id, action: "billing.invoice.draft_deleted" } })).toBe(1);
  });
});

describe("cancelling", () => {
  it("cancels an unpaid invoice with nothing paid", async () => {
    const invoice = await issued([line()]);
    await cancelInvoice(clerk, invoice.id, {}, { now: NOW });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "cancelled", cancelledAt: NOW });
    expect(await db.auditEvent.count({ where: { targetId: invoice.id, action: "billing.invoice.cancelled" } })).toBe(1);
    await expect(cancelInvoice(clerk, invoice.id)).rejects.toMatchObject({ key: "errors.notCancellable" });
  });

  it("refuses a partly paid invoice, a paid tax invoice (refund instead) and a draft", async () => {
    const partly = await issued([line()]);
    await recordPayment(clerk, { invoiceId: partly.id, currency: "EUR", method: "manual", amount: "1.00", receivedOn: "2044-03-09", reference: "", transactionId: "", note: "" }, { now: NOW });
    await expect(cancelInvoice(clerk, partly.id)).rejects.toMatchObject({ key: "errors.hasPayments" });

    const tax = await issued([line()], { useProforma: false });
    await recordPayment(clerk, { invoiceId: tax.id, currency: "EUR", method: "manual", amount: "12.30", receivedOn: "2044-03-09", reference: "", transactionId: "", note: "" }, { now: NOW });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: tax.id } })).toMatchObject({ kind: "tax", status: "paid" });
    await expect(cancelInvoice(clerk, tax.id)).rejects.toMatchObject({ key: "errors.paidRefundInstead" });

    const { id } = await createDraft(clerk, draftInput());
    await expect(cancelInvoice(clerk, id)).rejects.toMatchObject({ key: "errors.draftDeleteInstead" });
  });
});

describe("recording payments", () => {
  const payment = (invoiceId: string, amount: string, over: Record<string, string> = {}) =>
    ({ invoiceId, currency: "EUR" as const, method: "bank_transfer" as const, amount, receivedOn: "2044-03-08", reference: "", transactionId: "", note: "", ...over });

  it("a partial payment leaves the balance open; an overpayment settles it and the rest goes to credit", async () => {
    const owner = await createCustomer(db, { country: "SK", currency: "EUR" });
    const invoice = await issued([line({ unitPrice: "100.00" })], { customerId: owner.id }); // 123.00
    const partial = await recordPayment(clerk, payment(invoice.id, "50.00", { reference: invoice.paymentReference!, transactionId: "TX-2044-1" }), { now: NOW });
    expect(partial).toMatchObject({ duplicate: false, appliedMinor: 5000n, creditedMinor: 0n, invoicePaid: false });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "unpaid", amountPaidMinor: 5000n });
    const stored = await db.payment.findUniqueOrThrow({ where: { id: partial.paymentId } });
    expect(stored).toMatchObject({ method: "bank_transfer", externalId: "TX-2044-1", recordedByUserId: clerk.userId, receivedAt: new Date("2044-03-08T12:00:00Z") });

    // The same bank transaction recorded again changes nothing.
    expect(await recordPayment(clerk, payment(invoice.id, "50.00", { transactionId: "TX-2044-1" }), { now: NOW })).toMatchObject({ duplicate: true });

    const over = await recordPayment(clerk, payment(invoice.id, "100.00", { method: "manual" }), { now: NOW });
    expect(over).toMatchObject({ appliedMinor: 7300n, creditedMinor: 2700n, invoicePaid: true });
    expect(over.taxInvoiceId).not.toBeNull();
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "paid", amountPaidMinor: 12300n });
    expect(await creditOf(owner.id)).toBe(2700n);

    // Paid now: the form refuses, and a date in the future is refused too.
    await expect(recordPayment(clerk, payment(invoice.id, "1.00"), { now: NOW })).rejects.toMatchObject({ key: "errors.notPayable" });
    const other = await issued([line()], { customerId: owner.id });
    await expect(recordPayment(clerk, payment(other.id, "1.00", { receivedOn: "2044-03-11" }), { now: NOW })).rejects.toMatchObject({ key: "errors.dateInFuture", field: "receivedOn" });

    const detail = await getInvoiceForStaff(clerk, invoice.id);
    expect(detail?.payments.map((p) => [p.method, p.amountMinor, p.recordedBy])).toEqual([
      ["bank_transfer", 5000n, "Clerk Kovács"],
      ["manual", 10000n, "Clerk Kovács"],
    ]);
    expect(detail?.related).toEqual([expect.objectContaining({ relation: "taxInvoice", kind: "tax", id: over.taxInvoiceId })]);
    expect(detail?.audit.filter((a) => a.action === "billing.payment.recorded")).toHaveLength(2);
  });
});

describe("refunds", () => {
  it("a refund to credit issues a linked credit note; fully refunded, the invoice is refunded", async () => {
    const owner = await createCustomer(db, { country: "SK", currency: "EUR" });
    const invoice = await issued([line({ unitPrice: "100.00" })], { customerId: owner.id, useProforma: false }); // tax invoice, 123.00
    const paid = await recordPayment(clerk, { invoiceId: invoice.id, currency: "EUR", method: "bank_transfer", amount: "123.00", receivedOn: "2044-03-09", reference: "", transactionId: "", note: "" }, { now: NOW });
    expect(paid.invoicePaid).toBe(true);

    await expect(refundPaymentForStaff(clerk, { paymentId: paid.paymentId, currency: "EUR", amount: "200.00", destination: "credit", reason: "Too much" })).rejects.toMatchObject({ key: "errors.refundTooLarge", field: "amount" });

    const first = await refundPaymentForStaff(clerk, { paymentId: paid.paymentId, currency: "EUR", amount: "23.00", destination: "credit", reason: "Service outage" }, { now: NOW });
    expect(first.creditNoteId).not.toBeNull();
    expect(await db.invoice.findUniqueOrThrow({ where: { id: first.creditNoteId! } })).toMatchObject({ kind: "credit_note", sourceInvoiceId: invoice.id, totalMinor: -2300n, status: "paid" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "paid" });
    expect(await creditOf(owner.id)).toBe(2300n);

    let detail = await getInvoiceForStaff(clerk, invoice.id);
    expect(detail?.payments.find((p) => p.id === paid.paymentId)?.refundableMinor).toBe(10000n);
    expect(detail?.related).toEqual([expect.objectContaining({ relation: "creditNote", id: first.creditNoteId })]);

    const rest = await refundPaymentForStaff(clerk, { paymentId: paid.paymentId, currency: "EUR", amount: "100.00", destination: "original", reason: "Contract ended" }, { now: NOW });
    expect(rest.creditNoteId).not.toBeNull();
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "refunded" });
    // Back by bank transfer: the credit balance does not change.
    expect(await creditOf(owner.id)).toBe(2300n);
    detail = await getInvoiceForStaff(clerk, invoice.id);
    expect(detail?.payments.find((p) => p.id === paid.paymentId)?.refundableMinor).toBe(0n);
    expect(detail?.audit.filter((a) => a.action === "billing.payment.refunded")).toHaveLength(2);
    expect((await getInvoiceForStaff(clerk, first.creditNoteId!))?.related).toEqual([expect.objectContaining({ relation: "corrects", id: invoice.id })]);
  });

  it("a card refund to the card needs Stripe: without it, a clear refusal and nothing booked", async () => {
    const owner = await createCustomer(db, { country: "SK", currency: "EUR" });
    const invoice = await issued([line()], { customerId: owner.id });
    const card = await applyIncomingPayment({ invoiceId: invoice.id, method: "card", amountMinor: 1230n, currency: "EUR", externalId: "pi_test_2044", now: NOW });
    await expect(refundPaymentForStaff(clerk, { paymentId: card.paymentId, currency: "EUR", amount: "5.00", destination: "original", reason: "Goodwill" })).rejects.toMatchObject({ key: "errors.cardRefundUnavailable" });
    expect(await db.payment.count({ where: { refundOfId: card.paymentId } })).toBe(0);
  });
});

describe("sending again and credit", () => {
  it("queues a new email to the billing contacts each time, audited; a draft cannot be sent", async () => {
    const invoice = await issued([line()]);
    expect(await resendInvoice(clerk, invoice.id)).toEqual({ queued: 1 });
    expect(await resendInvoice(clerk, invoice.id)).toEqual({ queued: 1 });
    expect(await db.emailMessage.count({ where: { userId: billingContact.id, dedupeKey: { startsWith: `invoice:${invoice.id}:` } } })).toBe(3);
    expect(await db.auditEvent.count({ where: { targetId: invoice.id, action: "billing.invoice.resent" } })).toBe(2);
    const { id } = await createDraft(clerk, draftInput());
    await expect(resendInvoice(clerk, id)).rejects.toMatchObject({ key: "errors.notSendable" });
  });

  it("adjusts credit with a note and never below zero", async () => {
    const owner = await createCustomer(db, { country: "SK", currency: "EUR" });
    expect(await adjustCustomerCredit(clerk, { customerId: owner.id, currency: "EUR", amount: "15.00", note: "Goodwill for the outage" })).toEqual({ balanceMinor: 1500n });
    await expect(adjustCustomerCredit(clerk, { customerId: owner.id, currency: "EUR", amount: "-20.00", note: "Correction" })).rejects.toBeInstanceOf(PaymentError);
    const credit = await getCustomerCreditForStaff(clerk, owner.id);
    expect(credit?.balances).toEqual([{ currency: "EUR", balanceMinor: 1500n }]);
    expect(credit?.entries).toEqual([expect.objectContaining({ kind: "adjustment", amountMinor: 1500n, note: "Goodwill for the outage", createdBy: "Clerk Kovács" })]);
  });
});

describe("the list", () => {
  it("searches by number, payment reference and contract number, filters overdue and kind, and totals per currency", async () => {
    const owner = await createCustomer(db, { country: "SK", currency: "EUR", name: "Zebra Hosting Ltd" });
    const hu = await createCustomer(db, { country: "HU", currency: "HUF", name: "Zebra Kft" });
    const a = await issued([line({ unitPrice: "10.00" })], { customerId: owner.id }); // 12.30, due 2044-03-24
    const b = await issued([line({ unitPrice: "1000.00", vatRate: "27" })], { customerId: hu.id, currency: "HUF" }); // 1270.00 HUF
    await db.invoice.update({ where: { id: b.id }, data: { dueDate: new Date("2044-03-01T00:00:00Z") } });
    const { id: draftId } = await createDraft(clerk, draftInput({ customerId: owner.id }));
    const list = (query: Record<string, string>) => listInvoicesForStaff(clerk, adminInvoiceListParamsSchema.parse(query), { now: NOW });

    expect((await list({ q: a.number! })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await list({ q: b.paymentReference! })).items.map((i) => i.id)).toEqual([b.id]);
    expect((await list({ q: owner.contractNumber, sort: "dueAsc" })).items.map((i) => i.id)).toEqual([a.id, draftId]);
    const overdue = await list({ q: "Zebra", status: "overdue" });
    expect(overdue.items.map((i) => [i.id, i.overdue])).toEqual([[b.id, true]]);
    expect((await list({ q: "Zebra", status: "draft" })).items.map((i) => i.id)).toEqual([draftId]);
    expect((await list({ q: "Zebra", kind: "proforma", sort: "dueDesc" })).items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect((await list({ customer: hu.id })).items.map((i) => i.id)).toEqual([b.id]);

    const all = await list({ q: "Zebra", status: "unpaid" });
    expect(all.totals).toEqual([
      { currency: "EUR", count: 1, totalMinor: 1230n, paidMinor: 0n, outstandingMinor: 1230n },
      { currency: "HUF", count: 1, totalMinor: 127000n, paidMinor: 0n, outstandingMinor: 127000n },
    ]);
    expect((await list({ q: "Zebra", currency: "HUF" })).totals.map((t) => t.currency)).toEqual(["HUF"]);
    // Issued on NOW (10 March 2044): inside the range, and not in one ending the day before.
    expect((await list({ q: "Zebra", from: "2044-03-10", to: "2044-03-10" })).total).toBe(2);
    expect((await list({ q: "Zebra", to: "2044-03-09" })).total).toBe(0);
    expect((await list({ q: "no such invoice anywhere 2044" })).items).toEqual([]);
  });

  it("answers null (404) for an unknown or malformed id", async () => {
    expect(await getInvoiceForStaff(clerk, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getInvoiceForStaff(clerk, "PF-2044-000001")).toBeNull();
  });
});

describe("revenue report", () => {
  it("sums tax invoices, credit notes, payments and refunds per month and currency, never across currencies", async () => {
    const YEAR = 2047;
    const jan = new Date("2047-01-15T10:00:00Z");
    const feb = new Date("2047-02-03T10:00:00Z");
    const eur = await createCustomer(db, { country: "SK", currency: "EUR" });
    const huf = await createCustomer(db, { country: "HU", currency: "HUF" });
    const pay = (invoiceId: string, currency: "EUR" | "HUF", amount: string, receivedOn: string, now: Date) =>
      recordPayment(clerk, { invoiceId, currency, method: "bank_transfer", amount, receivedOn, reference: "", transactionId: "", note: "" }, { now });

    // January: a tax invoice of 100.00 + 23 % (EUR), paid; a proforma (not revenue) paid in February.
    const t1 = await issued([line({ unitPrice: "100.00" })], { customerId: eur.id, useProforma: false, now: jan });
    await pay(t1.id, "EUR", "123.00", "2047-01-15", jan);
    const pf = await issued([line({ unitPrice: "50.00" })], { customerId: eur.id, useProforma: true, now: jan });
    // February: the proforma paid (its tax invoice is issued then), a HUF tax invoice, a refund.
    const paidPf = await pay(pf.id, "EUR", "61.50", "2047-02-03", feb);
    const t2 = await issued([line({ unitPrice: "1000.00", vatRate: "27" })], { customerId: huf.id, currency: "HUF", useProforma: false, now: feb });
    const hufPayment = await pay(t2.id, "HUF", "1270.00", "2047-02-03", feb);
    await refundPaymentForStaff(clerk, { paymentId: hufPayment.paymentId, currency: "HUF", amount: "127.00", destination: "credit", reason: "Discount" }, { now: feb });
    // A cancelled tax invoice is not revenue.
    const cancelled = await issued([line({ unitPrice: "999.00" })], { customerId: eur.id, useProforma: false, now: feb });
    await cancelInvoice(clerk, cancelled.id, {}, { now: feb });

    const report = await revenueReport(clerk, YEAR, { now: NOW });
    const pick = (month: number, currency: string) => report.rows.find((r) => r.month === month && r.currency === currency);
    expect(report.rows.map((r) => `${r.month}/${r.currency}`)).toEqual(["1/EUR", "2/EUR", "2/HUF"]);
    expect(pick(1, "EUR")).toMatchObject({ invoicedCount: 1, invoicedNetMinor: 10000n, invoicedTaxMinor: 2300n, invoicedGrossMinor: 12300n, creditNoteCount: 0, receivedMinor: 12300n, refundedMinor: 0n });
    expect(pick(2, "EUR")).toMatchObject({ invoicedCount: 1, invoicedNetMinor: 5000n, invoicedTaxMinor: 1150n, invoicedGrossMinor: 6150n, receivedMinor: 6150n });
    expect(paidPf.taxInvoiceId).not.toBeNull();
    expect(pick(2, "HUF")).toMatchObject({
      invoicedCount: 1,
      invoicedNetMinor: 100000n,
      invoicedTaxMinor: 27000n,
      invoicedGrossMinor: 127000n,
      creditNoteCount: 1,
      creditNetMinor: -10000n,
      creditTaxMinor: -2700n,
      creditGrossMinor: -12700n,
      receivedMinor: 127000n,
      refundedMinor: 12700n,
    });
    expect(report.totals.map((t) => [t.currency, t.invoicedGrossMinor, t.receivedMinor])).toEqual([
      ["EUR", 18450n, 18450n],
      ["HUF", 127000n, 127000n],
    ]);
    expect(report.years).toEqual(expect.arrayContaining([2047, 2044]));

    const csv = revenueReportCsv(report).split("\r\n");
    expect(csv[0]).toBe("month,currency,invoiced_count,invoiced_net,invoiced_vat,invoiced_gross,credit_notes_count,credit_notes_net,credit_notes_vat,credit_notes_gross,payments_received,refunds");
    expect(csv[3]).toBe("2047-02,HUF,1,1000.00,270.00,1270.00,1,-100.00,-27.00,-127.00,1270.00,127.00");
  });
});

it("AdminBillingError carries a message key and its field", () => {
  const error = new AdminBillingError("errors.amountDecimals", "amount");
  expect([error.key, error.field]).toEqual(["errors.amountDecimals", "amount"]);
});
