// The domain list in Chromium. The demo owner reaches it from the dashboard's "All domains", sees
// the active domains with expiry and auto-renew, the pending transfer with what is happening, finds
// domains by a part of the name (in any case), is offered all domains when a tab has no match, and
// has the transfer page one click away. Staff see the pending transfers with when each was asked
// for, and unlock a domain from the list (the job is removed afterwards).
import type { Browser } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
let browser: Browser;
let staffDomainId: string;

describe("the domain list", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    staffDomainId = (await db.domain.findUniqueOrThrow({ where: { name: "acmestudio.eu" }, select: { id: true } })).id;
  });

  afterAll(async () => {
    await browser?.close();
    await db.registrarJob.deleteMany({ where: { domainId: staffDomainId, operation: "unlock" } });
  });

  it("filters, searches and links to the transfer page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.locator("#panel-domains").getByRole("link", { name: "All domains" }).click();
      await page.waitForURL(`${BASE}/domains`);
      await page.getByRole("heading", { level: 1, name: "Domains" }).waitFor();
      expect(await page.getByRole("link", { name: "Transfer domains" }).getAttribute("href")).toBe("/domains/transfer");
      expect(await page.getByRole("link", { name: "Search for a domain" }).getAttribute("href")).toBe("/domains/search");

      // Active (the default): soonest expiry first, the expired one not among them.
      const rows = page.getByTestId("domain-row");
      await expect(rows.first().innerText()).resolves.toMatch(/acme-studio\.vn[\s\S]*Active[\s\S]*On/);
      const active = await rows.allInnerTexts();
      expect(active.join("\n")).not.toContain("acme-studio.sk");

      await page.getByRole("link", { name: "Pending", exact: true }).click();
      await page.waitForURL(`${BASE}/domains?filter=pending`);
      await expect(rows.first().innerText()).resolves.toMatch(/acme\.design[\s\S]*Pending transfer[\s\S]*(Transfer being sent to the registry|Transfer requested on)/);

      await page.getByRole("link", { name: "Expired", exact: true }).click();
      await page.waitForURL(`${BASE}/domains?filter=expired`);
      await expect(rows.first().innerText()).resolves.toMatch(/acme-studio\.sk[\s\S]*Expired[\s\S]*Off/);

      // Search within the tab; the tab links keep the search.
      await page.getByRole("link", { name: "Active", exact: true }).click();
      await page.waitForURL(`${BASE}/domains`);
      await page.getByLabel("Find by name").fill("STUDIO.COM");
      await page.getByRole("button", { name: "Find", exact: true }).click();
      await page.waitForURL(`${BASE}/domains?q=STUDIO.COM`);
      // acme-studio.com.vn expires first.
      await expect(rows.allInnerTexts()).resolves.toEqual([expect.stringContaining("acme-studio.com.vn"), expect.stringMatching(/acme-studio\.com\s/)]);
      await page.getByRole("link", { name: "Failed", exact: true }).click();
      await page.waitForURL(`${BASE}/domains?filter=failed&q=studio.com`);
      await page.getByText("No domain matches “studio.com”").waitFor();
      await page.getByRole("link", { name: "Search all domains" }).click();
      await page.waitForURL(`${BASE}/domains?filter=all&q=studio.com`);
      expect(await rows.count()).toBe(2);
      await page.getByRole("link", { name: "Clear search" }).click();
      await page.waitForURL(`${BASE}/domains?filter=all`);
      // Acme's six demo domains (other browser tests may have added more).
      expect(await rows.count()).toBeGreaterThanOrEqual(6);
    } finally {
      await context.close();
    }
  });

  it("staff see pending transfers with when each was requested, and unlock a domain from the list", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, "admin@demo.portico.test", { totp: true });
      await page.goto(`${BASE}/admin/domains`);
      await page.getByTestId("pending-transfers-filter").click();
      await page.waitForURL(`${BASE}/admin/domains?status=pending_transfer`);
      const transfer = page.getByTestId("staff-domain-row").filter({ hasText: "acme.design" });
      await expect(transfer.getByTestId("transfer-requested").innerText()).resolves.toMatch(/requested|not yet sent to the registry/);

      await page.goto(`${BASE}/admin/domains?q=acmestudio.eu`);
      const row = page.getByTestId("staff-domain-row").filter({ hasText: "acmestudio.eu" });
      await row.getByRole("button", { name: "Unlock acmestudio.eu at the registry" }).click();
      await row.getByText("Unlock queued.", { exact: true }).waitFor();
      await row.getByText("unlock queued", { exact: true }).waitFor();
      expect(await db.registrarJob.findFirstOrThrow({ where: { domainId: staffDomainId, operation: "unlock" } })).toMatchObject({ status: "queued" });
      expect(await row.getByRole("button", { name: "Unlock acmestudio.eu at the registry" }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
