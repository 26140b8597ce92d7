// Password reset in a real browser: "Forgot your password?" on the sign-in page → the email in the
// outbox → its link → a new password → every old session is gone → signing in with the new
// password still asks for the second factor.
import * as OTPAuth from "otpauth";
import type { Browser } from "playwright-core";
import { db } from "@/lib/db";
import { addMember, createCustomer, createUser, DEFAULT_TEST_PASSWORD } from "@/tests/helpers/factories";
import { launchChromium } from "@/tests/helpers/browser";

const BASE = process.env.E2E_BASE_URL as string;
const SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF";
const NEW_PASSWORD = "harbour-lantern-velvet-93";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it("forgot password → email → link → new password → sign in with the second factor", async () => {
  const customer = await createCustomer(db);
  const user = await createUser(db, { totpSecret: SECRET });
  await addMember(db, user.id, customer.id, { preset: "owner" });
  const oldSession = await db.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), twoFactorVerifiedAt: new Date() } });

  const page = await browser.newPage();
  await page.goto(`${BASE}/login`);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.waitForURL(`${BASE}/forgot-password`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("reset-requested").innerText()).resolves.toContain("If an account exists");

  const email = await db.emailMessage.findFirstOrThrow({ where: { toAddress: user.email, subject: "Reset your Portico password" } });
  const link = email.textBody.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/)?.[0];
  expect(link).toBeDefined();
  await page.goto(link!);
  await page.getByRole("textbox", { name: "New password", exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("short");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await page.getByText("Use at least 12 characters.").waitFor();
  await page.getByRole("textbox", { name: "New password", exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await page.getByTestId("reset-done").waitFor();
  expect((await db.session.findUniqueOrThrow({ where: { id: oldSession.id } })).revokedAt).not.toBeNull();

  // The link is used up.
  await page.goto(link!);
  await page.getByTestId("reset-link-invalid").waitFor();

  await page.goto(`${BASE}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(DEFAULT_TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("The email address or password is not correct.").waitFor();
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${BASE}/login/2fa`);
  await page.getByLabel("Authentication code").fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(SECRET) }).generate());
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`${BASE}/dashboard`);
  expect(await db.emailMessage.count({ where: { toAddress: user.email, subject: "Your Portico password was reset" } })).toBe(1);
  await page.close();
});
