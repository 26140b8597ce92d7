// Staff's customer pages and impersonation in Chromium: the administrator finds Acme by its
// contract number, adds a staff note, opens the portal as Acme's billing contact (a banner says so,
// the contact's menu shows), goes back to the staff page, and the customer's audit shows the start
// and the end under the administrator's name. The support agent has no customer pages.
import type { Browser } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";
import { get, verifiedSessionCookie } from "@/tests/helpers/http-login";

const BASE = process.env.E2E_BASE_URL as string;
let browser: Browser;

describe("staff customer pages", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("finds a customer, notes something, opens the portal as a contact and comes back", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
    try {
      await signIn(page, "admin@demo.portico.test", { totp: true });
      await page.getByRole("link", { name: "Customers" }).first().click();
      await page.getByRole("searchbox", { name: "Search" }).fill("C-1001");
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByTestId("staff-customer-row").filter({ hasText: "Acme Studio" }).getByRole("link", { name: "Acme Studio" }).click();
      await page.waitForURL(`${BASE}/admin/customers/${acme.id}`);

      const note = `Called about the VPS upgrade ${Date.now()}`;
      await page.getByLabel("New note").fill(note);
      await page.getByRole("button", { name: "Add note" }).click();
      await page.getByTestId("customer-note").filter({ hasText: note }).waitFor();

      const billing = await db.user.findUniqueOrThrow({ where: { email: "billing@demo.portico.test" }, select: { name: true } });
      await page.getByRole("button", { name: `Open the portal as ${billing.name}` }).click();
      await page.waitForURL(`${BASE}/dashboard`);
      const banner = page.getByTestId("impersonation-banner");
      await expect(banner.innerText()).resolves.toContain(`is signed in as ${billing.name} of Acme Studio`);
      // The billing contact's menu, not the administrator's.
      await page.getByRole("link", { name: "Billing" }).first().waitFor();
      expect(await page.getByRole("link", { name: "Services" }).count()).toBe(0);

      await banner.getByRole("button", { name: "Back to staff" }).click();
      await page.waitForURL(`${BASE}/admin/customers/${acme.id}`);
      const rows = page.getByTestId("staff-audit-row");
      await rows.filter({ hasText: "auth.impersonation.ended" }).waitFor();
      await expect(rows.filter({ hasText: "auth.impersonation.started" }).first().innerText()).resolves.toContain("Martin Kováč");
    } finally {
      await context.close();
    }
  });

  it("adds a staff member from the settings, who is emailed a link to set a password", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const email = `e2e-staff-${Date.now().toString(36)}@demo.portico.test`;
    try {
      await signIn(page, "admin@demo.portico.test", { totp: true });
      await page.goto(`${BASE}/admin/settings`);
      await page.getByTestId("manage-staff").click();
      await page.getByRole("heading", { level: 1, name: "Staff users and roles" }).waitFor();
      await page.getByLabel("Name", { exact: true }).fill("Eva Example");
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByLabel("Role", { exact: true }).selectOption({ label: "Support agent" });
      await page.getByRole("button", { name: "Add staff member" }).click();
      await page.getByText("Added. The link to set a password is on its way.").waitFor();
      await page.getByTestId("staff-user").filter({ hasText: email }).waitFor();
      const mail = await db.emailMessage.findFirstOrThrow({ where: { toAddress: email } });
      expect(mail.textBody).toMatch(/\/reset-password\//);
    } finally {
      await context.close();
    }
  });

  it("is a 404 for the support agent and sends a customer to their dashboard", async () => {
    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
    const agent = await verifiedSessionCookie("agent@demo.portico.test");
    for (const path of ["/admin/customers", `/admin/customers/${acme.id}`]) expect([path, (await get(path, agent)).status]).toEqual([path, 404]);
    // "Back to staff" takes same-origin form posts only.
    const forged = await fetch(`${BASE}/api/impersonation/stop`, { method: "POST", redirect: "manual", headers: { cookie: agent, origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
  });
});
