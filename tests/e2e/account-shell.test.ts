// The portal shell in a real browser: the customer switcher, the language picker stored on the
// user, the phone menu, and the owner's "require 2FA for all contacts" switch.
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomer, createCustomerWithOwner, createUser } from "@/tests/helpers/factories";
import { launchChromium } from "@/tests/helpers/browser";

const BASE = process.env.E2E_BASE_URL as string;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string, password = DEFAULT_TEST_PASSWORD) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login") || url.pathname.startsWith("/login/2fa"));
}

it("a contact of two customers switches between them from the header", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, "multi@demo.portico.test", "portico-demo-2026");
  await expect(page.locator("#panel-customer").innerText()).resolves.toContain("C-1001");
  await page.locator("summary[aria-label^='Customer account: Acme Studio']").click();
  await page.getByRole("button", { name: /Tatra Web/ }).click();
  await page.waitForFunction(() => document.querySelector("#panel-customer")?.textContent?.includes("C-1003"));
  // The choice lives on the session: a reload keeps it.
  await page.reload();
  await expect(page.locator("#panel-customer").innerText()).resolves.toContain("C-1003");
  await page.locator("summary[aria-label^='Customer account: Tatra Web']").click();
  await page.getByRole("button", { name: /Acme Studio/ }).click();
  await page.waitForFunction(() => document.querySelector("#panel-customer")?.textContent?.includes("C-1001"));
  await page.close();
});

it("the language picker translates the portal and remembers the choice on the user", async () => {
  const { owner } = await createCustomerWithOwner(db);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, owner.email);
  await page.locator("header summary[aria-label='Language: English']").first().click();
  await page.getByRole("button", { name: "Tiếng Việt" }).first().click();
  await page.waitForFunction(() => document.documentElement.lang === "vi");
  await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Tổng quan");
  expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).locale).toBe("vi");
  await page.close();
});

it("on a phone the main menu folds into a button that opens it", async () => {
  const { owner } = await createCustomerWithOwner(db);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(page, owner.email);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(390);
  await expect(page.getByRole("link", { name: "Services" }).first().isVisible()).resolves.toBe(false);
  await page.locator("summary[aria-label='Menu']").click();
  await page.getByRole("link", { name: "Services" }).first().click();
  await page.waitForURL(`${BASE}/services`);
  await page.close();
});

it("an owner can require 2FA for every contact; a contact without it must enrol at the next sign-in", async () => {
  const customer = await createCustomer(db);
  const owner = await createUser(db);
  await addMember(db, owner.id, customer.id, { preset: "owner" });
  const contact = await createUser(db);
  await addMember(db, contact.id, customer.id, { preset: "technical" });

  const page = await browser.newPage();
  await signIn(page, owner.email);
  await page.goto(`${BASE}/account/security`);
  await page.getByRole("button", { name: "Require it for all contacts" }).click();
  await page.getByRole("button", { name: "Stop requiring it" }).waitFor();
  expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).requireTwoFactor).toBe(true);
  const audit = await db.auditEvent.count({ where: { customerId: customer.id, action: "account.2fa_requirement.changed" } });
  expect(audit).toBe(1);
  await page.close();

  const contactPage = await browser.newPage();
  await signIn(contactPage, contact.email);
  expect(new URL(contactPage.url()).pathname).toBe("/login/2fa/setup");
  await contactPage.goto(`${BASE}/services`);
  expect(new URL(contactPage.url()).pathname).toBe("/login/2fa/setup");
  await contactPage.close();
});

it("a technical contact does not get the owner's 2FA switch", async () => {
  const page = await browser.newPage();
  await signIn(page, "tech@demo.portico.test", "portico-demo-2026");
  await page.goto(`${BASE}/account/security`);
  await expect(page.getByRole("heading", { name: "Security" }).isVisible()).resolves.toBe(true);
  expect(await page.getByRole("button", { name: "Require it for all contacts" }).count()).toBe(0);
  await page.close();
});
