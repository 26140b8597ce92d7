// The portal shell in a real browser: the customer switcher, the language picker stored on the
// user, the phone menu, and the owner's "require 2FA for all contacts" switch.
import * as OTPAuth from "otpauth";
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
  await page.locator("summary[aria-label^='Customer account: Acme Studio']:visible").click();
  await page.getByRole("button", { name: /Tatra Web/ }).filter({ visible: true }).click();
  await page.waitForFunction(() => document.querySelector("#panel-customer")?.textContent?.includes("C-1003"));
  // The choice lives on the session: a reload keeps it.
  await page.reload();
  await expect(page.locator("#panel-customer").innerText()).resolves.toContain("C-1003");
  await page.locator("summary[aria-label^='Customer account: Tatra Web']:visible").click();
  await page.getByRole("button", { name: /Acme Studio/ }).filter({ visible: true }).click();
  await page.waitForFunction(() => document.querySelector("#panel-customer")?.textContent?.includes("C-1001"));
  await page.close();
});

it("the language picker translates the portal and remembers the choice on the user", async () => {
  const { owner } = await createCustomerWithOwner(db);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, owner.email);
  await page.locator("header summary[aria-label='Language: English']:visible").click();
  await page.getByRole("button", { name: "Tiếng Việt" }).filter({ visible: true }).click();
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
  expect(await page.locator("header nav:visible").count()).toBe(0);
  await page.locator("summary[aria-label='Menu']").click();
  await page.locator("header nav:visible").getByRole("link", { name: "Services", exact: true }).click();
  await page.waitForURL(`${BASE}/services`);
  await page.close();
});

it("an owner with 2FA can require it for every contact; a contact without it must enrol at the next sign-in", async () => {
  const secret = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF";
  const customer = await createCustomer(db);
  const owner = await createUser(db, { totpSecret: secret });
  await addMember(db, owner.id, customer.id, { preset: "owner" });
  const contact = await createUser(db);
  await addMember(db, contact.id, customer.id, { preset: "technical" });

  const page = await browser.newPage();
  await signIn(page, owner.email);
  await page.getByLabel("Authentication code").fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate());
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`${BASE}/dashboard`);
  await page.goto(`${BASE}/account/security`);
  await page.getByRole("button", { name: "Require it for all contacts" }).click();
  await page.getByRole("button", { name: "Stop requiring it" }).waitFor();
  expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).requireTwoFactor).toBe(true);
  expect(await db.auditEvent.count({ where: { customerId: customer.id, action: "account.2fa_requirement.changed" } })).toBe(1);
  await page.close();

  const contactPage = await browser.newPage();
  await signIn(contactPage, contact.email);
  expect(new URL(contactPage.url()).pathname).toBe("/login/2fa/setup");
  await contactPage.goto(`${BASE}/services`);
  expect(new URL(contactPage.url()).pathname).toBe("/login/2fa/setup");
  await contactPage.close();
});

it("an owner without 2FA is told to turn it on first instead of locking themselves out", async () => {
  const { owner, customer } = await createCustomerWithOwner(db);
  const page = await browser.newPage();
  await signIn(page, owner.email);
  await page.goto(`${BASE}/account/security`);
  await expect(page.getByText("Turn on two-factor authentication for your own login first").isVisible()).resolves.toBe(true);
  expect(await page.getByRole("button", { name: "Require it for all contacts" }).count()).toBe(0);
  expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).requireTwoFactor).toBe(false);
  await page.close();
});

it("a technical contact does not get the owner's 2FA switch", async () => {
  const page = await browser.newPage();
  await signIn(page, "tech@demo.portico.test", "portico-demo-2026");
  await page.goto(`${BASE}/account/security`);
  await expect(page.getByRole("heading", { level: 1, name: "Security", exact: true }).isVisible()).resolves.toBe(true);
  expect(await page.getByRole("button", { name: "Require it for all contacts" }).count()).toBe(0);
  await page.close();
});
