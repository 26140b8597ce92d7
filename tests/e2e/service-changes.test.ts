// Package change and cancellation pages in Chromium. Acme (the demo owner's customer) has an overdue
// invoice in the seed, so "Change package" first explains the refusal and links the invoice; with
// the overdue invoices' due dates moved into the future for the test, the same page lists the other
// hosting packages with the prorated charge or credit and asks for confirmation. The owner then
// requests an end-of-period cancellation with a reason, sees it pending and withdraws it.
// Everything the test changes is put back.
import type { Browser } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;

let browser: Browser;
let hostingId: string;
let acmeId: string;

beforeAll(async () => {
  browser = await launchChromium();
  const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
  acmeId = acme.id;
  hostingId = (await db.service.findFirstOrThrow({ where: { customerId: acmeId, kind: "hosting", domain: "acme-studio.vn" }, select: { id: true } })).id;
});

afterAll(async () => {
  await browser?.close();
});

describe("service changes", () => {
  it("refuses a package change while an invoice is overdue, then offers prorated packages", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const originalDue = (await db.service.findUniqueOrThrow({ where: { id: hostingId }, select: { nextDueDate: true } })).nextDueDate;
    const overdue = await db.invoice.findMany({ where: { customerId: acmeId, status: "unpaid", dueDate: { lt: new Date() } }, select: { id: true, dueDate: true } });
    expect(overdue.length).toBeGreaterThan(0);
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/services/${hostingId}/upgrade`);
      await page.getByTestId("upgrade-refusal").waitFor();
      await page.getByText("Your account has an overdue invoice").waitFor();
      const link = page.getByTestId("upgrade-refusal").getByRole("link", { name: /Open invoice/ });
      const href = await link.getAttribute("href");
      expect(overdue.map((i) => `/billing/invoices/${i.id}`)).toContain(href);
      expect(await page.getByTestId("upgrade-option").count()).toBe(0);

      // Without the overdue invoice, and inside a paid period (the seed's next due date lies more than
      // one cycle ahead, which the lib reports as "periodNotPaid"), the options appear with prorated amounts.
      const future = new Date(Date.now() + 30 * 86_400_000);
      await db.invoice.updateMany({ where: { id: { in: overdue.map((i) => i.id) } }, data: { dueDate: future } });
      const inPeriod = new Date(`${new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)}T00:00:00.000Z`);
      await db.service.update({ where: { id: hostingId }, data: { nextDueDate: inPeriod } });
      await page.reload();
      await page.getByTestId("upgrade-form").waitFor();
      await expect(page.getByTestId("upgrade-current").innerText()).resolves.toMatch(/Web Hosting|WordPress/);
      const options = page.getByTestId("upgrade-option");
      expect(await options.count()).toBeGreaterThan(0);
      for (const text of await page.getByTestId("upgrade-effect").allInnerTexts()) {
        expect(text).toMatch(/^(To pay now: .+ for the remaining \d+ days|Credited to your account: .+ for the remaining \d+ days|No charge for the current period)$/);
      }
      // Nothing is chosen yet: the field says so.
      await page.getByTestId("upgrade-review").click();
      await page.getByText("Choose a package.").waitFor();
      // Choosing one asks for confirmation; going back sends nothing.
      await options.first().click();
      await page.getByTestId("upgrade-review").click();
      await page.getByTestId("upgrade-confirm").waitFor();
      await page.getByRole("button", { name: "Cancel" }).click();
      expect(await db.serviceUpgrade.count({ where: { serviceId: hostingId } })).toBe(0);
    } finally {
      await context.close();
      for (const i of overdue) await db.invoice.update({ where: { id: i.id }, data: { dueDate: i.dueDate } });
      await db.service.update({ where: { id: hostingId }, data: { nextDueDate: originalDue } });
    }
  });

  it("requests an end-of-period cancellation with a reason, sees it pending and withdraws it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/services/${hostingId}/cancel`);
      await page.getByRole("heading", { name: "Cancel this service" }).waitFor();
      await page.getByLabel("At the end of the paid period").check();
      await page.getByLabel("Reason").fill("Moving the website to another provider.");
      await page.getByTestId("cancel-review").click();
      await page.getByTestId("cancel-confirm").click();
      await page.getByRole("heading", { name: "Cancellation requested" }).waitFor();
      await page.getByText("Waiting for our staff").waitFor();
      await page.getByText("Moving the website to another provider.").waitFor();
      const request = await db.cancellationRequest.findFirstOrThrow({ where: { serviceId: hostingId, status: "requested" } });
      expect(request.timing).toBe("end_of_period");

      await page.getByTestId("withdraw-cancellation").click();
      await page.getByRole("button", { name: "Yes, withdraw it" }).click();
      await page.getByRole("heading", { name: "Cancel this service" }).waitFor();
      expect(await db.cancellationRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "withdrawn" });
      expect((await db.service.findUniqueOrThrow({ where: { id: hostingId } })).cancelAt).toBeNull();
    } finally {
      await context.close();
      await db.cancellationRequest.deleteMany({ where: { serviceId: hostingId } });
      await db.service.update({ where: { id: hostingId }, data: { cancelAt: null } });
    }
  });
});
