// Bank statement import: strict parsing (header or not, comma or semicolon, decimal comma or dot,
// per-row errors), matching by payment reference, booking through applyIncomingPayment, and
// importing the same statement again booking nothing new.
import { db } from "@/lib/db";
import { bookBankImport, previewBankImport } from "@/lib/billing/admin-bank-import";
import { createDraft, issueDraft } from "@/lib/billing/admin-invoices";
import { detectDelimiter, parseBankAmount, parseBankCsv, parseBankDate, parseCsvRecords, rowExternalId } from "@/lib/billing/bank-import";
import { creditBalances } from "@/lib/billing/payments";
import type { StaffActor } from "@/lib/auth/actor-types";
import { staffActorFor } from "@/tests/helpers/actors";
import { createCustomer, createUser } from "@/tests/helpers/factories";

describe("parsing a statement (pure)", () => {
  it("reads dates as ISO or day-first with dots, and refuses anything else", () => {
    expect(parseBankDate("2045-03-05")).toBe("2045-03-05");
    expect(parseBankDate("5.3.2045")).toBe("2045-03-05");
    expect(parseBankDate("05.03.2045")).toBe("2045-03-05");
    for (const bad of ["2045-02-30", "03/05/2045", "5.3.45", "", "2045-3-5", "31.04.2045"]) expect([bad, parseBankDate(bad)]).toEqual([bad, null]);
  });

  it("reads amounts with a decimal comma or dot, in the currency's decimals, incoming only", () => {
    expect(parseBankAmount("123,45", "EUR")).toEqual({ ok: true, minor: 12345n });
    expect(parseBankAmount("123.4", "EUR")).toEqual({ ok: true, minor: 12340n });
    expect(parseBankAmount("+1500000", "VND")).toEqual({ ok: true, minor: 1500000n });
    expect(parseBankAmount("0,50", "EUR")).toEqual({ ok: true, minor: 50n });
    expect(parseBankAmount("1.234,50", "EUR")).toEqual({ ok: false, code: "amountFormat" });
    expect(parseBankAmount("1 234,50", "EUR")).toEqual({ ok: false, code: "amountFormat" });
    expect(parseBankAmount("1e3", "EUR")).toEqual({ ok: false, code: "amountFormat" });
    expect(parseBankAmount("12,345", "EUR")).toEqual({ ok: false, code: "amountDecimals" });
    expect(parseBankAmount("10.5", "VND")).toEqual({ ok: false, code: "amountDecimals" });
    expect(parseBankAmount("-20,00", "EUR")).toEqual({ ok: false, code: "notIncoming" });
    expect(parseBankAmount("0", "EUR")).toEqual({ ok: false, code: "notIncoming" });
  });

  it("splits quoted cells holding the delimiter, doubled quotes and line breaks", () => {
    expect(detectDelimiter('date;amount\n1;"2;3"')).toBe(";");
    expect(detectDelimiter('"a;b",c\n')).toBe(",");
    expect(parseCsvRecords('a,"b,c","say ""hi"""\r\n\r\nd,"e\nf",g\n', ",")).toEqual({
      records: [
        { line: 1, cells: ["a", "b,c", 'say "hi"'] },
        { line: 3, cells: ["d", "e\nf", "g"] },
      ],
      unclosedAt: null,
    });
    expect(parseCsvRecords('a,"b\nc', ",").unclosedAt).toBe(1);
  });

  it("accepts a header row in any order, with semicolons and decimal commas", () => {
    const result = parseBankCsv("\uFEFFTransaction ID;Counterparty;VS;Amount;Currency;Date\nT-1;Acme s.r.o.;1450000001;12,30;eur;10.03.2045\n");
    expect(result).toMatchObject({ delimiter: ";", hasHeader: true, errors: [] });
    expect(result.rows).toEqual([
      { line: 2, date: "2045-03-10", amountMinor: 1230n, currency: "EUR", reference: "1450000001", counterparty: "Acme s.r.o.", transactionId: "T-1", externalId: "T-1" },
    ]);
  });

  it("reads a file without a header in the documented column order", () => {
    const result = parseBankCsv('2045-03-10,"12,30",EUR,0001450000001,"Doe, John",\n2045-03-11,5.00,EUR,,,\n');
    expect(result.hasHeader).toBe(false);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.amountMinor, r.reference, r.counterparty, r.transactionId])).toEqual([
      [1, 1230n, "1450000001", "Doe, John", null],
      [2, 500n, "", "", null],
    ]);
    expect(result.rows[0].externalId).toMatch(/^csv:[0-9a-f]{40}$/);
  });

  it("reports every bad row with its line, column and reason, and keeps the good ones", () => {
    const csv = [
      "date,amount,currency,reference,counterparty,transaction id",
      "2045-03-10,10.00,EUR,1450000001,Good,T-1",
      "2045-02-30,10.00,EUR,1450000001,Bad date,T-2",
      "2045-03-10,10.001,EUR,1450000001,Bad decimals,T-3",
      "2045-03-10,-5.00,EUR,1450000001,Outgoing,T-4",
      "2045-03-10,5.00,XYZ,1450000001,Currency,T-5",
      "2045-03-10,5.00,EUR,INV-1,Text reference,T-6",
      "2045-03-10,5.00,EUR,1450000001,Same id,T-1",
      "2045-03-10,5.00,EUR",
    ].join("\n");
    const result = parseBankCsv(csv);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.errors).toEqual([
      { line: 3, code: "dateInvalid", column: "date", value: "2045-02-30" },
      { line: 4, code: "amountDecimals", column: "amount", value: "10.001" },
      { line: 5, code: "notIncoming", column: "amount", value: "-5.00" },
      { line: 6, code: "currencyUnknown", column: "currency", value: "XYZ" },
      { line: 7, code: "referenceInvalid", column: "reference", value: "INV-1" },
      { line: 8, code: "duplicateTransaction", column: "transactionId", value: "T-1" },
      { line: 9, code: "columnCount", column: undefined, value: "3" },
    ]);
  });

  it("refuses an unknown header, a missing column, an empty file and an unclosed quote", () => {
    expect(parseBankCsv("when,how much,currency,reference\n").errors).toEqual([{ line: 1, code: "headerUnknown", value: "when, how much" }]);
    expect(parseBankCsv("date,amount,reference\n2045-03-10,1.00,1\n").errors).toEqual([{ line: 1, code: "headerMissingColumn", column: "currency" }]);
    expect(parseBankCsv("\n\n").errors).toEqual([{ line: 1, code: "empty" }]);
    expect(parseBankCsv('2045-03-10,"1.00,EUR,1\n').errors).toEqual([{ line: 1, code: "unclosedQuote" }]);
  });

  it("gives identical rows without a transaction id different ids, the same on every import", () => {
    const row = { date: "2045-03-10", amountMinor: 500n, currency: "EUR", reference: "1", counterparty: "Jane", transactionId: null };
    expect(rowExternalId(row, 0)).not.toBe(rowExternalId(row, 1));
    expect(rowExternalId(row, 0)).toBe(rowExternalId({ ...row }, 0));
    const twice = parseBankCsv("2045-03-10,5.00,EUR,1,Jane\n2045-03-10,5.00,EUR,1,Jane\n");
    expect(new Set(twice.rows.map((r) => r.externalId)).size).toBe(2);
    expect(parseBankCsv("2045-03-10,5.00,EUR,1,Jane\n2045-03-10,5.00,EUR,1,Jane\n").rows.map((r) => r.externalId)).toEqual(twice.rows.map((r) => r.externalId));
  });
});

