// One schema per form, shared by react-hook-form on the client and the server action.
// Messages are keys under the "auth" namespace of messages/<locale>/auth.json.
import { z } from "zod";

export const loginSchema = z.object({
  email: z.string().trim().min(1, "errors.emailRequired").max(320, "errors.emailInvalid").email("errors.emailInvalid"),
  password: z.string().min(1, "errors.passwordRequired").max(1024, "errors.passwordTooLong"),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const totpCodeSchema = z.object({
  code: z.string().trim().regex(/^\d{3}\s?\d{3}$/, "errors.codeFormat"),
});

/** At the challenge either a 6-digit code or a recovery code (XXXXX-XXXXX). */
export const challengeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "errors.codeRequired")
    .refine((v) => /^\d{3}\s?\d{3}$/.test(v) || /^[0-9A-Za-z]{5}-?[0-9A-Za-z]{5}$/.test(v), "errors.codeFormat"),
});
export type ChallengeInput = z.infer<typeof challengeSchema>;

export const requireTwoFactorSchema = z.object({ required: z.enum(["on", "off"]) });
