// The security page in Chromium (issue 7). The owner is signed in twice, in two browser contexts
// (a second "device" with a Firefox-on-Windows user agent); from the first, the security page shows
// this browser plainly, both sessions and the sign-in history, and "Sign out" on the other session
// ends it: that browser is sent to the login page on its next click. Then the demo owner of Acme
// sets the VPN access password, is refused a short one next to the field, and the control panel
// keeps only a hash of the new one.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { db } from "@/lib/db";
import { verifyPanelPassword } from "@/lib/integrations/provisioning/builtin-secrets";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo } from "@/tests/helpers/demo-login";
import { DEFAULT_TEST_PASSWORD, createCustomerWithOwner } from "@/tests/helpers/factories";

const BASE = process.env.E2E_BASE_URL as string;
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

// No database work in afterAll: tests/helpers/jest-after-env.ts closes the pool then.
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function newPage(userAgent?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...(userAgent ? { userAgent } : {}) });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, email: string, password = DEFAULT_TEST_PASSWORD) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
}

describe("the security page", () => {
  it("the owner signs out another session and that browser is sent to the login page on its next click", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const laptop = await newPage(FIREFOX_WINDOWS);
    await signIn(laptop, owner.email);
    const here = await newPage();
    await signIn(here, owner.email);

    await here.goto(`${BASE}/account/security`);
    await expect(here.getByTestId("current-browser").innerText()).resolves.toMatch(/^Chrome \d+ on Linux/);
    await expect(here.getByTestId("current-ip").innerText()).resolves.not.toBe("");
    const rows = here.getByTestId("session-row");
    await expect(rows.count()).resolves.toBe(2);
    await expect(here.locator("[data-testid=session-row][data-current=true]").innerText()).resolves.toContain("This device");
    const history = here.getByTestId("login-history-row");
    await expect(history.count()).resolves.toBe(2);
    await history.filter({ hasText: "Firefox 133 on Windows" }).filter({ hasText: "Signed in" }).waitFor();

    const other = rows.filter({ hasText: "Firefox 133 on Windows" });
    await other.getByRole("button", { name: "Sign out the session of Firefox 133 on Windows" }).click();
    await other.waitFor({ state: "detached" });
    await here.getByText("This is your only session.").waitFor();
    expect(await db.auditEvent.count({ where: { action: "auth.session.revoked", actorUserId: owner.id } })).toBe(1);

    // The signed-out browser still holds its cookie; its next click is refused and lands on /login.
    expect(new URL(laptop.url()).pathname).toBe("/dashboard");
    await laptop.locator("header").getByRole("link", { name: "Account" }).filter({ visible: true }).first().click();
    await laptop.waitForURL((url) => url.pathname === "/login");
    await laptop.getByRole("button", { name: "Sign in" }).waitFor();

    // This browser is still signed in.
    await here.reload();
    await expect(here.getByTestId("session-row").count()).resolves.toBe(1);
  });

  it("the demo owner sets Acme's VPN password with the account password's rules", async () => {
    const page = await newPage();
    await signInAsDemo(page, "owner@demo.portico.test");
    await page.goto(`${BASE}/account/security`);
    const form = page.getByTestId("vpn-password-form");
    await page.getByTestId("vpn-service").filter({ hasText: "vpn.acme-studio.vn" }).waitFor();
    const password = form.getByLabel(/^New VPN password/);
    await password.fill("too-short");
    await form.getByLabel(/^Repeat the new VPN password/).fill("too-short");
    await form.getByRole("button", { name: "Set VPN password" }).click();
    await form.getByText("The password needs at least 12 characters.").waitFor();
    await expect(password.getAttribute("aria-invalid")).resolves.toBe("true");

    const chosen = `harbour-violet-${Date.now()}`;
    await password.fill(chosen);
    await form.getByLabel(/^Repeat the new VPN password/).fill(chosen);
    await form.getByRole("button", { name: "Set VPN password" }).click();
    await form.getByText("The VPN password has been changed.", { exact: false }).waitFor();

    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
    const account = await db.panelAccount.findFirstOrThrow({ where: { service: { customerId: acme.id, kind: "vpn" } }, select: { passwordHash: true } });
    expect(account.passwordHash).not.toContain(chosen);
    expect(await verifyPanelPassword(account.passwordHash, chosen)).toBe(true);
  });
});
