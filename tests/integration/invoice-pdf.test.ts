// Invoice PDFs rendered from stored invoices and read back with pdftotext: numbers, totals as the
// locale formats them, the VAT breakdown, legal notes, payment instructions and diacritics of all
// four languages; then the two download routes, called in-process with a stand-in session.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-types";
import { getActor } from "@/lib/auth/session";
import { issueInvoice, markInvoicePaid } from "@/lib/billing/issue";
import { applyIncomingPayment, refundPayment } from "@/lib/billing/payments";
import { InvoicePdfNotFound, renderInvoicePdf } from "@/lib/billing/pdf/render";
import { formatMoney } from "@/lib/format";
import { GET as customerPdfRoute } from "@/app/(portal)/billing/invoices/[id]/pdf/route";
import { GET as staffPdfRoute } from "@/app/(staff)/admin/invoices/[id]/pdf/route";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser } from "@/tests/helpers/factories";

jest.mock("@/lib/auth/session", () => ({ getActor: jest.fn() }));
const mockedGetActor = getActor as jest.MockedFunction<typeof getActor>;

// The provider and bank as configured (lib/env.ts); read lazily by getEnv on the first render.
Object.assign(process.env, {
  BILLING_PROVIDER_COUNTRY: "SK",
  BILLING_PROVIDER_NAME: "Portico Hosting s.r.o.",
  BILLING_PROVIDER_ADDRESS: "Hlavná 1 | 811 01 Bratislava | Slovakia",
  BILLING_PROVIDER_VAT_ID: "SK2020123456",
  BILLING_PROVIDER_COMPANY_ID: "12345678",
  BILLING_BANK_NAME: "Tatra banka, a.s.",
  BILLING_BANK_IBAN: "SK3112000000198742637541",
  BILLING_BANK_SWIFT: "TATRSKBX",
});

// Documents of this file are numbered in 2036, so other files' numbering tests never see them.
const NOW = new Date("2036-02-10T10:00:00Z");
const execFileAsync = promisify(execFile);
let tmpDir: string;

beforeAll(async () => {
  tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), "invoice-pdf-"));
});
afterAll(async () => {
  await fs.rm(tmpDir, { recursive: true, force: true });
});

/** One run of whitespace (no-break and narrow no-break spaces included) as a single space. */
const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();

async function pdfText(pdf: Buffer): Promise<string> {
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const file = path.join(tmpDir, `${Math.random().toString(36).slice(2)}.pdf`);
  await fs.writeFile(file, pdf);
  const { stdout } = await execFileAsync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]);
  return squash(stdout);
}

type LineInput = { description: string; netMinor: bigint; taxRateBp: number; quantityMilli?: number; period?: [string, string] };

async function draftFor(customerId: string, currency: string, lines: LineInput[], notes?: string) {
  return db.invoice.create({
    data: {
      customerId,
      currency,
      totalMinor: 0n,
      dueDate: new Date("2036-02-24T00:00:00Z"),
      notes: notes ?? null,
      lines: {
        create: lines.map((l, i) => {
          const quantityMilli = l.quantityMilli ?? 1000;
          return {
            position: i + 1,
            description: l.description,
            quantityMilli,
            unitPriceMinor: (l.netMinor * 1000n) / BigInt(quantityMilli),
            netMinor: l.netMinor,
            taxRateBp: l.taxRateBp,
            periodStart: l.period ? new Date(`${l.period[0]}T00:00:00Z`) : null,
            periodEnd: l.period ? new Date(`${l.period[1]}T00:00:00Z`) : null,
          };
        }),
      },
    },
  });
}

async function issued(customerId: string, currency: string, lines: LineInput[], useProforma = true) {
  const draft = await draftFor(customerId, currency, lines);
  return issueInvoice(draft.id, { now: NOW, useProforma });
}

