// Staff billing in Chromium against the built app, as the people would do it: the staff
// administrator writes a draft invoice for Acme Studio, issues it through its confirmation (Escape
// backs out once), records a partial and then the remaining bank payment (the proforma becomes paid
// and gets its tax invoice); staff write and send a quote that the demo billing contact accepts,
// landing on its new invoice; a draft is deleted through its confirmation (cancelled once first).
// Texts carry a random suffix, so nothing depends on or disturbs the other demo data.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
const SUFFIX = randomBytes(4).toString("hex");
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

let browser: Browser;
let staffContext: BrowserContext;
let staff: Page;
let acmeId: string;

/** Waits until `locator` has the focus (React moves it back to a trigger in an effect, after the commit). */
async function waitForFocus(locator: Locator) {
  const handle = await locator.elementHandle();
  await locator.page().waitForFunction((el) => el === document.activeElement, handle, { timeout: 5_000 });
}
/** The status badge in the page header (the line under the h1). */
const headerLine = (page: Page) => page.locator("h1").locator("xpath=following-sibling::p[1]");

beforeAll(async () => {
  browser = await launchChromium();
  acmeId = (await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } })).id;
  // One staff sign-in for the whole file: every sign-in needs a fresh TOTP time step.
  staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  staff = await staffContext.newPage();
  await signIn(staff, "admin@demo.portico.test", { totp: true });
}, 120_000);

afterAll(async () => {
  await staffContext?.close();
  await browser?.close();
});

