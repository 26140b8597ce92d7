// The forms of /account/security (password change, sessions, VPN password), shared by
// react-hook-form on the client and the server actions. Messages are keys of the "accountSecurity"
// namespace. The common-password list is checked on the server only (lib/auth/password.ts reads
// it from disk); its refusal comes back on the same field.
import { z } from "zod";

/** The account's password policy (lib/auth/password.ts has the same numbers and the common-password list). */
export const NEW_PASSWORD_MIN = 12;
export const NEW_PASSWORD_MAX = 1024;

// No trim: spaces are characters of a password. Length in code points, as the server counts it.
const newPassword = z
  .string()
  .refine((v) => [...v].length >= NEW_PASSWORD_MIN, "errors.passwordShort")
  .refine((v) => v.length <= NEW_PASSWORD_MAX, "errors.passwordLong");

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "errors.currentRequired").max(NEW_PASSWORD_MAX, "errors.wrongCurrent"),
    newPassword,
    confirmPassword: z.string(),
    signOutOthers: z.boolean(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordsDiffer" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "errors.passwordUnchanged" });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const revokeSessionSchema = z.object({ sessionId: z.guid({ message: "errors.sessionGone" }) });

export const vpnPasswordSchema = z
  .object({
    serviceId: z.guid({ message: "errors.notFound" }),
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordsDiffer" });
export type VpnPasswordInput = z.infer<typeof vpnPasswordSchema>;

export type PasswordStrength = 0 | 1 | 2 | 3 | 4;

/**
 * A rough guide for the meter under the field (0 too short … 4 strong): length counts most, mixing
 * kinds of characters a little, and repeating one character or running a sequence counts against.
 * Not a rule: the server's rule is the length and the common-password list.
 */
export function passwordStrength(password: string): PasswordStrength {
  const length = [...password].length;
  if (length < NEW_PASSWORD_MIN) return 0;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const distinct = new Set(password.toLowerCase()).size;
  let score = 1;
  if (length >= 16) score++;
  if (length >= 20) score++;
  if (kinds >= 3) score++;
  if (distinct < Math.min(8, length / 2)) score -= 2;
  return Math.max(1, Math.min(4, score)) as PasswordStrength;
}
