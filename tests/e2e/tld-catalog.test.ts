// The TLD catalog in Chromium: the demo staff administrator opens the catalog's TLD tab, changes
// the 1-year register price of .dev in EUR (and its 2-year renewal) in the price grid, sees the new
// price in the list; backing out of "Take off sale" leaves .dev on sale; then the demo owner (Acme,
// invoiced in EUR) searches a .dev name and is offered it at the new price.
// No other browser test reads .dev's prices.
import type { Browser } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
let browser: Browser;

describe("the TLD catalog", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("staff change a TLD's prices in the grid, and the customer's search offers the new price", async () => {
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const staff = await staffContext.newPage();
    try {
      await signIn(staff, "admin@demo.portico.test", { totp: true });
      await staff.goto(`${BASE}/admin/catalog`);
      await staff.getByRole("link", { name: "TLDs", exact: true }).click();
      await staff.waitForURL(`${BASE}/admin/catalog/tlds`);
      const devRow = staff.locator('[data-testid="tld-row"][data-tld="dev"]');
      await expect(devRow.getByTestId("tld-register-1y").innerText()).resolves.toContain("€14.90");

      await devRow.getByRole("link", { name: ".dev" }).click();
      await staff.waitForURL(/\/admin\/catalog\/tlds\/[0-9a-f-]{36}$/);
      const registerOneYear = staff.getByLabel("Register, 1 year, EUR", { exact: true });
      await expect(registerOneYear.inputValue()).resolves.toBe("14.90");
      await registerOneYear.fill("15.55");
      await staff.getByLabel("Renew, 2 years, EUR", { exact: true }).fill("29.50");
      // A bad cell first: nothing is saved and the message sits under that cell.
      await staff.getByLabel("Transfer, 1 year, EUR", { exact: true }).fill("14,90");
      await staff.getByRole("button", { name: "Save prices" }).click();
      await staff.getByText("Write a plain number like 12.50, with a dot for decimals.").waitFor();
      await staff.getByLabel("Transfer, 1 year, EUR", { exact: true }).fill("14.90");
      await staff.getByRole("button", { name: "Save prices" }).click();
      await staff.getByText("Prices saved: 2 cells changed.").waitFor();

      const dev = await db.tld.findUniqueOrThrow({ where: { name: "dev" }, select: { id: true } });
      const eur = await db.tldPrice.findMany({ where: { tldId: dev.id, currency: "EUR", OR: [{ action: "register", years: 1 }, { action: "renew", years: 2 }, { action: "transfer", years: 1 }] }, orderBy: { action: "asc" } });
      expect(eur.map((p) => `${p.action}/${p.years}=${p.amountMinor}`)).toEqual(["register/1=1555", "transfer/1=1490", "renew/2=2950"]);

      // Taking it off sale asks first; backing out changes nothing.
      await staff.getByRole("button", { name: "Take off sale" }).click();
      await staff.getByRole("alertdialog").getByText("Take .dev off sale?", { exact: false }).waitFor();
      await staff.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
      await expect(db.tld.findUniqueOrThrow({ where: { id: dev.id }, select: { active: true } })).resolves.toEqual({ active: true });

      await staff.getByRole("link", { name: "Domain extensions (TLDs)" }).click();
      await staff.waitForURL(`${BASE}/admin/catalog/tlds`);
      await expect(devRow.getByTestId("tld-register-1y").innerText()).resolves.toContain("€15.55");
    } finally {
      await staffContext.close();
    }

    const customerContext = await browser.newContext();
    const customer = await customerContext.newPage();
    try {
      await signIn(customer, "owner@demo.portico.test");
      const name = `portico-tld-${Date.now().toString(36)}.dev`;
      await customer.goto(`${BASE}/domains/search?q=${name}`);
      const result = customer.getByTestId("domain-result").filter({ hasText: name }).first();
      await expect(result.innerText()).resolves.toMatch(/Available[\s\S]*€15\.55 \/ year/);
    } finally {
      await customerContext.close();
    }
  });
});