describe("staff bill Acme Studio by hand", () => {
  const description = `Browser test: migration work ${SUFFIX}`;
  let invoiceId: string;
  let proformaNumber: string;

  it("creates a draft with one line, issues it after backing out of the confirmation once, and sees it unpaid with a PF- number", async () => {
    const page = staff;
    await page.goto(`${BASE}/admin/invoices`);
    await page.getByRole("link", { name: "New draft" }).first().click();
    await page.waitForURL(`${BASE}/admin/invoices/new`);
    await page.getByRole("searchbox", { name: "Customer" }).fill("C-1001");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("link", { name: "Create a draft for Acme Studio" }).click();
    await page.waitForURL(new RegExp(`/admin/invoices/new\\?customer=${UUID}$`));

    const line = page.getByTestId("draft-line");
    await expect(line.count()).resolves.toBe(1);
    await line.getByRole("textbox", { name: "Description", exact: true }).fill(description);
    await line.getByRole("textbox", { name: "Quantity", exact: true }).fill("2");
    await line.getByRole("textbox", { name: "Unit price without VAT (EUR)", exact: true }).fill("61.25");
    // Acme is in Vietnam, outside the EU: 0 % (typed, so the test does not lean on the suggestion).
    await line.getByRole("textbox", { name: "VAT %", exact: true }).fill("0");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(new RegExp(`/admin/invoices/${UUID}$`));
    invoiceId = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByRole("heading", { level: 1, name: "Draft invoice" }).waitFor();

    const draft = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
    expect({ customerId: draft.customerId, status: draft.status, number: draft.number, currency: draft.currency, totalMinor: draft.totalMinor }).toEqual({
      customerId: acmeId,
      status: "draft",
      number: null,
      currency: "EUR",
      totalMinor: 12_250n,
    });
    expect(draft.lines.map((l) => [l.description, l.quantityMilli, l.unitPriceMinor, l.taxRateBp])).toEqual([[description, 2000, 6_125n, 0]]);

    // Issuing asks first; the confirm button has the focus and Escape backs out.
    const trigger = page.getByTestId("issue-invoice");
    await trigger.click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Issue this invoice for €122.50?", { exact: false }).waitFor();
    const confirm = page.getByTestId("issue-invoice-confirm-button");
    await waitForFocus(confirm);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await waitForFocus(trigger);
    await expect(db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { status: true } })).resolves.toEqual({ status: "draft" });

    await trigger.click();
    await dialog.waitFor();
    await confirm.click();
    await page.getByRole("heading", { level: 1, name: /^PF-/ }).waitFor();
    proformaNumber = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
    await headerLine(page).getByText("Proforma", { exact: true }).waitFor();
    await headerLine(page).getByText("Unpaid", { exact: true }).waitFor();
    await expect(page.getByTestId("invoice-balance").innerText()).resolves.toBe("€122.50");

    const issued = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { status: true, kind: true, number: true, amountPaidMinor: true } });
    expect(issued).toEqual({ status: "unpaid", kind: "proforma", number: proformaNumber, amountPaidMinor: 0n });
  }, 120_000);

  it("records a partial bank payment (still unpaid, balance shown), then the rest (paid, with its INV- tax invoice)", async () => {
    const page = staff;
    await page.goto(`${BASE}/admin/invoices`);
    await page.getByRole("link", { name: proformaNumber, exact: true }).click();
    await page.waitForURL(`${BASE}/admin/invoices/${invoiceId}`);

    const form = page.getByRole("form", { name: "Record a payment" });
    const amount = form.getByRole("textbox", { name: "Amount received (EUR)", exact: true });
    // The form offers the whole balance; the customer sent less.
    await expect(amount.inputValue()).resolves.toBe("122.50");
    await amount.fill("22.50");
    await form.getByRole("textbox", { name: "Payer's reference", exact: true }).fill(`Partial ${SUFFIX}`);
    await form.getByRole("button", { name: "Record payment" }).click();
    await page.getByTestId("payment-outcome").filter({ hasText: "€22.50 applied to the invoice." }).waitFor();
    await page.getByTestId("invoice-balance").filter({ hasText: /^€100\.00$/ }).waitFor();
    await page.getByTestId("payment-row").first().waitFor();
    await expect(page.getByTestId("payment-row").count()).resolves.toBe(1);
    await headerLine(page).getByText("Unpaid", { exact: true }).waitFor();
    expect(await page.getByTestId("payment-outcome").innerText()).not.toContain("The invoice is now paid.");

    const partly = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { status: true, amountPaidMinor: true } });
    expect(partly).toEqual({ status: "unpaid", amountPaidMinor: 2_250n });
    await expect(db.invoice.count({ where: { sourceInvoiceId: invoiceId, kind: "tax" } })).resolves.toBe(0);

    await amount.fill("100.00");
    await form.getByRole("textbox", { name: "Payer's reference", exact: true }).fill(`Rest ${SUFFIX}`);
    await form.getByRole("button", { name: "Record payment" }).click();
    const outcome = page.getByTestId("payment-outcome").filter({ hasText: "The invoice is now paid." });
    await outcome.waitFor();
    expect(await outcome.innerText()).toContain("€100.00 applied to the invoice.");
    await headerLine(page).getByText("Paid", { exact: true }).waitFor();
    await expect(page.getByTestId("invoice-balance").innerText()).resolves.toBe("€0.00");
    await expect(page.getByTestId("payment-row").count()).resolves.toBe(2);
    // Nothing is payable any more: the form's fields are gone, the outcome stays.
    await expect(form.getByRole("button", { name: "Record payment" }).count()).resolves.toBe(0);

    const paid = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { status: true, amountPaidMinor: true, totalMinor: true, paidAt: true } });
    expect(paid).toMatchObject({ status: "paid", amountPaidMinor: 12_250n, totalMinor: 12_250n });
    expect(paid.paidAt).not.toBeNull();
    const payments = await db.payment.findMany({ where: { invoiceId }, orderBy: { amountMinor: "asc" }, select: { amountMinor: true, method: true, currency: true, reference: true } });
    expect(payments).toEqual([
      { amountMinor: 2_250n, method: "bank_transfer", currency: "EUR", reference: `Partial ${SUFFIX}` },
      { amountMinor: 10_000n, method: "bank_transfer", currency: "EUR", reference: `Rest ${SUFFIX}` },
    ]);
    const tax = await db.invoice.findFirstOrThrow({ where: { sourceInvoiceId: invoiceId, kind: "tax" }, select: { id: true, number: true, status: true, totalMinor: true, customerId: true } });
    expect(tax.number).toMatch(/^INV-/);
    expect({ status: tax.status, totalMinor: tax.totalMinor, customerId: tax.customerId }).toEqual({ status: "paid", totalMinor: 12_250n, customerId: acmeId });

    // The tax invoice is linked from the proforma, and opens.
    const related = page.getByTestId("related-document").filter({ hasText: "Tax invoice" });
    await related.getByRole("link", { name: tax.number!, exact: true }).waitFor();
    await outcome.getByRole("link", { name: "Open the tax invoice issued for it" }).click();
    await page.waitForURL(`${BASE}/admin/invoices/${tax.id}`);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(tax.number);
    await headerLine(page).getByText("Tax invoice", { exact: true }).waitFor();
    await page.getByRole("cell", { name: description }).waitFor();
  }, 120_000);
});

