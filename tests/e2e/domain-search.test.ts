// The domain search in Chromium: the demo owner (Acme, invoiced in EUR) searches a label and sees
// it across the extensions with yearly prices, an exact taken name with its transfer price, and a
// name under an extension Portico does not sell explained; on a phone the results fit the screen.
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
let browser: Browser;

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe("domain search", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows availability and prices across extensions, a taken name's transfer price, and refuses an unknown extension", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      const label = `portico-e2e-${Date.now().toString(36)}`;
      await page.goto(`${BASE}/domains/search`);
      await page.getByLabel("Domain name").fill(label);
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(new RegExp(`/domains/search\\?q=${label}`));
      const rows = page.getByTestId("domain-result");
      await rows.first().waitFor();
      const com = rows.filter({ hasText: `${label}.com` }).first();
      await expect(com.innerText()).resolves.toMatch(/Available[\s\S]*€11\.90 \/ year · renews at €13\.90/);
      expect(await rows.count()).toBeGreaterThanOrEqual(8);
      expect(await fitsWidth(page)).toBe(true);

      await page.goto(`${BASE}/domains/search?q=google.com`);
      await expect(rows.first().innerText()).resolves.toMatch(/google\.com[\s\S]*Registered[\s\S]*transfer €11\.90/);
      // Who holds it comes from RDAP; without a route to the registry the page says so instead.
      await expect(page.getByTestId("rdap-result").innerText()).resolves.toMatch(/Who holds google\.com[\s\S]*(Registrar|cannot be reached)/);

      await page.goto(`${BASE}/domains/search?q=acme.nosuchtld`);
      await page.getByText("We do not offer this extension").waitFor();
    } finally {
      await context.close();
    }
  });
});
