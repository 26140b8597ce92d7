// Which second factors a user has. TOTP and security keys count alike for the "2FA required" rules
// (staff, and customers that demand it): a user with only security keys has 2FA.

/** The columns `hasSecondFactor` reads; spread into a Prisma `select` of User. */
export const secondFactorSelect = {
  totpEnabledAt: true,
  webAuthnCredentials: { select: { id: true }, take: 1 },
} as const;

export function hasSecondFactor(user: { totpEnabledAt: Date | null; webAuthnCredentials: readonly unknown[] }): boolean {
  return Boolean(user.totpEnabledAt) || user.webAuthnCredentials.length > 0;
}
