// The DNS zone editor in Chromium: the demo owner opens acme-studio.vn's zone, is told next to the
// field that an address is not valid, adds an MX record, saves, and finds it in the exported BIND
// file; the Billing preset and another customer get a 404 for the zone and its export.
import type { Browser } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";
import { get, sessionCookie } from "@/tests/helpers/http-login";
import { DEMO_PASSWORD } from "@/prisma/seed";

const BASE = process.env.E2E_BASE_URL as string;
let browser: Browser;
let domainId: string;

describe("the DNS zone editor", () => {
  beforeAll(async () => {
    domainId = (await db.domain.findUniqueOrThrow({ where: { name: "acme-studio.vn" }, select: { id: true } })).id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    // Put the demo zone back as the seed left it (no zone yet).
    await db.dnsZone.deleteMany({ where: { name: "acme-studio.vn" } });
  });

  it("adds an MX record and finds it in the exported zone file", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/domains/${domainId}`);
      await page.getByTestId("domain-dns-link").click();
      await page.getByRole("heading", { level: 1, name: "DNS zone of acme-studio.vn" }).waitFor();

      // An A record with a bad address: the error is next to its field and nothing is saved.
      await page.getByTestId("add-record").click();
      await page.getByLabel("Value of record 1").fill("203.0.113.300");
      await page.getByTestId("save-zone").click();
      await page.getByText("Enter an IPv4 address such as 192.0.2.10.").waitFor();
      expect(await db.dnsZone.count({ where: { name: "acme-studio.vn" } })).toBe(0);

      await page.getByLabel("Value of record 1").fill("203.0.113.30");
      await page.getByTestId("add-record").click();
      await page.getByLabel("Type of record 2").selectOption("MX");
      await page.getByLabel("Priority of record 2").fill("10");
      await page.getByLabel("Value of record 2").fill("mail.acme-studio.vn.");
      await page.getByTestId("save-zone").click();
      await page.getByTestId("zone-saved").waitFor();
      await expect(page.getByTestId("zone-saved").innerText()).resolves.toContain("2 added");

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-zone").click()]);
      expect(download.suggestedFilename()).toBe("acme-studio.vn.zone");
      const text = await download.createReadStream().then(async (stream) => {
        let body = "";
        for await (const chunk of stream) body += chunk;
        return body;
      });
      expect(text).toContain("$ORIGIN acme-studio.vn.");
      expect(text).toMatch(/^@\t3600\tIN\tMX\t10 mail\.acme-studio\.vn\.$/m);
      expect(text).toMatch(/^@\t3600\tIN\tA\t203\.0\.113\.30$/m);
    } finally {
      await context.close();
    }
  });

  it("shows the Billing preset and another customer no DNS", async () => {
    for (const email of ["billing@demo.portico.test", "other@demo.portico.test"]) {
      const cookie = await sessionCookie(email, DEMO_PASSWORD);
      for (const path of [`/domains/${domainId}/dns`, `/domains/${domainId}/dns/export`]) expect([email, path, (await get(path, cookie)).status]).toEqual([email, path, 404]);
    }
  });
});
