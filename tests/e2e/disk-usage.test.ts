// Disk and bandwidth usage of a hosting service in Chromium, on a phone: the demo owner opens the
// usage page of an Acme hosting service with seeded samples, sees both charts (svg) and the quota
// bars, switches to 90 days; another customer's service usage URL answers 404.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;

let browser: Browser;
let context: BrowserContext;
let phone: Page;
let ownId: string;
let foreignId: string;

describe("disk usage page in the browser", () => {
  beforeAll(async () => {
    ownId = (await db.service.findFirstOrThrow({ where: { customer: { contractNumber: "C-1001" }, kind: "hosting", usageSamples: { some: {} } }, select: { id: true } })).id;
    foreignId = (await db.service.findFirstOrThrow({ where: { customer: { contractNumber: { not: "C-1001" } } }, select: { id: true } })).id;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone = await context.newPage();
    await signInAsDemo(phone, "owner@demo.portico.test");
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("shows the charts and quota bars and switches the range", async () => {
    const res = await phone.goto(`${BASE}/services/${ownId}/usage`);
    expect(res?.status()).toBe(200);
    await phone.getByTestId("disk-chart").locator("svg").first().waitFor();
    expect(await phone.getByTestId("bandwidth-chart").locator("svg").count()).toBeGreaterThan(0);
    expect(await phone.getByTestId("disk-quota").isVisible()).toBe(true);
    expect(await phone.getByTestId("bandwidth-quota").isVisible()).toBe(true);
    expect(await phone.getByTestId("usage-range").locator('a[aria-current="page"]').getAttribute("href")).toBe(`/services/${ownId}/usage`);
    const monthRows = await phone.getByTestId("usage-row").count();
    expect(monthRows).toBeGreaterThan(0);
    expect(monthRows).toBeLessThanOrEqual(30);
    await phone.locator(`nav a[href="/services/${ownId}/usage?days=90"]`).click();
    await phone.waitForURL(/days=90/);
    await phone.getByTestId("disk-chart").locator("svg").first().waitFor();
    expect(await phone.getByTestId("usage-range").locator('a[aria-current="page"]').getAttribute("href")).toBe(`/services/${ownId}/usage?days=90`);
    const quarterRows = await phone.getByTestId("usage-row").count();
    expect(quarterRows).toBeGreaterThan(monthRows);
    expect(quarterRows).toBeLessThanOrEqual(90);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  }, 60_000);

  it("answers 404 for another customer's service", async () => {
    const res = await phone.goto(`${BASE}/services/${foreignId}/usage`);
    expect(res?.status()).toBe(404);
  }, 60_000);
});
