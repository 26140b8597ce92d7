// Contacts in a real browser: the owner invites an accountant with the Billing preset; the
// accountant opens the emailed link in another browser, sets a name and password, lands signed in
// and sees only billing (and support) in the menu; the owner then sees them in the contacts list.
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { DEFAULT_TEST_PASSWORD, createCustomerWithOwner, unique } from "@/tests/helpers/factories";

const BASE = process.env.E2E_BASE_URL as string;

describe("account contacts", () => {
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
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  }

  const menu = (page: Page) => page.locator("header nav[aria-label='Main menu']:visible a").allInnerTexts();

  it("the owner invites an accountant with the Billing preset; the accountant accepts in another browser and sees only billing", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    const accountant = `${unique("accountant")}@example.test`;

    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ownerPage = await ownerContext.newPage();
    await signIn(ownerPage, owner.email);
    await ownerPage.goto(`${BASE}/account/contacts`);
    await expect(ownerPage.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Contacts");
    await expect(ownerPage.getByTestId("owner-badge").innerText()).resolves.toBe("Owner");
    await ownerPage.getByLabel("Email address").fill(accountant);
    await ownerPage.getByLabel("Name", { exact: true }).fill("Ann Accountant");
    // Billing is the preset the form starts with; pick it explicitly as a user would.
    await ownerPage.getByRole("radio", { name: "Billing" }).check();
    await expect(ownerPage.getByLabel("Pay invoices").isChecked()).resolves.toBe(true);
    await expect(ownerPage.getByLabel("See services").isChecked()).resolves.toBe(false);
    await ownerPage.getByRole("button", { name: "Send invitation" }).click();
    await ownerPage.getByText(`Invitation sent to ${accountant}.`).waitFor();
    await ownerPage.locator(`[data-testid='invitation-row'][data-email='${accountant}']`).waitFor();

    // The link exists in clear only in the email.
    const email = await db.emailMessage.findFirstOrThrow({ where: { toAddress: accountant } });
    const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(email.textBody)![0];
    const path = new URL(link).pathname;

    const accountantContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await accountantContext.newPage();
    await page.goto(`${BASE}${path}`);
    await expect(page.getByTestId("invitation-customer").innerText()).resolves.toContain(customer.name);
    await expect(page.getByLabel("Your name").inputValue()).resolves.toBe("Ann Accountant");
    await page.getByLabel("Choose a password").fill("password");
    await page.getByLabel("Repeat the password").fill("password");
    await page.getByRole("button", { name: "Create login and join" }).click();
    await page.getByText("Use at least 12 characters.").waitFor();
    await page.getByLabel("Choose a password").fill("ledger-autumn-spruce-71");
    await page.getByLabel("Repeat the password").fill("ledger-autumn-spruce-71");
    await page.getByRole("button", { name: "Create login and join" }).click();
    await page.waitForURL((url) => url.pathname === "/dashboard");
    expect(await menu(page)).toEqual(["Dashboard", "Billing", "Support", "Account"]);
    expect((await page.goto(`${BASE}/services`))?.status()).toBe(404);
    expect((await page.goto(`${BASE}/account/contacts`))?.status()).toBe(404);

    // The link was single-use.
    await page.goto(`${BASE}${path}`);
    await expect(page.getByTestId("invitation-unusable").innerText()).resolves.toBe("This invitation has already been used.");

    // The owner's list now shows the accountant with the Billing preset and no pending invitation.
    await ownerPage.reload();
    const row = ownerPage.locator(`[data-testid='contact-row'][data-email='${accountant}']`);
    await expect(row.getByTestId("contact-access").innerText()).resolves.toBe("Billing");
    await expect(ownerPage.locator(`[data-testid='invitation-row'][data-email='${accountant}']`).count()).resolves.toBe(0);

    // Narrowing the accountant's permissions shows on their very next click.
    await row.getByTestId("edit-permissions").click();
    const form = ownerPage.getByTestId("edit-permissions-form");
    await form.getByRole("radio", { name: "Custom" }).check();
    for (const label of ["See invoices and payments", "Pay invoices", "Place orders"]) await form.getByLabel(label).uncheck();
    await form.getByRole("button", { name: "Save permissions" }).click();
    await form.waitFor({ state: "detached" });
    await row.getByText("Custom (2 permissions)").waitFor();
    const stored = await db.membership.findFirstOrThrow({ where: { customerId: customer.id, user: { email: accountant } } });
    expect(stored.permissions).toEqual(["tickets.view", "tickets.create"]);
    await page.goto(`${BASE}/dashboard`);
    expect(await menu(page)).toEqual(["Dashboard", "Support", "Account"]);

    await ownerContext.close();
    await accountantContext.close();
  });
});
