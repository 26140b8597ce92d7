// The hosting tools in Chromium against the built app: the demo owner of Acme Studio opens the FTP
// page of the acme-studio.vn hosting service, is refused a too-short password next to the field
// (nothing is created), creates the FTP account with a good one and sees it in the list; then
// creates a database with a generated password and sees it listed with the account's prefix. The
// pages fit a phone's width. The names carry a random suffix; the FTP account is deleted again
// through its confirmation, the database directly.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { db } from "@/lib/db";
import { verifyPanelPassword } from "@/lib/integrations/provisioning/builtin-secrets";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
const SUFFIX = randomBytes(3).toString("hex");
const FTP_NAME = `e2e${SUFFIX}`;
const DB_NAME = `e2e_${SUFFIX}`;
const GOOD_PASSWORD = "Browser-Test-Pass-2041";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let serviceId: string;
let accountId: string;
let username: string;

const fitsWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

beforeAll(async () => {
  const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
  const service = await db.service.findFirstOrThrow({
    where: { customerId: acme.id, kind: "hosting", domain: "acme-studio.vn" },
    select: { id: true, username: true, panelAccount: { select: { id: true } } },
  });
  serviceId = service.id;
  accountId = service.panelAccount!.id;
  username = service.username!;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signInAsDemo(page, "owner@demo.portico.test");
}, 120_000);

// No database work in afterAll: tests/helpers/jest-after-env.ts closes the pool then.
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("the demo owner uses the hosting tools", () => {
  it("is refused a weak FTP password next to the field, then creates the FTP account and sees it listed", async () => {
    await page.goto(`${BASE}/services/${serviceId}/ftp`);
    const list = page.getByRole("region", { name: "FTP accounts" }).first();
    await page.getByTestId("ftp-row").filter({ hasText: "deploy@acme-studio.vn" }).waitFor();
    const form = page.getByTestId("create-ftp-form");
    await form.getByLabel("User name").fill(FTP_NAME);
    const password = form.getByLabel(/^Password/);
    await password.fill("short1A!");
    await form.getByRole("button", { name: "Create FTP account" }).click();

    const message = form.getByText("The password needs at least 12 characters.");
    await message.waitFor();
    await expect(password.getAttribute("aria-invalid")).resolves.toBe("true");
    // The message is the field's own description (read out with it), not a banner elsewhere.
    const messageId = await message.getAttribute("id");
    await expect(password.getAttribute("aria-describedby")).resolves.toContain(messageId);
    expect(await db.panelFtpAccount.count({ where: { accountId, login: `${FTP_NAME}@acme-studio.vn` } })).toBe(0);

    await password.fill(GOOD_PASSWORD);
    await form.getByLabel("Directory").fill("/public_html/e2e");
    await form.getByRole("button", { name: "Create FTP account" }).click();
    await form.getByText("The FTP account has been created.").waitFor();
    const row = page.getByTestId("ftp-row").filter({ hasText: `${FTP_NAME}@acme-studio.vn` });
    await row.waitFor();
    await row.getByText("/public_html/e2e").waitFor();
    await expect(list.isVisible()).resolves.toBe(true);

    const created = await db.panelFtpAccount.findFirstOrThrow({ where: { accountId, login: `${FTP_NAME}@acme-studio.vn` } });
    expect(created.passwordHash).not.toContain(GOOD_PASSWORD);
    expect(await verifyPanelPassword(created.passwordHash, GOOD_PASSWORD)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: serviceId, action: "services.ftp.created" }, orderBy: { createdAt: "desc" } });
    expect(audit.customerId).not.toBeNull();
    expect(JSON.stringify(audit.data)).not.toContain(GOOD_PASSWORD);

    // And away again, through the confirmation.
    await page.getByRole("button", { name: `Delete ${FTP_NAME}@acme-studio.vn` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Yes, delete" }).click();
    await row.waitFor({ state: "detached" });
    expect(await db.panelFtpAccount.count({ where: { accountId, login: `${FTP_NAME}@acme-studio.vn` } })).toBe(0);
  });

  it("creates a database with a generated password and sees it with the account's prefix", async () => {
    await page.goto(`${BASE}/services/${serviceId}/databases`);
    const form = page.getByTestId("create-database-form");
    await form.getByLabel("Name").fill(DB_NAME);
    await form.getByRole("button", { name: "Generate" }).click();
    const generated = await form.getByLabel(/^Password/).inputValue();
    expect(generated).toMatch(/^.{16}$/);
    await form.getByRole("button", { name: "Create database" }).click();
    await form.getByText("The database has been created.").waitFor();
    await page.getByTestId("database-row").filter({ hasText: `${username}_${DB_NAME}` }).first().waitFor();
    const created = await db.panelDatabase.findFirstOrThrow({ where: { accountId, name: `${username}_${DB_NAME}` } });
    expect(await verifyPanelPassword(created.passwordHash, generated)).toBe(true);
    await db.panelDatabase.delete({ where: { id: created.id } });
  });

  it("fits a phone's width", async () => {
    const phone = await context.newPage();
    try {
      await phone.setViewportSize({ width: 375, height: 800 });
      for (const tool of ["ftp", "databases", "email", "subdomains", "backups"]) {
        await phone.goto(`${BASE}/services/${serviceId}/${tool}`);
        await phone.getByRole("region").first().waitFor();
        expect([tool, await fitsWidth(phone)]).toEqual([tool, true]);
      }
    } finally {
      await phone.close();
    }
  });
});