describe("renderInvoicePdf", () => {
  it("a domestic EUR proforma at 23 %: title, number, lines, VAT breakdown, totals and bank payment instructions", async () => {
    const customer = await createCustomer(db, { name: "Acme Studio s.r.o.", country: "SK", currency: "EUR" });
    const invoice = await issued(customer.id, "EUR", [
      { description: "Web hosting Business", netMinor: 1200n, taxRateBp: 2300, period: ["2036-03-01", "2036-03-31"] },
      { description: "VPS 4 GB", netMinor: 1998n, taxRateBp: 2300, quantityMilli: 2000 },
    ]);
    // 31.98 € net, VAT 23 % of 31.98 = 7.3554 → 7.36 €, total 39.34 €.
    expect(invoice).toMatchObject({ kind: "proforma", subtotalMinor: 3198n, taxMinor: 736n, totalMinor: 3934n });

    const text = await pdfText(await renderInvoicePdf(invoice.id, "en"));
    const eur = (minor: bigint) => squash(formatMoney(minor, "EUR", "en"));
    expect(text).toContain("Proforma invoice");
    expect(text).toContain("Payment request, not a tax document");
    expect(text).toContain(invoice.number!);
    expect(text).toContain("Portico Hosting s.r.o.");
    expect(text).toContain("VAT ID: SK2020123456");
    expect(text).toContain("Company ID: 12345678");
    expect(text).toContain("Acme Studio s.r.o.");
    expect(text).toContain(`Contract number: ${customer.contractNumber}`);
    expect(text).toContain("Web hosting Business");
    expect(text).toContain("Mar 1, 2036 – Mar 31, 2036");
    expect(text).toContain("€9.99"); // unit price of the two VPS
    // VAT breakdown: rate, base, VAT; then the totals.
    expect(text).toContain("VAT breakdown");
    expect(text).toMatch(new RegExp(`23% ${escape(eur(3198n))} ${escape(eur(736n))}`));
    expect(text).toContain(`Total ${eur(3934n)}`);
    expect(text).toContain(`Balance due ${eur(3934n)}`);
    // Payment instructions with the bank and the variable symbol.
    expect(text).toContain("Payment instructions");
    expect(text).toContain("Tatra banka, a.s.");
    expect(text).toContain("SK3112000000198742637541");
    expect(text).toContain("TATRSKBX");
    expect(text).toContain(`Amount due ${eur(3934n)}`);
    expect(text).toContain(invoice.paymentReference!);
    expect(text).toContain("Date of issue Feb 10, 2036");
    expect(text).toContain("Due date Feb 24, 2036");
    // Domestic: no legal note, and a proforma is no tax document, so no date of taxable supply.
    expect(text).not.toContain("Reverse charge");
    expect(text).not.toContain("Date of taxable supply");
    expect(text).toContain("Page 1 of 1");
  });

  it("an EU business with a VAT ID on 0 %: the reverse-charge note, in Slovak", async () => {
    const customer = await createCustomer(db, { name: "Ľubomír Šťastný s.r.o.", country: "CZ", vatId: "CZ12345678", currency: "EUR" });
    const invoice = await issued(customer.id, "EUR", [{ description: "Dedikovaný server – správa", netMinor: 15_000n, taxRateBp: 0 }]);
    const text = await pdfText(await renderInvoicePdf(invoice.id, "sk"));
    expect(text).toContain("Zálohová faktúra");
    expect(text).toContain("Ľubomír Šťastný s.r.o.");
    expect(text).toContain("Česko");
    expect(text).toContain("IČ DPH: CZ12345678");
    expect(text).toContain("Prenesenie daňovej povinnosti: DPH odvedie odberateľ (článok 196 smernice Rady 2006/112/ES).");
    expect(text).toContain(`Spolu ${squash(formatMoney(15_000n, "EUR", "sk"))}`);
    expect(text).toContain("Variabilný symbol");
    expect(text).toContain(invoice.paymentReference!);
  });

  it("a VND invoice outside the EU in Vietnamese: no decimals, the outside-scope note, composed diacritics", async () => {
    // Stored decomposed (e + combining marks), as some keyboards and imports produce it.
    const customer = await createCustomer(db, { name: "Nguyễn Văn Đức".normalize("NFD"), country: "VN", currency: "VND", city: "Thành phố Hồ Chí Minh", postcode: "700000", addressLine1: "12 Đường Lê Lợi, Quận 1" });
    const invoice = await issued(customer.id, "VND", [{ description: "Tên miền “ưu đãi”", netMinor: 1_250_000n, taxRateBp: 0 }]);
    const text = await pdfText(await renderInvoicePdf(invoice.id, "vi"));
    expect(formatMoney(1_250_000n, "VND", "vi")).toMatch(/^1\.250\.000\s₫$/);
    expect(text).toContain(`Tổng cộng ${squash(formatMoney(1_250_000n, "VND", "vi"))}`);
    expect(text).toContain("Nguyễn Văn Đức");
    expect(text).toContain("12 Đường Lê Lợi, Quận 1");
    expect(text).toContain("700000 Thành phố Hồ Chí Minh");
    expect(text).toContain("Tên miền “ưu đãi”");
    expect(text).toContain("Hóa đơn tạm tính (proforma)");
    expect(text).toContain("Không thuộc đối tượng chịu thuế GTGT của EU");
    expect(text).toContain(invoice.paymentReference!);
    expect(text).not.toContain("Cơ chế thuế đảo ngược");
  });

  it("a paid HUF tax invoice in Hungarian: date of taxable supply, paid stamp, nothing left to pay", async () => {
    const customer = await createCustomer(db, { name: "Kovács Győző", country: "HU", currency: "HUF", city: "Győr", postcode: "9021", addressLine1: "Szent István út 5." });
    const invoice = await issued(customer.id, "HUF", [{ description: "Tárhely – Üzleti csomag", netMinor: 1_234_550n, taxRateBp: 2300 }], false);
    // 12 345,50 Ft net, VAT 23 % = 2 839,465 → 2 839,47 Ft, total 15 184,97 Ft.
    expect(invoice).toMatchObject({ kind: "tax", totalMinor: 1_518_497n });
    const paidAt = new Date("2036-02-12T09:00:00Z");
    await applyIncomingPayment({ invoiceId: invoice.id, method: "bank_transfer", amountMinor: invoice.totalMinor, currency: "HUF", reference: invoice.paymentReference, now: paidAt });

    const text = await pdfText(await renderInvoicePdf(invoice.id, "hu"));
    const huf = (minor: bigint) => squash(formatMoney(minor, "HUF", "hu"));
    expect(huf(1_518_497n)).toBe("15 184,97 Ft");
    expect(text).toContain("Számla");
    expect(text).toContain("Adóügyi bizonylat");
    expect(text).toContain("KIFIZETVE");
    expect(text).toContain("Kovács Győző");
    expect(text).toContain("9021 Győr");
    expect(text).toContain("Tárhely – Üzleti csomag");
    expect(text).toMatch(new RegExp(`23% ${escape(huf(1_234_550n))} ${escape(huf(283_947n))}`));
    expect(text).toContain(`Bruttó összesen ${huf(1_518_497n)}`);
    expect(text).toContain(`Kifizetve ${huf(1_518_497n)}`);
    expect(text).toContain(`Fizetendő ${huf(0n)}`);
    expect(text).toMatch(/Teljesítés dátuma 2036\. febr\. 12\./);
    // Paid: no payment instructions.
    expect(text).not.toContain("Fizetési információk");
    expect(text).not.toContain("SK3112000000198742637541");
  });

  it("a credit note: negative amounts, the invoice it corrects, no payment instructions", async () => {
    const customer = await createCustomer(db, { name: "Ľubomír Šťastný", country: "SK", currency: "EUR" });
    const proforma = await issued(customer.id, "EUR", [{ description: "VPS 8 GB", netMinor: 10_000n, taxRateBp: 2300 }]);
    const payment = await applyIncomingPayment({ invoiceId: proforma.id, method: "bank_transfer", amountMinor: 12_300n, currency: "EUR", now: NOW });
    const taxInvoice = await db.invoice.findFirstOrThrow({ where: { sourceInvoiceId: proforma.id, kind: "tax" } });
    const refund = await refundPayment({ paymentId: payment.paymentId, amountMinor: 6_150n, destination: "original", reason: "Service cancelled mid-period", now: NOW });
    expect(refund.creditNoteId).not.toBeNull();
    const creditNote = await db.invoice.findUniqueOrThrow({ where: { id: refund.creditNoteId! } });

    const text = await pdfText(await renderInvoicePdf(creditNote.id, "en"));
    const eur = (minor: bigint) => squash(formatMoney(minor, "EUR", "en"));
    expect(eur(-6_150n)).toBe("-€61.50");
    expect(text).toContain("Credit note");
    expect(text).toContain(creditNote.number!);
    expect(text).toContain(`Corrects invoice ${taxInvoice.number}`);
    expect(text).toContain("Ľubomír Šťastný");
    // 61.50 € gross at 23 %: 50.00 € net and 11.50 € VAT, negative.
    expect(text).toMatch(new RegExp(`23% ${escape(eur(-5_000n))} ${escape(eur(-1_150n))}`));
    expect(text).toContain(`Total credited ${eur(-6_150n)}`);
    expect(text).not.toContain("Payment instructions");
    expect(text).not.toContain("Balance due");
    expect(text).not.toContain("PAID");
  });

  it("a tax invoice issued for a paid proforma names the proforma and its date of taxable supply is the payment date", async () => {
    const customer = await createCustomer(db, { country: "SK", currency: "EUR" });
    const proforma = await issued(customer.id, "EUR", [{ description: "Housing 1U", netMinor: 5_000n, taxRateBp: 2300 }]);
    const { taxInvoice } = await markInvoicePaid(proforma.id, { now: new Date("2036-02-15T08:00:00Z") });
    const text = await pdfText(await renderInvoicePdf(taxInvoice!.id, "en"));
    expect(text).toContain(`Issued for proforma ${proforma.number}`);
    expect(text).toContain("Date of taxable supply Feb 15, 2036");
    expect(text).toContain("PAID");
  });

  it("a draft is marked DRAFT, with totals from its lines and no number", async () => {
    const customer = await createCustomer(db, { country: "SK", currency: "EUR" });
    const draft = await draftFor(customer.id, "EUR", [{ description: "Domain renewal", netMinor: 1_000n, taxRateBp: 2300 }]);
    const text = await pdfText(await renderInvoicePdf(draft.id, "en"));
    expect(text).toContain("DRAFT: not issued, not valid as an invoice");
    expect(text).toContain("Number not issued");
    expect(text).toContain(`Total ${squash(formatMoney(1_230n, "EUR", "en"))}`);
    expect(text).not.toContain("Payment instructions");
  });

  it("an unknown id throws InvoicePdfNotFound; an unsupported locale falls back to English", async () => {
    await expect(renderInvoicePdf("00000000-0000-4000-8000-000000000000", "en")).rejects.toBeInstanceOf(InvoicePdfNotFound);
    const customer = await createCustomer(db, { country: "SK", currency: "USD" });
    const invoice = await issued(customer.id, "USD", [{ description: "Support hours", netMinor: 4_500n, taxRateBp: 2300, quantityMilli: 1500 }]);
    const text = await pdfText(await renderInvoicePdf(invoice.id, "de"));
    expect(text).toContain("Proforma invoice");
    expect(text).toContain("Support hours 1.5 $30.00");
  });
});

