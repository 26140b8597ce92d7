// The domain contacts page in Chromium on a phone-sized screen: the demo owner opens it from the
// domain page, gives the technical contact details of its own (with the keyboard), is told next to
// the field that a phone without the country code will not do, fixes it and saves; the row is
// stored in EPP's form, one registry update is queued and the page says it is pending. What it
// changes is put back.
import type { Browser } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
const DOMAIN = "acmestudio.eu";
let browser: Browser;
let domainId: string;

describe("the domain contacts page", () => {
  beforeAll(async () => {
    domainId = (await db.domain.findUniqueOrThrow({ where: { name: DOMAIN }, select: { id: true } })).id;
    // The seed gives demo domains the account's details as contacts; start from a domain without rows.
    await db.domainContact.deleteMany({ where: { domainId } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await db.registrarJob.deleteMany({ where: { domainId, operation: "set_contacts" } });
    await db.domainContact.deleteMany({ where: { domainId } });
  });

  it("the owner gives the domain its own technical contact on a phone", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/domains/${domainId}`);
      await page.getByTestId("domain-contacts-link").click();
      await page.getByRole("heading", { level: 1, name: `Contacts of ${DOMAIN}` }).waitFor();
      // Nothing saved yet: the account's details are offered, and the page fits the screen.
      await page.getByText("These are your account's details.").waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

      const tech = page.getByRole("group", { name: "Technical contact" });
      const same = tech.getByRole("checkbox", { name: "Same as the registrant" });
      expect(await same.isChecked()).toBe(true);
      expect(await tech.getByLabel("Phone").count()).toBe(0);
      await same.focus();
      await page.keyboard.press("Space");
      // The fields start from the registrant's details.
      await expect(tech.getByLabel("Phone").inputValue()).resolves.toBe("+84.2838234567");

      await tech.getByLabel("Name").fill("Tomáš Technik");
      await tech.getByLabel("Email").fill("tech@acme.example");
      await tech.getByLabel("Phone").fill("0903 123 456");
      await page.getByTestId("save-contacts").click();
      await tech.getByText("Start with + and the country code, e.g. +36 1 234 5678.").waitFor();
      await expect(tech.getByLabel("Phone").getAttribute("aria-invalid")).resolves.toBe("true");
      expect(await db.domainContact.count({ where: { domainId } })).toBe(0);
      expect(await db.registrarJob.count({ where: { domainId, operation: "set_contacts" } })).toBe(0);

      await tech.getByLabel("Phone").fill("+36 1 234 5678");
      await page.getByTestId("save-contacts").click();
      await page.getByText("Saved. The contacts are on their way to the registry.").waitFor();
      await page.getByText("Pending at the registry").waitFor();
      // What the registry will get is shown back in its form.
      await expect(tech.getByLabel("Phone").inputValue()).resolves.toBe("+36.12345678");
      expect(await db.domainContact.findUniqueOrThrow({ where: { domainId_role: { domainId, role: "tech" } } })).toMatchObject({ name: "Tomáš Technik", email: "tech@acme.example", phone: "+36.12345678" });
      expect(await db.domainContact.findUniqueOrThrow({ where: { domainId_role: { domainId, role: "admin" } } })).toMatchObject({ phone: "+84.2838234567" });
      expect(await db.registrarJob.findMany({ where: { domainId, operation: "set_contacts" }, select: { status: true } })).toEqual([{ status: "queued" }]);
    } finally {
      await context.close();
    }
  });
});