describe("a quote from staff to the customer", () => {
  const subject = `Browser test: website redesign ${SUFFIX}`;
  let quoteId: string;
  let quoteNumber: string;

  it("staff write a quote for Acme and send it through the confirmation", async () => {
    const page = staff;
    await page.goto(`${BASE}/admin/quotes`);
    await page.getByRole("link", { name: "New quote" }).first().click();
    await page.waitForURL(`${BASE}/admin/quotes/new`);
    await page.getByRole("searchbox", { name: "Customer" }).fill("C-1001");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("list", { name: "Matching customers" }).getByRole("listitem").filter({ hasText: "Acme Studio" }).getByRole("link", { name: "Write quote" }).click();
    await page.waitForURL(new RegExp(`/admin/quotes/new\\?customer=${UUID}$`));

    await page.getByRole("textbox", { name: "Subject", exact: true }).fill(subject);
    const line = page.getByTestId("quote-line-input");
    await expect(line.count()).resolves.toBe(1);
    await line.getByRole("textbox", { name: "Line 1", exact: true }).fill(`Design and build ${SUFFIX}`);
    await line.getByRole("textbox", { name: "Quantity", exact: true }).fill("3");
    await line.getByRole("textbox", { name: "Unit price (EUR)", exact: true }).fill("40.00");
    await line.getByRole("textbox", { name: "VAT %", exact: true }).fill("0");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(new RegExp(`/admin/quotes/${UUID}$`));
    quoteId = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByRole("heading", { level: 1, name: "Draft quote" }).waitFor();
    await headerLine(page).locator('[data-status="draft"]').waitFor();
    const draft = await db.quote.findUniqueOrThrow({ where: { id: quoteId }, select: { status: true, customerId: true, subject: true, number: true } });
    expect(draft).toEqual({ status: "draft", customerId: acmeId, subject, number: null });

    await page.getByRole("button", { name: "Send to customer" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Send this quote to Acme Studio · C-1001 now?").waitFor();
    await waitForFocus(dialog.getByRole("button", { name: "Send quote" }));
    await dialog.getByRole("button", { name: "Send quote" }).click();
    await page.getByRole("heading", { level: 1, name: /^Q-/ }).waitFor();
    quoteNumber = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
    await page.locator('[data-status="sent"]').first().waitFor();

    const sent = await db.quote.findUniqueOrThrow({ where: { id: quoteId }, select: { status: true, number: true, sentAt: true } });
    expect(sent.status).toBe("sent");
    expect(sent.number).toBe(quoteNumber);
    expect(sent.sentAt).not.toBeNull();
  }, 120_000);

  it("the billing contact opens it, accepts it through the confirmation and lands on its invoice", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, "billing@demo.portico.test");
      await page.goto(`${BASE}/billing/quotes`);
      const row = page.getByTestId("quote-row").filter({ hasText: subject });
      await row.locator('[data-status="sent"]').waitFor();
      await row.getByRole("link", { name: quoteNumber, exact: true }).click();
      await page.waitForURL(`${BASE}/billing/quotes/${quoteId}`);
      await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(quoteNumber);

      const answer = page.getByTestId("quote-answer");
      await answer.getByRole("button", { name: "Accept quote" }).click();
      const dialog = page.getByRole("alertdialog");
      await dialog.getByText(`Accept quote ${quoteNumber} for €120.00?`, { exact: false }).waitFor();
      // While the acceptance is asked, "Decline" is not offered beside it.
      await expect(answer.getByRole("button", { name: "Decline" }).count()).resolves.toBe(0);
      const yes = dialog.getByRole("button", { name: "Yes, accept" });
      await waitForFocus(yes);
      await yes.click();
      await page.waitForURL(new RegExp(`/billing/invoices/${UUID}$`));
      const invoiceId = new URL(page.url()).pathname.split("/").pop()!;

      const quote = await db.quote.findUniqueOrThrow({ where: { id: quoteId }, select: { status: true, invoiceId: true, acceptedAt: true } });
      expect(quote.status).toBe("accepted");
      expect(quote.invoiceId).toBe(invoiceId);
      expect(quote.acceptedAt).not.toBeNull();
      const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
      expect({ customerId: invoice.customerId, status: invoice.status, kind: invoice.kind, currency: invoice.currency, totalMinor: invoice.totalMinor }).toEqual({
        customerId: acmeId,
        status: "unpaid",
        kind: "proforma",
        currency: "EUR",
        totalMinor: 12_000n,
      });
      expect(invoice.lines.map((l) => [l.description, l.quantityMilli, l.unitPriceMinor])).toEqual([[`Design and build ${SUFFIX}`, 3000, 4_000n]]);
      await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(invoice.number);

      // Back on the quote: accepted, with a link to its invoice and no answer to give any more.
      await page.goto(`${BASE}/billing/quotes/${quoteId}`);
      await page.getByRole("link", { name: `View invoice ${invoice.number}` }).waitFor();
      await expect(page.getByTestId("quote-answer").count()).resolves.toBe(0);

      // Staff see the acceptance and the invoice on their side.
      await staff.goto(`${BASE}/admin/quotes/${quoteId}`);
      await staff.getByText("The customer accepted this quote.").waitFor();
      await staff.getByRole("link", { name: `Invoice ${invoice.number}`, exact: true }).waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe("deleting a draft invoice", () => {
  it("asks first; Cancel keeps the draft, confirming deletes it and goes back to the list", async () => {
    const description = `Browser test: draft to delete ${SUFFIX}`;
    const draft = await db.invoice.create({
      data: {
        customerId: acmeId,
        currency: "EUR",
        totalMinor: 1_500n,
        subtotalMinor: 1_500n,
        dueDate: new Date(Date.now() + 14 * 86_400_000),
        lines: { create: [{ position: 1, description, quantityMilli: 1000, unitPriceMinor: 1_500n, netMinor: 1_500n, taxRateBp: 0 }] },
      },
    });
    const page = staff;
    await page.goto(`${BASE}/admin/invoices/${draft.id}`);
    await page.getByRole("heading", { level: 1, name: "Draft invoice" }).waitFor();
    await expect(page.getByTestId("draft-line").getByRole("textbox", { name: "Description", exact: true }).inputValue()).resolves.toBe(description);

    const trigger = page.getByTestId("delete-draft");
    await trigger.click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Delete this draft for good?").waitFor();
    const confirm = page.getByTestId("delete-draft-confirm-button");
    await waitForFocus(confirm);
    await dialog.getByRole("button", { name: "Go back" }).click();
    await dialog.waitFor({ state: "detached" });
    await waitForFocus(trigger);
    await expect(db.invoice.count({ where: { id: draft.id } })).resolves.toBe(1);

    await trigger.click();
    await dialog.waitFor();
    await confirm.click();
    await page.waitForURL(`${BASE}/admin/invoices`);
    await page.getByRole("heading", { level: 1, name: "Invoices" }).waitFor();
    await expect(db.invoice.findUnique({ where: { id: draft.id } })).resolves.toBeNull();
    await expect(db.invoiceLine.count({ where: { description } })).resolves.toBe(0);

    // The draft's page is gone too.
    const res = await page.goto(`${BASE}/admin/invoices/${draft.id}`);
    expect(res?.status()).toBe(404);
  }, 120_000);
});
