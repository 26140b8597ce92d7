// The domain page in Chromium: the demo owner switches auto-renew off and on, is told next to the
// field that one nameserver is not enough, sends two valid ones to the registry, and sees the EPP
// code only after confirming the password (a wrong one is refused). What it changes is put back.
import type { Browser } from "playwright-core";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
let browser: Browser;
let domainId: string;

describe("the domain page", () => {
  beforeAll(async () => {
    domainId = (await db.domain.findUniqueOrThrow({ where: { name: "acme-studio.vn" }, select: { id: true } })).id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await db.registrarJob.deleteMany({ where: { domainId } });
    await db.domain.update({ where: { id: domainId }, data: { autoRenew: true } });
  });

  it("changes auto-renew, checks nameservers, and reveals the EPP code after the password", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, "owner@demo.portico.test");
      await page.goto(`${BASE}/domains/${domainId}`);
      await page.getByRole("heading", { level: 1, name: "acme-studio.vn" }).waitFor();

      await page.getByTestId("auto-renew").uncheck();
      await page.getByText("Without auto-renew the domain expires").waitFor();
      // The box changes at once; the server's save follows.
      const autoRenew = async () => (await db.domain.findUniqueOrThrow({ where: { id: domainId } })).autoRenew;
      for (let i = 0; i < 50 && (await autoRenew()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await autoRenew()).toBe(false);
      await page.getByTestId("auto-renew").check();
      await page.getByText("Without auto-renew the domain expires").waitFor({ state: "detached" });

      const form = page.getByTestId("nameservers-form");
      await form.getByRole("button", { name: "Remove nameserver 2" }).click();
      await page.getByTestId("save-nameservers").click();
      await page.getByText("Enter at least 2 nameservers.").waitFor();
      expect(await db.registrarJob.count({ where: { domainId, operation: "set_nameservers" } })).toBe(0);
      await form.getByRole("button", { name: "Add nameserver" }).click();
      await page.getByLabel("Nameserver 1", { exact: true }).fill("ns1.example.net");
      await page.getByLabel("Nameserver 2", { exact: true }).fill("ns2.example.net");
      await page.getByTestId("save-nameservers").click();
      await page.getByText("Sent to the registry.").waitFor();
      expect(await db.registrarJob.findFirstOrThrow({ where: { domainId, operation: "set_nameservers" } })).toMatchObject({ status: "queued", payload: { nameservers: [{ host: "ns1.example.net" }, { host: "ns2.example.net" }] } });

      await page.getByLabel("Confirm with your password").fill("not-my-password");
      await page.getByTestId("reveal-epp").click();
      await page.getByText("That password is not right.").waitFor();
      await page.getByLabel("Confirm with your password").fill(DEMO_PASSWORD);
      await page.getByTestId("reveal-epp").click();
      const registry = await db.sandboxRegistryDomain.findUniqueOrThrow({ where: { name: "acme-studio.vn" } });
      await expect(page.getByTestId("epp-code").innerText()).resolves.toBe(registry.authCode);
      expect(await db.auditEvent.count({ where: { targetId: domainId, action: "domains.epp_code.revealed" } })).toBe(1);
    } finally {
      await context.close();
    }
  });
});
