import "server-only";
import { hash, verify } from "@node-rs/argon2";
import fs from "node:fs";
import path from "node:path";

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1). Algorithm 2 = argon2id.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
// argon2 hashes the whole input, so nothing is truncated; the cap only stops abuse of CPU time.
export const PASSWORD_MAX_LENGTH = 1024;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFKC"));
  } catch {
    return false;
  }
}

// Verifying against this keeps an unknown email as slow as a wrong password (no timing oracle).
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("portico-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
  return false;
}

let commonPasswords: Set<string> | undefined;
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(
    fs
      .readFileSync(path.join(process.cwd(), "lib/auth/common-passwords.txt"), "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("#")),
  );
  return commonPasswords.has(password.toLowerCase());
}

export type PasswordProblem = "too_short" | "too_long" | "too_common";

/** Server-side policy; the zod schemas call it too, so client and server agree. */
export function passwordProblem(password: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return "too_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "too_long";
  if (isCommonPassword(password)) return "too_common";
  return null;
}