describe("the PDF routes", () => {
  const params = (id: string) => ({ params: Promise.resolve({ id }) });
  const request = (url: string) => new Request(`http://127.0.0.1${url}`);
  const asActor = (actor: Actor | null) => mockedGetActor.mockResolvedValue(actor);

  let mine: { id: string; number: string | null };
  let draft: { id: string };
  let theirs: { id: string };
  let owner: Actor;
  let technical: Actor;
  let otherOwner: Actor;
  let clerk: Actor;
  let agent: Actor;

  beforeAll(async () => {
    const customer = await createCustomer(db, { name: "Kovács Győző", country: "HU", currency: "EUR" });
    const other = await createCustomer(db, { country: "SK", currency: "EUR" });
    const ownerUser = await createUser(db, { locale: "sk" });
    await addMember(db, ownerUser.id, customer.id, { preset: "owner" });
    const techUser = await createUser(db);
    await addMember(db, techUser.id, customer.id, { preset: "technical" });
    const otherUser = await createUser(db);
    await addMember(db, otherUser.id, other.id, { preset: "owner" });
    owner = await customerActorFor(ownerUser.id, customer.id);
    technical = await customerActorFor(techUser.id, customer.id);
    otherOwner = await customerActorFor(otherUser.id, other.id);
    clerk = await staffActorFor((await createUser(db, { staffRole: "billing_clerk", locale: "hu" })).id);
    agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
    mine = await issued(customer.id, "EUR", [{ description: "Web hosting", netMinor: 2_000n, taxRateBp: 2300 }]);
    draft = await draftFor(customer.id, "EUR", [{ description: "Not yet", netMinor: 100n, taxRateBp: 2300 }]);
    theirs = await issued(other.id, "EUR", [{ description: "Theirs", netMinor: 3_000n, taxRateBp: 2300 }]);
  });

  async function expectNotFound(response: Response) {
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.headers.get("content-disposition")).toBeNull();
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 4).toString("latin1")).not.toBe("%PDF");
  }

  it("serve the customer's own invoice as a PDF attachment in the user's language, never cached", async () => {
    asActor(owner);
    const response = await customerPdfRoute(request(`/billing/invoices/${mine.id}/pdf`), params(mine.id));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${mine.number}.pdf"`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain(mine.number!);
    expect(text).toContain("Zálohová faktúra"); // the owner's locale is sk
    expect(text).toContain("Kovács Győző");
  });

  it("answer 404 without a PDF for another customer's invoice, a draft, a malformed or unknown id, no billing.view, staff and no session", async () => {
    const cases: [Actor | null, string][] = [
      [otherOwner, mine.id],
      [owner, theirs.id],
      [owner, draft.id],
      [owner, "not-a-uuid"],
      [owner, "00000000-0000-4000-8000-000000000000"],
      [technical, mine.id],
      [clerk, mine.id],
      [null, mine.id],
    ];
    for (const [actor, id] of cases) {
      asActor(actor);
      await expectNotFound(await customerPdfRoute(request(`/billing/invoices/${id}/pdf`), params(id)));
    }
  });

  it("staff with staff.billing get any document, a draft marked DRAFT, in their language", async () => {
    asActor(clerk);
    const response = await staffPdfRoute(request(`/admin/invoices/${draft.id}/pdf`), params(draft.id));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="draft-${draft.id.slice(0, 8)}.pdf"`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain("PISZKOZAT");

    const other = await staffPdfRoute(request(`/admin/invoices/${theirs.id}/pdf`), params(theirs.id));
    expect(other.status).toBe(200);
  });

  it("the staff route refuses customers, staff without staff.billing, malformed ids and no session", async () => {
    const cases: [Actor | null, string][] = [
      [owner, mine.id],
      [agent, mine.id],
      [clerk, "../../etc/passwd"],
      [clerk, "00000000-0000-4000-8000-000000000000"],
      [null, draft.id],
    ];
    for (const [actor, id] of cases) {
      asActor(actor);
      await expectNotFound(await staffPdfRoute(request(`/admin/invoices/${id}/pdf`), params(id)));
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
