// One schema per security-key form, shared by the client components and the server actions.
// Messages are keys under the "securityKeys" namespace of messages/<locale>/securityKeys.json.
import { z } from "zod";

export const SECURITY_KEY_NAME_MAX = 60;

export const securityKeyNameSchema = z.object({
  name: z.string().trim().min(1, "errors.nameRequired").max(SECURITY_KEY_NAME_MAX, "errors.nameTooLong"),
});
export type SecurityKeyNameInput = z.infer<typeof securityKeyNameSchema>;

const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/);
const TRANSPORTS = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"] as const;

// What @simplewebauthn/browser's startRegistration()/startAuthentication() return, checked for shape
// and size only: @simplewebauthn/server verifies the contents.
const credentialBase = {
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

export const registrationResponseSchema = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64url(20_000),
    attestationObject: base64url(60_000),
    authenticatorData: base64url(20_000).optional(),
    transports: z.array(z.string().max(20)).max(10).transform((list) => list.filter((t): t is (typeof TRANSPORTS)[number] => (TRANSPORTS as readonly string[]).includes(t))).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(20_000).optional(),
  }),
});

export const authenticationResponseSchema = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64url(20_000),
    authenticatorData: base64url(20_000),
    signature: base64url(2_000),
    userHandle: z
      .string()
      .max(1400)
      .nullish()
      .transform((v) => v ?? undefined),
  }),
});

export const registerSecurityKeySchema = securityKeyNameSchema.extend({ response: registrationResponseSchema });

/** Removing a key is a 2FA change: it asks for the password again. */
export const removeSecurityKeySchema = z.object({
  id: z.guid({ message: "errors.notFound" }),
  password: z.string().min(1, "errors.passwordRequired").max(1024, "errors.passwordRequired"),
});
export type RemoveSecurityKeyInput = z.infer<typeof removeSecurityKeySchema>;
