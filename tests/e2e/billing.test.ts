// Customer billing in Chromium against the built app: the demo billing contact pays an invoice with
// account credit, sees it paid with its tax invoice, and downloads the tax invoice's PDF (checked
// with pdftotext for the number and the total); the demo technical contact has no billing link and
// every billing page answers "not found" (or sends them away), never the content.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { issueInvoice } from "@/lib/billing/issue";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;

let browser: Browser;
let acmeId: string;
let invoice: { id: string; number: string | null };
// 53.15 in the customer's currency (EUR): a total no other demo document has.
const TOTAL_MINOR = 5_315n;

beforeAll(async () => {
  browser = await launchChromium();
  acmeId = (await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } })).id;
  // Acme is in Vietnam, outside the EU: its lines are at 0 % (outside the scope of EU VAT).
  const draft = await db.invoice.create({
    data: {
      customerId: acmeId,
      currency: "EUR",
      totalMinor: 0n,
      dueDate: new Date(Date.now() + 10 * 86_400_000),
      lines: {
        create: [
          { position: 1, description: "Browser test: Web Hosting Business", quantityMilli: 1000, unitPriceMinor: 4_315n, netMinor: 4_315n, taxRateBp: 0 },
          { position: 2, description: "Browser test: support hours", quantityMilli: 2000, unitPriceMinor: 500n, netMinor: 1_000n, taxRateBp: 0 },
        ],
      },
    },
  });
  invoice = await issueInvoice(draft.id, { useProforma: true });
  // Exactly enough credit for this invoice, so the demo's credit balance ends where it started.
  await db.creditEntry.create({ data: { customerId: acmeId, currency: "EUR", amountMinor: TOTAL_MINOR, kind: "adjustment", note: "Browser test credit" } });
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

describe("a billing contact pays with credit and downloads the PDF", () => {
  it("pays the invoice with credit after confirming, and sees it paid with its tax invoice", async () => {
    const page = await newPage();
    try {
      await signIn(page, "billing@demo.portico.test");
      await page.goto(`${BASE}/billing/invoices`);
      await page.getByRole("link", { name: invoice.number!, exact: true }).click();
      await page.waitForURL(`${BASE}/billing/invoices/${invoice.id}`);
      await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(invoice.number);
      await page.getByText("This is a payment request (proforma), not a tax document.", { exact: false }).waitFor();
      await expect(page.getByTestId("invoice-status").innerText()).resolves.toBe("Unpaid");

      const panel = page.locator("#pay-panel");
      await panel.getByText("Your credit pays this invoice in full (€53.15).").waitFor();
      await panel.getByRole("button", { name: "Pay with credit" }).click();
      await panel.getByText("Pay €53.15 from your credit?").waitFor();
      await panel.getByRole("button", { name: "Yes, pay €53.15" }).click();

      await page.getByText("Paid with your credit. Thank you!").waitFor();
      await expect(page.getByTestId("invoice-status").innerText()).resolves.toBe("Paid");
      await expect(page.locator("#pay-panel").count()).resolves.toBe(0);
      await page.locator("#invoice-payments").getByText("Account credit").waitFor();

      const row = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: { status: true, amountPaidMinor: true } });
      expect(row).toEqual({ status: "paid", amountPaidMinor: TOTAL_MINOR });
      const credit = await db.creditEntry.findFirstOrThrow({ where: { customerId: acmeId, invoiceId: invoice.id, kind: "applied" } });
      expect(credit.amountMinor).toBe(-TOTAL_MINOR);
    } finally {
      await page.context().close();
    }
  });

  it("the tax invoice is listed instead of the paid proforma, and its PDF has the number and the total", async () => {
    const tax = await db.invoice.findFirstOrThrow({ where: { sourceInvoiceId: invoice.id, kind: "tax" }, select: { id: true, number: true } });
    const page = await newPage();
    try {
      await signIn(page, "billing@demo.portico.test");
      await page.goto(`${BASE}/billing/invoices?status=paid`);
      await page.getByRole("link", { name: tax.number!, exact: true }).waitFor();
      await expect(page.getByRole("link", { name: invoice.number!, exact: true }).count()).resolves.toBe(0);

      await page.goto(`${BASE}/billing/invoices/${invoice.id}`);
      await page.locator("#invoice-related").getByRole("link", { name: `Tax invoice ${tax.number}` }).click();
      await page.waitForURL(`${BASE}/billing/invoices/${tax.id}`);
      await expect(page.getByTestId("invoice-total").innerText()).resolves.toBe("€53.15");
      await page.getByText("Service outside the scope of EU VAT", { exact: false }).waitFor();

      const link = page.getByRole("link", { name: "Download PDF" });
      const href = await link.getAttribute("href");
      expect(href).toBe(`/billing/invoices/${tax.id}/pdf`);
      // Fetched with the page's session, as the link would be.
      const res = await page.context().request.get(`${BASE}${href}`);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toMatch(/^application\/pdf/);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portico-pdf-")), "invoice.pdf");
      fs.writeFileSync(file, await res.body());
      const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
      expect(text).toContain(tax.number!);
      expect(text).toMatch(/53[.,]15/);
    } finally {
      await page.context().close();
    }
  });
});

describe("a technical contact", () => {
  it("has no billing link and gets 'not found' on every billing page", async () => {
    const page = await newPage();
    try {
      await signIn(page, "tech@demo.portico.test");
      const menu = (await page.locator("header nav:visible").first().getByRole("link").allInnerTexts()).map((s) => s.trim());
      expect(menu).not.toContain("Billing");
      expect(await page.locator('a[href^="/billing"]').count()).toBe(0);
      for (const url of ["/billing", "/billing/invoices", `/billing/invoices/${invoice.id}`, "/billing/credit", "/billing/quotes", `/billing/invoices/${invoice.id}/pdf`]) {
        const res = await page.goto(`${BASE}${url}`);
        const landed = new URL(page.url()).pathname;
        // Either a 404, or sent somewhere that is not billing; never the page itself.
        expect([url, res?.status() === 404 || !landed.startsWith("/billing")]).toEqual([url, true]);
        const text = await page.locator("body").innerText();
        expect(text).not.toContain(invoice.number!);
        expect(text).not.toContain("Balance due");
        expect(text).not.toContain("Credit history");
      }
    } finally {
      await page.context().close();
    }
  });
});
