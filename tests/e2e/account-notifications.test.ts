// Notification preferences and the email log in a real browser: switching billing off warns that
// invoices could be missed and is stored; security email is shown as always on; the log lists the
// customer's emails and resends one to the signed-in user.
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { DEFAULT_TEST_PASSWORD, createCustomerWithOwner } from "@/tests/helpers/factories";
import { launchChromium } from "@/tests/helpers/browser";

const BASE = process.env.E2E_BASE_URL as string;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEFAULT_TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${BASE}/dashboard`);
}

it("turning billing emails off shows the warning and is saved; security stays on", async () => {
  const { owner } = await createCustomerWithOwner(db);
  const page = await browser.newPage();
  await signIn(page, owner.email);
  await page.goto(`${BASE}/account/notifications`);
  const security = page.getByLabel(/^Security/);
  await expect(security.isChecked()).resolves.toBe(true);
  await expect(security.isDisabled()).resolves.toBe(true);
  expect(await page.getByTestId("notifications-warning").count()).toBe(0);

  await page.getByLabel("Billing", { exact: true }).uncheck();
  await expect(page.getByTestId("notifications-warning").innerText()).resolves.toContain("miss invoices");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await page.getByText("Your preferences were saved.").waitFor();
  expect(await db.notificationPreference.findMany({ where: { userId: owner.id }, select: { category: true, enabled: true } })).toEqual([{ category: "billing", enabled: false }]);

  await page.reload();
  await expect(page.getByLabel("Billing", { exact: true }).isChecked()).resolves.toBe(false);
  await expect(page.getByTestId("notifications-warning").isVisible()).resolves.toBe(true);
  await page.getByLabel("Billing", { exact: true }).check();
  expect(await page.getByTestId("notifications-warning").count()).toBe(0);
  await page.close();
});

it("the email log opens an email and resends it to me", async () => {
  const { owner, customer } = await createCustomerWithOwner(db);
  const original = await db.emailMessage.create({
    data: { customerId: customer.id, userId: owner.id, category: "billing", toAddress: "accounts@example.test", subject: "Invoice E2E-7 issued", textBody: "Invoice E2E-7\nTotal: 12.00 EUR" },
  });
  const page = await browser.newPage();
  await signIn(page, owner.email);
  await page.goto(`${BASE}/account/emails`);
  await page.getByRole("link", { name: "Invoice E2E-7 issued" }).click();
  await page.waitForURL(`${BASE}/account/emails/${original.id}`);
  await expect(page.getByTestId("email-text").innerText()).resolves.toContain("Total: 12.00 EUR");
  await page.getByRole("button", { name: "Resend to me" }).click();
  await page.getByText(`A copy is on its way to ${owner.email}.`).waitFor();
  expect(await db.emailMessage.count({ where: { toAddress: owner.email, subject: "Invoice E2E-7 issued" } })).toBe(1);
  await page.close();
});
