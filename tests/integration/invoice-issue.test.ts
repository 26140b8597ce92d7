// Issuing and paying: totals from the stored lines, proforma → tax invoice on payment, gap-free
// numbers under concurrency, and paying twice (or at once) issuing one tax invoice.
import { db } from "@/lib/db";
import { InvoiceStateError, issueInvoice, markInvoicePaid } from "@/lib/billing/issue";
import { createCustomerWithOwner } from "@/tests/helpers/factories";

let customerId: string;
beforeAll(async () => {
  customerId = (await createCustomerWithOwner(db)).customer.id;
});

async function draft(lines: { netMinor: bigint; taxRateBp: number }[], currency = "EUR") {
  return db.invoice.create({
    data: {
      customerId,
      currency,
      totalMinor: 0n,
      dueDate: new Date("2030-01-15T00:00:00Z"),
      lines: { create: lines.map((l, i) => ({ position: i, description: `Line ${i}`, unitPriceMinor: l.netMinor, netMinor: l.netMinor, taxRateBp: l.taxRateBp })) },
    },
  });
}

// Invoices of this file use the year 2031, so other files' issuing cannot interleave numbers.
const NOW = new Date("2031-03-01T10:00:00Z");
const numbersOf = async (series: string) =>
  (await db.invoice.findMany({ where: { series, year: 2031 }, select: { sequence: true }, orderBy: { sequence: "asc" } })).map((i) => i.sequence);

describe("issueInvoice and markInvoicePaid", () => {
  it("issues a proforma with server-side totals (VAT per rate), then a linked tax invoice when paid", async () => {
    const invoice = await draft([
      { netMinor: 1000n, taxRateBp: 2300 },
      { netMinor: 333n, taxRateBp: 2300 },
      { netMinor: 500n, taxRateBp: 0 },
    ]);
    const issued = await issueInvoice(invoice.id, { now: NOW, useProforma: true });
    // 1333 × 23 % = 306.59 → 307; the 0 % line adds no VAT.
    expect(issued).toMatchObject({ kind: "proforma", status: "unpaid", subtotalMinor: 1833n, taxMinor: 307n, totalMinor: 2140n });
    expect(issued.number).toMatch(/^PF-2031-\d{6}$/);
    await expect(issueInvoice(invoice.id, { now: NOW })).rejects.toBeInstanceOf(InvoiceStateError);

    const { invoice: paid, taxInvoice } = await markInvoicePaid(invoice.id, { now: NOW });
    expect(paid.status).toBe("paid");
    expect(taxInvoice).toMatchObject({ kind: "tax", status: "paid", totalMinor: 2140n, taxMinor: 307n, sourceInvoiceId: invoice.id });
    expect(taxInvoice?.number).toMatch(/^INV-2031-\d{6}$/);
    expect(await db.invoiceLine.count({ where: { invoiceId: taxInvoice!.id } })).toBe(3);
  });

  it("paying the same proforma five times at once issues one tax invoice", async () => {
    const invoice = await draft([{ netMinor: 10_000n, taxRateBp: 2700 }], "HUF");
    await issueInvoice(invoice.id, { now: NOW, useProforma: true });
    await Promise.all(Array.from({ length: 5 }, () => markInvoicePaid(invoice.id, { now: NOW })));
    expect(await db.invoice.count({ where: { sourceInvoiceId: invoice.id, kind: "tax" } })).toBe(1);
  });

  it("20 concurrent issues give gap-free, sequential tax numbers (proformas switched off)", async () => {
    const before = await numbersOf("INV");
    const drafts = await Promise.all(Array.from({ length: 20 }, (_, i) => draft([{ netMinor: BigInt(100 + i), taxRateBp: 1000 }], "VND")));
    await Promise.all(drafts.map((d) => issueInvoice(d.id, { now: NOW, useProforma: false })));
    const after = await numbersOf("INV");
    expect(after).toEqual(Array.from({ length: after.length }, (_, i) => i + 1));
    expect(after.length).toBe(before.length + 20);
  });

  it("a cancelled invoice cannot be paid", async () => {
    const invoice = await draft([{ netMinor: 100n, taxRateBp: 0 }]);
    await db.invoice.update({ where: { id: invoice.id }, data: { status: "cancelled" } });
    await expect(markInvoicePaid(invoice.id)).rejects.toMatchObject({ key: "errors.notPayable" });
  });
});
