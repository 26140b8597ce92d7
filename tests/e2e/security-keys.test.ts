// Security keys in a real browser: Chromium's virtual authenticator (CDP WebAuthn domain) stands in
// for a USB key. The owner adds a key on /account/security, then signs in again with it at /login/2fa.
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { DEFAULT_TEST_PASSWORD, createCustomerWithOwner } from "@/tests/helpers/factories";
import { launchChromium } from "@/tests/helpers/browser";

// Browsers refuse an IP address as a WebAuthn RP ID; the app serves a loopback APP_URL to WebAuthn
// as localhost (lib/auth/webauthn.ts), so this test opens the app through localhost.
const BASE = (process.env.E2E_BASE_URL as string).replace("://127.0.0.1:", "://localhost:");

describe("security keys in the browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(page: Page, email: string) {
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEFAULT_TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login") || url.pathname.startsWith("/login/2fa"));
  }

  it("an owner adds a key with the virtual authenticator, then signs in with it", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "usb", hasResidentKey: false, hasUserVerification: true, isUserVerified: true },
    });

    await signIn(page, owner.email);
    await page.waitForURL(`${BASE}/dashboard`);
    await page.goto(`${BASE}/account/security`);
    const section = page.getByTestId("security-keys");
    await expect(section.innerText()).resolves.toContain("You have not added a security key yet.");
    await page.getByLabel("Name of the new key").fill("Virtual key");
    await page.getByRole("button", { name: "Add security key" }).click();
    await section.getByText("Security key “Virtual key” added.").waitFor();
    await page.getByTestId("security-key-row").filter({ hasText: "Virtual key" }).waitFor();

    const stored = await db.webAuthnCredential.findFirstOrThrow({ where: { userId: owner.id } });
    expect(stored).toMatchObject({ name: "Virtual key", transports: ["usb"], lastUsedAt: null });
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials.map((c) => Buffer.from(c.credentialId, "base64").toString("base64url"))).toEqual([stored.credentialId]);

    // A second key of the same name is refused next to the field, before the key is touched.
    await page.getByLabel("Name of the new key").fill("virtual KEY");
    await page.getByRole("button", { name: "Add security key" }).click();
    await page.getByText("You already have a key with this name.").waitFor();

    // Sign in again: the password step now leads to the second step, passed with the key.
    await page.context().clearCookies();
    await signIn(page, owner.email);
    expect(new URL(page.url()).pathname).toBe("/login/2fa");
    await page.getByRole("button", { name: "Use a security key" }).click();
    await page.waitForURL(`${BASE}/dashboard`);

    const used = await db.webAuthnCredential.findFirstOrThrow({ where: { id: stored.id } });
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.counter >= stored.counter).toBe(true);
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.2fa.security_key.used" } })).toBe(1);

    // The security page lists when it was last used; removing it asks for the password.
    await page.goto(`${BASE}/account/security`);
    const row = page.getByTestId("security-key-row").filter({ hasText: "Virtual key" });
    await expect(row.innerText()).resolves.not.toContain("Never");
    await row.getByRole("button", { name: "Remove: Virtual key" }).click();
    const confirm = page.getByTestId("remove-security-key");
    await confirm.getByLabel("Your password").fill("not-my-password");
    await confirm.getByRole("button", { name: "Remove key" }).click();
    await confirm.getByText("The password is not correct.").waitFor();
    await confirm.getByLabel("Your password").fill(DEFAULT_TEST_PASSWORD);
    await confirm.getByRole("button", { name: "Remove key" }).click();
    await page.getByText("Security key removed.").waitFor();
    expect(await db.webAuthnCredential.count({ where: { userId: owner.id } })).toBe(0);
    await page.close();
  });
});
