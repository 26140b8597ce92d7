// Buying a domain in Chromium: the demo owner searches a free name, adds it to the cart, checks out,
// pays the invoice with credit, and once the registrar job has run the domain is active; they add an
// MX record to its zone and find it in the exported zone file. On a phone they paste two transfers
// and see per-line answers. The Billing preset sees no DNS of the new domain.
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { runDueRegistrarJobs } from "@/lib/domains/registrar-jobs";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";
import { get, sessionCookie } from "@/tests/helpers/http-login";
import { DEMO_PASSWORD } from "@/prisma/seed";

const BASE = process.env.E2E_BASE_URL as string;
const quiet = { warn: () => {}, error: () => {} };
let browser: Browser;
let acmeId: string;
let ownerId: string;

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function download(page: Page, testId: string): Promise<{ filename: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  let text = "";
  for await (const chunk of await file.createReadStream()) text += chunk;
  return { filename: file.suggestedFilename(), text };
}

describe("buying domains", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    acmeId = (await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } })).id;
    ownerId = (await db.user.findUniqueOrThrow({ where: { email: "owner@demo.portico.test" }, select: { id: true } })).id;
    await db.cartItem.deleteMany({ where: { customerId: acmeId, userId: ownerId } });
    await db.domainCartItem.deleteMany({ where: { customerId: acmeId, userId: ownerId } });
  });

  afterAll(async () => {
    await db.domainCartItem.deleteMany({ where: { customerId: acmeId, userId: ownerId } });
    await browser?.close();
  });

  it("searches a free name, registers it with credit, adds an MX record and finds it in the exported zone", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const name = `portico-e2e-buy-${Date.now().toString(36)}.com`;
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/domains/search?q=${name}`);
      await page.getByRole("button", { name: `Add ${name} to the cart` }).click();
      await page.getByTestId("go-to-cart").click();
      await page.getByRole("heading", { level: 1, name: "Your cart" }).waitFor();
      const line = page.getByTestId("cart-item").filter({ hasText: name });
      await expect(line.innerText()).resolves.toMatch(/Domain registration[\s\S]*€11\.90/);
      await page.getByTestId("checkout-button").click();
      await page.waitForURL(/\/billing\/invoices\/[0-9a-f-]{36}$/);

      // The demo has no credit: exactly this invoice's amount, so the balance ends where it started.
      const invoiceId = page.url().split("/").pop()!;
      const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
      expect(invoice.lines.map((l) => l.description)).toEqual([`Domain registration: ${name}, 1 year`]);
      await db.creditEntry.create({ data: { customerId: acmeId, currency: "EUR", amountMinor: invoice.totalMinor, kind: "adjustment", note: "Browser test credit for a domain" } });
      await page.reload();
      const panel = page.locator("#pay-panel");
      await panel.getByRole("button", { name: "Pay with credit" }).click();
      await panel.getByRole("button", { name: /^Yes, pay / }).click();
      await page.getByText("Paid with your credit. Thank you!").waitFor();

      // The worker's job, done here: run the registrar jobs until the registration has finished.
      const domain = await db.domain.findUniqueOrThrow({ where: { name } });
      expect(domain).toMatchObject({ customerId: acmeId, status: "pending_registration" });
      for (let i = 0; i < 10; i++) {
        await runDueRegistrarJobs({ log: quiet });
        if ((await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).status === "active") break;
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({ status: "active" });

      await page.goto(`${BASE}/domains/${domain.id}`);
      await page.getByText("Active", { exact: true }).first().waitFor();
      await page.getByTestId("domain-dns-link").click();
      await page.getByRole("heading", { level: 1, name: `DNS zone of ${name}` }).waitFor();
      await page.getByTestId("add-record").click();
      await page.getByLabel("Type of record 1").selectOption("MX");
      await page.getByLabel("Priority of record 1").fill("10");
      await page.getByLabel("Value of record 1").fill(`mail.${name}.`);
      await page.getByTestId("save-zone").click();
      await page.getByTestId("zone-saved").waitFor();

      const zone = await download(page, "export-zone");
      expect(zone.filename).toBe(`${name}.zone`);
      expect(zone.text).toContain(`$ORIGIN ${name}.`);
      expect(zone.text).toMatch(new RegExp(`^@\\t3600\\tIN\\tMX\\t10 mail\\.${name.replace(/\./g, "\\.")}\\.$`, "m"));

      // The Billing preset has no DNS (nor domains) at all: the zone and its export are 404.
      const cookie = await sessionCookie("billing@demo.portico.test", DEMO_PASSWORD);
      for (const path of [`/domains/${domain.id}/dns`, `/domains/${domain.id}/dns/export`]) expect([path, (await get(path, cookie)).status]).toEqual([path, 404]);
    } finally {
      await context.close();
    }
  });

  it("on a phone, pastes two transfers and sees what happened to each line", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const stamp = Date.now().toString(36);
    const held = `portico-e2e-away-${stamp}.com`;
    const free = `portico-e2e-free-${stamp}.com`;
    await db.sandboxRegistryDomain.create({ data: { name: held, holder: "other-registrar", expiresAt: new Date(Date.now() + 200 * 86_400_000), authCode: "Right-Code-42", locked: false } });
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/domains/search?q=${held}`);
      await page.getByRole("link", { name: `Transfer ${held} to us` }).click();
      await page.waitForURL(/\/domains\/transfer\?name=/);
      const box = page.getByLabel("One domain per line, followed by its auth code");
      await expect(box.inputValue()).resolves.toBe(`${held} `);
      await box.fill(`${held} Right-Code-42\n${free} Some-Code-11`);
      await page.getByTestId("transfer-submit").click();
      const results = page.getByTestId("transfer-result");
      await results.first().waitFor();
      await expect(results.nth(0).innerText()).resolves.toMatch(new RegExp(`${held}[\\s\\S]*In the cart`));
      await expect(results.nth(1).innerText()).resolves.toMatch(/not registered yet, so it cannot be transferred/);
      // The refused line stays in the box to be fixed.
      await expect(box.inputValue()).resolves.toBe(`${free} Some-Code-11`);
      expect(await fitsWidth(page)).toBe(true);

      await page.getByTestId("transfer-go-to-cart").click();
      await page.getByTestId("cart-item").filter({ hasText: held }).waitFor();
      await expect(page.getByTestId("cart-item").filter({ hasText: held }).innerText()).resolves.toMatch(/Domain transfer[\s\S]*€11\.90/);
      expect(await fitsWidth(page)).toBe(true);
      await page.getByRole("button", { name: `Remove ${held}` }).click();
      await page.getByRole("button", { name: "Yes, remove" }).click();
      await page.getByText("Your cart is empty").waitFor();
    } finally {
      await context.close();
    }
  });
});