describe("importing a statement", () => {
  // Documents of this file are numbered in 2045, so no other file's issuing interleaves.
  const NOW = new Date("2045-03-12T10:00:00Z");
  let clerk: StaffActor;

  beforeAll(async () => {
    clerk = await staffActorFor((await createUser(db, { staffRole: "administrator" })).id);
  });

  async function proforma(customerId: string, unitPrice: string, currency: "EUR" | "HUF" = "EUR") {
    const { id } = await createDraft(clerk, { invoiceId: "", customerId, currency, dueDate: "2045-03-25", notes: "", lines: [{ description: "Hosting", periodStart: "", periodEnd: "", quantity: "1", unitPrice, vatRate: "0" }] });
    await issueDraft(clerk, id, {}, { now: NOW, useProforma: true });
    return db.invoice.findUniqueOrThrow({ where: { id } });
  }

  it("matches rows by payment reference, books the matched ones, and books nothing new the second time", async () => {
    const eur = await createCustomer(db, { currency: "EUR" });
    const huf = await createCustomer(db, { currency: "HUF" });
    const a = await proforma(eur.id, "100.00");
    const b = await proforma(eur.id, "40.00");
    const c = await proforma(huf.id, "5000.00", "HUF");
    const csv = [
      "date;amount;currency;reference;counterparty;transaction id",
      `10.03.2045;100,00;EUR;${a.paymentReference};Acme s.r.o.;BANK-45-1`,
      `11.03.2045;25,00;EUR;${b.paymentReference};Acme s.r.o.;`,
      `11.03.2045;30,00;EUR;${b.paymentReference};Acme s.r.o.;BANK-45-3`,
      `11.03.2045;5000,00;EUR;${c.paymentReference};Wrong currency Kft;BANK-45-4`,
      "11.03.2045;7,00;EUR;1459999999;Unknown;BANK-45-5",
      "11.03.2045;8,00;EUR;;No reference;BANK-45-6",
      "32.03.2045;8,00;EUR;1;Broken;BANK-45-7",
    ].join("\n");

    const preview = await previewBankImport(clerk, csv);
    expect(preview).toMatchObject({ matched: 3, unmatched: 3, alreadyBooked: 0 });
    expect(preview.errors).toEqual([{ line: 8, code: "dateInvalid", column: "date", value: "32.03.2045" }]);
    expect(preview.rows.map((r) => [r.line, r.match, r.match === "unmatched" ? r.reason : r.toCreditMinor])).toEqual([
      [2, "matched", 0n],
      [3, "matched", 0n],
      // 25.00 + 30.00 for a 40.00 proforma: 15.00 of the second goes to credit.
      [4, "matched", 1500n],
      [5, "unmatched", "currencyMismatch"],
      [6, "unmatched", "unknownReference"],
      [7, "unmatched", "noReference"],
    ]);
    // The preview books nothing.
    expect(await db.payment.count({ where: { invoiceId: { in: [a.id, b.id, c.id] } } })).toBe(0);

    const first = await bookBankImport(clerk, csv, {}, { now: NOW });
    expect(first).toMatchObject({ booked: 3, duplicates: 0, failed: 0, unmatched: 3 });
    expect(first.errors).toHaveLength(1);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "paid", amountPaidMinor: 10000n });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "paid", amountPaidMinor: 4000n });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "unpaid", amountPaidMinor: 0n });
    expect((await creditBalances(eur.id)).find((x) => x.currency === "EUR")?.balanceMinor).toBe(1500n);
    const booked = await db.payment.findMany({ where: { invoiceId: a.id }, select: { method: true, externalId: true, reference: true, note: true, receivedAt: true, recordedByUserId: true } });
    expect(booked).toEqual([{ method: "bank_transfer", externalId: "BANK-45-1", reference: a.paymentReference, note: "Acme s.r.o.", receivedAt: new Date("2045-03-10T12:00:00Z"), recordedByUserId: clerk.userId }]);
    expect(await db.auditEvent.count({ where: { action: "billing.bank_import.booked", actorUserId: clerk.userId } })).toBe(1);

    // The same statement again: everything matched is a duplicate; nothing changes.
    const again = await previewBankImport(clerk, csv);
    expect(again).toMatchObject({ matched: 0, alreadyBooked: 3 });
    const second = await bookBankImport(clerk, csv, {}, { now: NOW });
    expect(second).toMatchObject({ booked: 0, duplicates: 3, failed: 0 });
    expect(await db.payment.count({ where: { invoiceId: { in: [a.id, b.id] } } })).toBe(3);
    expect((await creditBalances(eur.id)).find((x) => x.currency === "EUR")?.balanceMinor).toBe(1500n);
  });

  it("money for an invoice paid meanwhile goes to the customer's credit, not lost", async () => {
    const eur = await createCustomer(db, { currency: "EUR" });
    const a = await proforma(eur.id, "10.00");
    await db.invoice.update({ where: { id: a.id }, data: { status: "cancelled", cancelledAt: NOW } });
    const csv = `2045-03-11,10.00,EUR,${a.paymentReference},Late payer,BANK-45-99\n`;
    const preview = await previewBankImport(clerk, csv);
    expect(preview.rows).toEqual([expect.objectContaining({ match: "matched", toCreditMinor: 1000n })]);
    expect(await bookBankImport(clerk, csv, {}, { now: NOW })).toMatchObject({ booked: 1 });
    expect((await creditBalances(eur.id)).find((x) => x.currency === "EUR")?.balanceMinor).toBe(1000n);
  });
});
