import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

// Secrets at rest (TOTP seeds) are AES-256-GCM encrypted with a key from ENCRYPTION_KEY, or
// derived from AUTH_SECRET when that is not set, so a database dump alone does not give them away.
function key(): Buffer {
  const explicit = process.env.ENCRYPTION_KEY;
  if (explicit) return Buffer.from(hkdfSync("sha256", explicit, "portico", "encryption-key", 32));
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET (or ENCRYPTION_KEY) must be set");
  return Buffer.from(hkdfSync("sha256", secret, "portico", "encryption-key", 32));
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** For high-entropy tokens (recovery codes): a fast hash is enough, there is nothing to brute-force. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
