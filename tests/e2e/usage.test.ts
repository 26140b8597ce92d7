// VoIP call records and housing traffic in Chromium, on a phone: the demo owner filters Acme's
// calls to inbound ones, pages to older calls and back, finds the CSV link; opens the housing
// traffic with a chart per address, switches to the last 24 hours and sees the monthly totals.
// Staff: the demo administrator imports a call-records file (and again: nothing new), and rejects
// a cancellation request with a reason after the confirmation. What the test made is removed after.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
const SUFFIX = randomBytes(3).toString("hex");

let browser: Browser;
let customer: BrowserContext;
let staff: BrowserContext;
let phone: Page;
let admin: Page;
let voipId: string;
let housingId: string;
let requestId: string;

const fitsWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

// One outer block: its afterAll runs before the setup file closes the database pool.
describe("usage pages in the browser", () => {
  beforeAll(async () => {
    const acme = { customer: { contractNumber: "C-1001" } };
    voipId = (await db.service.findFirstOrThrow({ where: { ...acme, kind: "voip" }, select: { id: true } })).id;
    const housing = await db.service.findFirstOrThrow({ where: { ...acme, kind: "housing" }, select: { id: true, customerId: true } });
    housingId = housing.id;
    // A waiting request on the demo housing service, for the staff page (removed after).
    requestId = (
      await db.cancellationRequest.create({
        data: { serviceId: housingId, customerId: housing.customerId, timing: "end_of_period", reason: `Browser test ${SUFFIX}: moving the server in-house.`, effectiveOn: new Date(Date.now() + 40 * 86_400_000) },
      })
    ).id;
    browser = await launchChromium();
    customer = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone = await customer.newPage();
    await signInAsDemo(phone, "owner@demo.portico.test");
    staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    admin = await staff.newPage();
    await signInAsDemo(admin, "admin@demo.portico.test", { totp: true });
  }, 120_000);

  afterAll(async () => {
    await db.callRecord.deleteMany({ where: { serviceId: voipId, externalId: { startsWith: `e2e-${SUFFIX}` } } });
    await db.cancellationRequest.deleteMany({ where: { id: requestId } });
    await db.service.update({ where: { id: housingId }, data: { cancelAt: null } });
    await customer?.close();
    await staff?.close();
    await browser?.close();
  });

  describe("the demo owner on a phone", () => {
    it("filters the call records to inbound calls, pages to older ones and back", async () => {
      const from = isoDay(new Date(Date.now() - 30 * 86_400_000));
      await phone.goto(`${BASE}/services/${voipId}/calls?from=${from}`);
      await phone.getByTestId("call-row").first().waitFor();
      expect(await phone.getByTestId("call-row").count()).toBe(50);
      await phone.getByLabel("Direction").selectOption("inbound");
      await phone.getByRole("button", { name: "Show" }).click();
      await phone.waitForURL((url) => url.searchParams.get("direction") === "inbound");
      const directions = await phone.getByTestId("call-row").locator("td:nth-child(2)").allInnerTexts();
      expect(new Set(directions.map((d) => d.trim()))).toEqual(new Set(["Inbound"]));
      const firstRow = await phone.getByTestId("call-row").first().innerText();

      await phone.getByRole("link", { name: "Older calls →" }).click();
      await phone.waitForURL((url) => url.searchParams.has("older"));
      expect(await phone.getByTestId("call-row").first().innerText()).not.toBe(firstRow);
      await phone.getByRole("link", { name: "← Newer calls" }).click();
      await phone.waitForURL((url) => url.searchParams.has("newer"));
      expect(await phone.getByTestId("call-row").first().innerText()).toBe(firstRow);

      const csv = await phone.getByTestId("calls-csv").getAttribute("href");
      expect(csv).toContain(`/services/${voipId}/calls/csv?`);
      expect(csv).toContain("direction=inbound");
      expect(await fitsWidth(phone)).toBe(true);
    });

    it("sees a traffic chart per address, the last 24 hours by hour, and the monthly totals", async () => {
      await phone.goto(`${BASE}/services/${housingId}/traffic`);
      await phone.getByTestId("traffic-address").first().waitFor();
      expect(await phone.getByTestId("traffic-address").count()).toBe(2);
      await phone.getByTestId("traffic-chart").first().locator("svg.recharts-surface[role='application']").waitFor();
      await phone.getByRole("link", { name: "Last 24 hours" }).click();
      await phone.waitForURL((url) => url.searchParams.get("range") === "day");
      await expect(phone.getByRole("link", { name: "Last 24 hours" }).getAttribute("aria-current")).resolves.toBe("page");
      await phone.getByTestId("traffic-chart").first().locator("svg.recharts-surface[role='application']").waitFor();
      expect(await phone.getByTestId("traffic-history-row").count()).toBeGreaterThanOrEqual(24);
      expect(await fitsWidth(phone)).toBe(true);
    });
  });

  describe("staff", () => {
    it("import a call-records file; the same file again adds nothing", async () => {
      await admin.goto(`${BASE}/admin/services`);
      await admin.getByRole("link", { name: "Import usage" }).click();
      await admin.getByLabel("Service or customer").fill("Acme");
      await admin.getByRole("button", { name: "Search" }).click();
      await admin.getByTestId("usage-import-service").filter({ hasText: "VoIP Trunk (10 channels)" }).click();
      await admin.waitForURL((url) => url.searchParams.get("service") === voipId);
      const file = {
        name: "calls.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`external_id,started_at,from,to,direction,duration_seconds,cost,currency\ne2e-${SUFFIX}-1,2026-01-05T10:00:00Z,+842838234567,+84912345678,outbound,61,0.05,EUR\n`),
      };
      await admin.getByTestId("usage-file").setInputFiles(file);
      await admin.getByTestId("usage-import-submit").click();
      await admin.getByTestId("usage-import-result").filter({ hasText: "1 added" }).waitFor();
      await admin.getByTestId("usage-file").setInputFiles(file);
      await admin.getByTestId("usage-import-submit").click();
      await admin.getByTestId("usage-import-result").filter({ hasText: "nothing new" }).waitFor();
      expect(await db.callRecord.count({ where: { serviceId: voipId, externalId: `e2e-${SUFFIX}-1` } })).toBe(1);
    });

    it("reject a cancellation request with a reason, after the confirmation", async () => {
      await admin.goto(`${BASE}/admin/services`);
      await admin.getByRole("link", { name: "Cancellation requests" }).click();
      const row = admin.getByTestId("cancellation-row").filter({ hasText: `Browser test ${SUFFIX}` });
      await row.getByTestId(`reject-${requestId}`).click();
      // Without a reason the confirmation says why and stays open.
      await row.getByTestId(`reject-${requestId}-confirm-button`).click();
      await row.getByText("Say why the request is rejected.").waitFor();
      await row.getByLabel("Why (sent to the customer)").fill("The contract's minimum term runs until June.");
      await row.getByTestId(`reject-${requestId}-confirm-button`).click();
      await admin.getByTestId("cancellation-row").filter({ hasText: `Browser test ${SUFFIX}` }).waitFor({ state: "detached" });
      expect(await db.cancellationRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "rejected", staffNote: "The contract's minimum term runs until June." });
    });
  });
});
