// The profile and activity pages in Chromium on a phone-size screen: the demo owner is told next to
// the field that a Vietnamese postcode has 5 or 6 digits, saves a new company address and sees it
// after a reload; the activity page then shows the change with old → new values, and its CSV export
// has it too. The address is put back afterwards.
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
let browser: Browser;
let original: { addressLine1: string | null; postcode: string | null };
let acmeId: string;

async function download(page: Page, testId: string): Promise<{ filename: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  let text = "";
  for await (const chunk of await file.createReadStream()) text += chunk;
  return { filename: file.suggestedFilename(), text };
}

describe("profile and activity", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true, addressLine1: true, postcode: true } });
    acmeId = acme.id;
    original = { addressLine1: acme.addressLine1, postcode: acme.postcode };
  });

  afterAll(async () => {
    await browser?.close();
    await db.customer.update({ where: { id: acmeId }, data: original });
  });

  it("the owner edits the company address on a phone, sees it, and finds the change in the activity log and its CSV", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/account/profile`);
      await page.getByRole("heading", { level: 1, name: "Profile" }).waitFor();
      await page.getByTestId("company-read-only").getByText("Acme Studio").waitFor();

      const form = page.getByTestId("company-form");
      await form.getByLabel("Street and number").fill("42 Lê Lợi, Bến Thành Ward");
      await form.getByLabel("Postcode").fill("12");
      await page.getByTestId("save-company").click();
      await page.getByText("Vietnamese postcodes have 5 or 6 digits.").waitFor();
      expect((await db.customer.findUniqueOrThrow({ where: { id: acmeId } })).addressLine1).toBe(original.addressLine1);

      await form.getByLabel("Postcode").fill("700000");
      await page.getByTestId("save-company").click();
      await form.getByText("Saved.").waitFor();
      expect((await db.customer.findUniqueOrThrow({ where: { id: acmeId } })).addressLine1).toBe("42 Lê Lợi, Bến Thành Ward");

      await page.reload();
      // The form fills its fields when it hydrates: wait for that instead of reading the bare HTML.
      const street = page.getByTestId("company-form").getByLabel("Street and number");
      let value = "";
      for (let i = 0; i < 50 && value !== "42 Lê Lợi, Bến Thành Ward"; i++) {
        value = await street.inputValue();
        if (value !== "42 Lê Lợi, Bến Thành Ward") await page.waitForTimeout(200);
      }
      expect(value).toBe("42 Lê Lợi, Bến Thành Ward");

      await page.goto(`${BASE}/account/activity?group=profile`);
      await page.getByRole("heading", { level: 1, name: "Activity" }).waitFor();
      const row = page.locator('[data-action="account.profile.updated"]').first();
      await row.getByText("Company details changed").waitFor();
      await expect(row.getByTestId("activity-changes").innerText()).resolves.toContain(`${original.addressLine1} → 42 Lê Lợi, Bến Thành Ward`);

      const csv = await download(page, "export-csv");
      expect(csv.filename).toMatch(/^activity-C-1001-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = csv.text.trim().split("\r\n");
      expect(lines[0]).toBe("time,time_zone,user,staff,impersonated_by,action,description,ip,changes,details");
      expect(lines.slice(1).every((l) => l.includes("account."))).toBe(true);
      expect(csv.text).toContain("Company details changed");
      expect(csv.text).toContain("addressLine1: 12 Nguyễn Huệ, Bến Nghé Ward → 42 Lê Lợi, Bến Thành Ward");
    } finally {
      await context.close();
    }
  });
});
