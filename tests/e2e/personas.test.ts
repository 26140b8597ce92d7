// Each demo persona of DESIGN.md §8 signs in through the real form (staff through TOTP, with the
// code computed from the demo secret), sees the right menu and dashboard panels, and signs out.
import * as OTPAuth from "otpauth";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "@/tests/helpers/browser";
import { DEMO_PASSWORD as PASSWORD } from "@/prisma/seed";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function menuEntries(page: Page): Promise<string[]> {
  const nav = page.locator("header nav:visible").first();
  return (await nav.getByRole("link").allInnerTexts()).map((s) => s.trim());
}

async function panels(page: Page): Promise<string[]> {
  return page.locator('[id^="panel-"]').evaluateAll((els) => els.map((e) => e.id).sort());
}

async function signOut(page: Page) {
  await page.locator("details:has(button:has-text('Sign out')) > summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await page.goto(`${BASE}/dashboard`);
  expect(new URL(page.url()).pathname).toBe("/login");
}

type Case = { email: string; landing: string; totp?: boolean; menu: string[]; notInMenu: string[]; panels: string[]; noPanels: string[]; sees?: string; neverSees?: string };

const CASES: Case[] = [
  {
    email: "owner@demo.portico.test",
    landing: "/dashboard",
    menu: ["Dashboard", "Services", "Domains", "Billing", "Support", "Account"],
    notInMenu: [],
    panels: ["panel-customer", "panel-services", "panel-domains", "panel-tickets", "panel-invoices", "panel-domain-search", "panel-network-status", "panel-support-pin"],
    noPanels: [],
    sees: "C-1001",
  },
  {
    email: "billing@demo.portico.test",
    landing: "/dashboard",
    menu: ["Dashboard", "Billing", "Account"],
    notInMenu: ["Services", "Domains"],
    panels: ["panel-customer", "panel-invoices"],
    noPanels: ["panel-services", "panel-domains", "panel-domain-search"],
    sees: "C-1001",
  },
  {
    email: "tech@demo.portico.test",
    landing: "/dashboard",
    menu: ["Dashboard", "Services", "Domains", "Support", "Account"],
    notInMenu: ["Billing"],
    panels: ["panel-customer", "panel-services", "panel-domains", "panel-tickets"],
    noPanels: ["panel-invoices"],
    sees: "C-1001",
  },
  {
    email: "other@demo.portico.test",
    landing: "/dashboard",
    menu: ["Dashboard", "Services", "Domains", "Billing", "Support", "Account"],
    notInMenu: [],
    panels: ["panel-customer", "panel-services", "panel-invoices"],
    noPanels: [],
    sees: "Beta Shop",
    neverSees: "Acme Studio",
  },
  {
    email: "admin@demo.portico.test",
    landing: "/admin",
    totp: true,
    // The staff menu, not the portal's: Invoices and Services of every customer, no "Billing".
    menu: ["Tickets", "Customers", "Invoices", "Services", "Settings"],
    notInMenu: ["Billing", "Account"],
    panels: ["panel-open-tickets", "panel-overdue-invoices", "panel-new-customers"],
    noPanels: ["panel-customer"],
  },
  {
    email: "agent@demo.portico.test",
    landing: "/admin",
    totp: true,
    menu: ["Tickets"],
    notInMenu: ["Customers", "Invoices", "Services", "Settings"],
    panels: ["panel-open-tickets"],
    noPanels: ["panel-overdue-invoices", "panel-customer"],
  },
];

describe.each(CASES)("$email", (c) => {
  it(`signs in, sees the right menu and panels on ${c.landing}, and signs out`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, c.email, { totp: c.totp });
      expect(new URL(page.url()).pathname).toBe(c.landing);
      const menu = await menuEntries(page);
      for (const entry of c.menu) expect(menu).toContain(entry);
      for (const entry of c.notInMenu) expect(menu).not.toContain(entry);
      const shown = await panels(page);
      for (const id of c.panels) expect(shown).toContain(id);
      for (const id of c.noPanels) expect(shown).not.toContain(id);
      const text = await page.locator("main").innerText();
      if (c.sees) expect(text).toContain(c.sees);
      if (c.neverSees) expect(text).not.toContain(c.neverSees);
      await signOut(page);
    } finally {
      await context.close();
    }
  });
});

describe("sign-in errors and the 2FA gate", () => {
  it("a wrong password shows an error next to the form and keeps the user out", async () => {
    const page = await browser.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Email").fill("owner@demo.portico.test");
    await page.getByLabel("Password").fill("not-the-demo-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form [role=alert]").innerText()).resolves.toContain("not correct");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("without JavaScript a submitted password never ends up in the URL", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Email").fill("owner@demo.portico.test");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForLoadState();
    expect(page.url()).not.toContain(PASSWORD);
    expect(page.url()).not.toContain("password");
    await context.close();
  });

  it("an empty form is refused on the client with messages at the fields", async () => {
    const page = await browser.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#email-error").innerText()).resolves.toContain("Enter your email address");
    await expect(page.locator("#password-error").innerText()).resolves.toContain("Enter your password");
    await page.close();
  });

  it("a session that passed only the password step cannot open the dashboard", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Email").fill("agent@demo.portico.test");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${BASE}/login/2fa`);
    for (const path of ["/admin", "/dashboard", "/account/security"]) {
      await page.goto(`${BASE}${path}`);
      expect(new URL(page.url()).pathname).toBe("/login/2fa");
    }
    await page.getByLabel("Authentication code").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("form [role=alert]").innerText()).resolves.toContain("not valid");
    await page.getByRole("button", { name: "Cancel and sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await context.close();
  });
});

describe("two-factor enrolment", () => {
  it("a new staff member must enrol: QR code and key, a code confirms, 10 recovery codes are shown once", async () => {
    const { db } = await import("@/lib/db");
    const { createUser, DEFAULT_TEST_PASSWORD } = await import("@/tests/helpers/factories");
    const staff = await createUser(db, { staffRole: "billing_clerk" });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Email").fill(staff.email);
    await page.getByLabel("Password").fill(DEFAULT_TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${BASE}/login/2fa/setup`);
    await page.goto(`${BASE}/admin`);
    expect(new URL(page.url()).pathname).toBe("/login/2fa/setup");
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).isVisible()).resolves.toBe(true);
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
    await page.getByLabel("Authentication code").fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate());
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    const codes = await page.getByTestId("recovery-codes").locator("li").allInnerTexts();
    expect(codes).toHaveLength(10);
    await page.getByRole("button", { name: /continue/ }).click();
    await page.waitForURL(`${BASE}/admin`);
    const user = await db.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(user.totpEnabledAt).not.toBeNull();
    await context.close();
  });
});
