// Signing the demo personas in through the real form in browser tests. The server refuses a TOTP
// time step it has already accepted for the user (replay protection), and several test files sign
// in as the same demo staff user, so codes wait for a step newer than the one the database recorded.
import * as OTPAuth from "otpauth";
import type { Page } from "playwright-core";
import { db } from "@/lib/db";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "@/prisma/seed";

export async function freshDemoTotp(email: string): Promise<string> {
  for (;;) {
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { totpLastStep: true } });
    const step = Math.floor(Date.now() / 30_000);
    if (user.totpLastStep === null || BigInt(step) > user.totpLastStep) {
      return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET) }).generate({ timestamp: step * 30_000 });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Email and password (and a TOTP code for staff), then waits for the landing page. */
export async function signInAsDemo(page: Page, email: string, opts: { totp?: boolean } = {}) {
  const base = process.env.E2E_BASE_URL as string;
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (opts.totp) {
    await page.waitForURL(`${base}/login/2fa`);
    await page.getByLabel("Authentication code").fill(await freshDemoTotp(email));
    await page.getByRole("button", { name: "Verify" }).click();
  }
  await page.waitForURL((url) => url.pathname === "/dashboard" || url.pathname === "/admin");
}
