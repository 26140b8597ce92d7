// Ordering in Chromium against the built app: the demo owner starts from an empty cart, configures
// Web Hosting Starter (monthly, +10 GB extra disk, their own domain; first without a domain, which
// is refused next to the field), checks out, pays the invoice with account credit, and the test
// drives the provisioning runner (the e2e server runs no worker) until the service page shows the
// service active. The catalog and the cart fit a phone's width.
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { runDueProvisioningJobs } from "@/lib/services/provisioning-jobs";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
const quiet = { warn: () => {}, error: () => {} };

let browser: Browser;
let acmeId: string;
let ownerId: string;
const domain = `e2e-${Date.now().toString(36)}.example`;
// Web Hosting Starter €3.99 + extra disk €2.00 a month; Acme (Vietnam) is invoiced at 0 % VAT.
const TOTAL_MINOR = 599n;

beforeAll(async () => {
  browser = await launchChromium();
  acmeId = (await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } })).id;
  ownerId = (await db.user.findUniqueOrThrow({ where: { email: "owner@demo.portico.test" }, select: { id: true } })).id;
  await db.cartItem.deleteMany({ where: { customerId: acmeId, userId: ownerId } });
  // The demo has no credit: exactly this order's amount, so the balance ends where it started.
  await db.creditEntry.create({ data: { customerId: acmeId, currency: "EUR", amountMinor: TOTAL_MINOR, kind: "adjustment", note: "Browser test credit for an order" } });
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return context.newPage();
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe("the demo owner orders a hosting package and pays with credit", () => {
  it("orders, pays, and sees the service active once provisioning has run", async () => {
    const page = await newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/services/order/cart`);
      await page.getByText("Your cart is empty").waitFor();

      await page.goto(`${BASE}/services/order`);
      await page.getByRole("heading", { level: 1, name: "Order a service" }).waitFor();
      await page.getByRole("link", { name: "Configure Web Hosting Starter" }).click();
      await page.waitForURL(/\/services\/order\/[0-9a-f-]{36}$/);
      await page.getByRole("heading", { level: 1, name: "Web Hosting Starter" }).waitFor();

      await page.getByLabel("Extra disk").selectOption("plus10");
      await page.getByLabel("Use a domain I already have").check();
      await expect(page.getByTestId("configure-recurring").innerText()).resolves.toBe("€5.99");
      // No domain yet: the server refuses, the message is next to the field, nothing is in the cart.
      await page.getByRole("button", { name: "Add to cart" }).click();
      await page.getByText("This product needs a domain: enter one.").waitFor();
      expect(await db.cartItem.count({ where: { customerId: acmeId, userId: ownerId } })).toBe(0);

      await page.getByLabel("Your domain").fill(domain);
      await page.getByRole("button", { name: "Add to cart" }).click();
      await page.waitForURL(`${BASE}/services/order/cart`);
      const item = page.getByTestId("cart-item");
      await item.getByText(`Your domain ${domain}`).waitFor();
      await item.getByText("Extra disk: +10 GB (+€2.00 per month)").waitFor();
      await expect(page.getByTestId("cart-total").innerText()).resolves.toBe("€5.99");

      await page.getByTestId("checkout-button").click();
      await page.waitForURL(/\/billing\/invoices\/[0-9a-f-]{36}$/);
      const invoiceId = page.url().split("/").at(-1)!;
      const order = await db.order.findUniqueOrThrow({ where: { invoiceId }, include: { items: true } });
      expect(order).toMatchObject({ customerId: acmeId, placedByUserId: ownerId, status: "pending", totalMinor: TOTAL_MINOR });
      expect(order.items).toMatchObject([{ domain, domainAction: "own", recurringMinor: TOTAL_MINOR }]);
      await expect(page.getByTestId("invoice-total").innerText()).resolves.toBe("€5.99");

      const panel = page.locator("#pay-panel");
      await panel.getByRole("button", { name: "Pay with credit" }).click();
      await panel.getByRole("button", { name: "Yes, pay €5.99" }).click();
      await page.getByText("Paid with your credit. Thank you!").waitFor();

      const service = await db.service.findFirstOrThrow({ where: { orderItemId: order.items[0].id } });
      expect(service).toMatchObject({ customerId: acmeId, domain, status: "pending" });
      await page.goto(`${BASE}/services/${service.id}`);
      await page.getByText("Pending", { exact: true }).first().waitFor();

      // The worker's job, done here: run the due provisioning jobs until the create has finished.
      for (let i = 0; i < 10; i++) {
        await runDueProvisioningJobs({ log: quiet });
        if ((await db.service.findUniqueOrThrow({ where: { id: service.id } })).status === "active") break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: "active", provisioningState: "done", domain });
      await page.reload();
      await page.getByText("Active", { exact: true }).first().waitFor();
      expect(await db.cartItem.count({ where: { customerId: acmeId, userId: ownerId } })).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it("the catalog, a product and the cart fit a phone's width", async () => {
    const page = await newPage(375);
    try {
      await signIn(page, "owner@demo.portico.test");
      const product = await db.product.findUniqueOrThrow({ where: { slug: "hosting-business" }, select: { id: true } });
      await db.cartItem.create({ data: { customerId: acmeId, userId: ownerId, productId: product.id, cycle: "annual", domain: `phone-${domain}`, domainAction: "register", options: { extra_disk: "plus50" } } });
      for (const path of ["/services/order", `/services/order/${product.id}`, "/services/order/cart"]) {
        await page.goto(`${BASE}${path}`);
        await page.getByRole("heading", { level: 1 }).waitFor();
        expect([path, await fitsWidth(page)]).toEqual([path, true]);
      }
      // Removing asks first, then the cart is empty again.
      await page.getByRole("button", { name: "Remove Web Hosting Business from the cart" }).click();
      await page.getByRole("button", { name: "Yes, remove" }).click();
      await page.getByText("Your cart is empty").waitFor();
      expect(await db.cartItem.count({ where: { customerId: acmeId, userId: ownerId } })).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});
