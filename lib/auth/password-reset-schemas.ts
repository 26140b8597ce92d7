// The forms of /forgot-password and /reset-password/[token], shared by react-hook-form and the
// server actions. Messages are keys under the "authRecovery" namespace. The common-password check
// needs the server's list, so the server adds it (lib/auth/password.ts passwordProblem).
import { z } from "zod";

/** The same minimum as lib/auth/password.ts PASSWORD_MIN_LENGTH (that file is server-only; a unit test keeps them equal). */
export const RESET_PASSWORD_MIN_LENGTH = 12;

export const forgotPasswordSchema = z.object({
  email: z.string().trim().min(1, "errors.emailRequired").max(320, "errors.emailInvalid").email("errors.emailInvalid"),
});
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1, "errors.invalidLink").max(200, "errors.invalidLink"),
    // Counted in characters (code points), as the server does.
    password: z
      .string()
      .min(1, "errors.passwordRequired")
      .max(1024, "errors.passwordTooLong")
      .refine((v) => [...v].length >= RESET_PASSWORD_MIN_LENGTH, "errors.passwordTooShort"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.passwordMismatch" });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
