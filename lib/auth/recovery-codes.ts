import "server-only";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { sha256 } from "./crypto";

// Leaving out 0/O and 1/I/L so codes are easy to read aloud and type from paper.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const RECOVERY_CODE_COUNT = 10;

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

export function normaliseRecoveryCode(input: string): string {
  const raw = input.toUpperCase().replace(/[^0-9A-Z]/g, "");
  return raw.length === 10 ? `${raw.slice(0, 5)}-${raw.slice(5)}` : raw;
}

type Tx = Pick<typeof db, "recoveryCode">;

/** Replaces all codes of the user; returns the plain codes, which are shown once and never stored. */
export async function issueRecoveryCodes(userId: string, tx: Tx = db): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: sha256(code) })) });
  return codes;
}

/** Marks a code used; the conditional update makes it single-use even under racing requests. */
export async function consumeRecoveryCode(userId: string, input: string): Promise<boolean> {
  const used = await db.recoveryCode.updateMany({
    where: { userId, codeHash: sha256(normaliseRecoveryCode(input)), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1;
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
