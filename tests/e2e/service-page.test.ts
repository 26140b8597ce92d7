// The service page in Chromium: the demo owner opens Acme's hosting package, sees its tabs and login
// details, and logs in to the control panel in a new tab (the simulated panel, signed in); the
// usage tab draws its charts and quota bars; "Change package" explains that Acme's overdue invoice
// comes first; a cancellation at the end of the paid period is requested after the confirmation and
// withdrawn again (renewals resume), on a phone's width. The Billing preset gets a 404.
// Everything the test changes is put back.
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;

let browser: Browser;
let hostingId: string;
let stagingId: string;

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe("the service page", () => {
  beforeAll(async () => {
    const acme = { customer: { contractNumber: "C-1001" } };
    hostingId = (await db.service.findFirstOrThrow({ where: { ...acme, kind: "hosting", domain: "acme-studio.vn" }, select: { id: true } })).id;
    stagingId = (await db.service.findFirstOrThrow({ where: { ...acme, kind: "hosting", label: "staging.acme-studio.vn" }, select: { id: true } })).id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the owner the overview with tabs, and the control-panel login opens the panel signed in", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/services/${hostingId}`);
      await page.getByRole("heading", { level: 1, name: "Web Hosting Business" }).waitFor();
      const tabs = page.getByRole("navigation", { name: "Parts of this service" });
      for (const name of ["Overview", "Usage", "Backups", "FTP", "Databases", "Email", "Subdomains", "Change package", "Cancel"]) await tabs.getByRole("link", { name, exact: true }).waitFor();
      await expect(tabs.getByRole("link", { name: "Overview" }).getAttribute("aria-current")).resolves.toBe("page");
      const username = (await db.service.findUniqueOrThrow({ where: { id: hostingId }, select: { username: true } })).username!;
      await expect(page.getByTestId("service-username").innerText()).resolves.toBe(username);
      await page.getByTestId("service-dns-link").waitFor();

      const before = await db.auditEvent.count({ where: { action: "services.sso.issued", targetId: hostingId } });
      const [panel] = await Promise.all([context.waitForEvent("page"), page.getByTestId("control-panel-login").click()]);
      await panel.waitForURL(/\/panel\?view=/);
      await panel.getByRole("heading", { name: `Simulated control panel — signed in as ${username}` }).waitFor();
      expect(await db.auditEvent.count({ where: { action: "services.sso.issued", targetId: hostingId } })).toBe(before + 1);

      // The usage tab: quota bars and both charts.
      await tabs.getByRole("link", { name: "Usage" }).click();
      await page.waitForURL(`${BASE}/services/${hostingId}/usage`);
      await page.getByTestId("disk-quota").getByRole("meter").waitFor();
      await page.getByTestId("disk-chart").locator("svg.recharts-surface").first().waitFor();
      await page.getByTestId("bandwidth-chart").locator("svg.recharts-surface").first().waitFor();
      await page.getByRole("link", { name: "90 days" }).click();
      await page.waitForURL(`${BASE}/services/${hostingId}/usage?days=90`);
      await page.getByText("Show the numbers as a table").click();
      expect(await page.getByTestId("usage-row").count()).toBeGreaterThan(30);

      // Acme has an overdue invoice: the package cannot change, and the invoice is linked.
      await tabs.getByRole("link", { name: "Change package" }).click();
      await page.getByTestId("upgrade-refusal").waitFor();
      await page.getByText("Your account has an overdue invoice").waitFor();
      await page.getByTestId("upgrade-refusal").getByRole("link", { name: /Open invoice/ }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("requests a cancellation at the end of the paid period, then withdraws it, on a phone", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/services/${stagingId}/cancel`);
      await page.getByRole("heading", { name: "Cancel this service" }).waitFor();
      expect(await fitsWidth(page)).toBe(true);

      // Too short a reason is refused next to the field, before anything is sent.
      await page.getByLabel("At the end of the paid period").check();
      await page.getByLabel("Reason").fill("Too dear");
      await page.getByTestId("cancel-review").click();
      await page.getByText("Please tell us a little more (at least 10 characters).").waitFor();
      expect(await db.cancellationRequest.count({ where: { serviceId: stagingId } })).toBe(0);

      await page.getByLabel("Reason").fill("We moved the staging site to the main package.");
      await page.getByTestId("cancel-review").click();
      await page.getByRole("alertdialog").getByText("Cancel at the end of the paid period?").waitFor();
      await page.getByTestId("cancel-confirm").click();
      await page.getByRole("heading", { name: "Cancellation requested" }).waitFor();
      const request = await db.cancellationRequest.findFirstOrThrow({ where: { serviceId: stagingId, status: "requested" } });
      const service = await db.service.findUniqueOrThrow({ where: { id: stagingId }, select: { nextDueDate: true, cancelAt: true } });
      expect(request).toMatchObject({ timing: "end_of_period", reason: "We moved the staging site to the main package." });
      expect(service.cancelAt).toEqual(service.nextDueDate);

      // The overview says when it ends.
      await page.goto(`${BASE}/services/${stagingId}`);
      await page.getByText("This service is cancelled and ends on").waitFor();

      await page.goto(`${BASE}/services/${stagingId}/cancel`);
      await page.getByTestId("withdraw-cancellation").click();
      await page.getByRole("button", { name: "Yes, withdraw it" }).click();
      await page.getByRole("heading", { name: "Cancel this service" }).waitFor();
      expect(await db.cancellationRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "withdrawn" });
      expect((await db.service.findUniqueOrThrow({ where: { id: stagingId } })).cancelAt).toBeNull();
    } finally {
      await context.close();
      await db.cancellationRequest.deleteMany({ where: { serviceId: stagingId } });
      await db.service.update({ where: { id: stagingId }, data: { cancelAt: null } });
    }
  });

  it("the Billing preset cannot open a service page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, "billing@demo.portico.test");
      for (const path of [`/services/${hostingId}`, `/services/${hostingId}/usage`, `/services/${hostingId}/cancel`]) {
        const res = await page.goto(`${BASE}${path}`);
        expect([path, res?.status()]).toEqual([path, 404]);
      }
    } finally {
      await context.close();
    }
  });
});
