// TOTP codes for the demo staff logins in browser tests. The server refuses a time step it has
// already accepted for the user (replay protection), and several test files sign in as the same
// demo user, so wait for a step newer than the last one the database recorded.
import * as OTPAuth from "otpauth";
import { db } from "@/lib/db";

export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

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
