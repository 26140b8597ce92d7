import "server-only";
import type { InvoiceKind, Prisma } from "@/lib/generated/prisma/client";

/** Numbering series per document kind; each counts from 1 every year. */
export const SERIES: Record<InvoiceKind, string> = { proforma: "PF", tax: "INV", credit_note: "CN" };

// The bank reference's first digit tells the series apart, so references never collide across series.
const REFERENCE_DIGIT: Record<string, string> = { PF: "1", INV: "2", CN: "3", Q: "4" };

/**
 * A numeric payment reference (Slovak "variabilný symbol": at most 10 digits) for a numbered
 * document: series digit, two-digit year, seven-digit position. Unique because the number is.
 */
export function paymentReferenceFor(series: string, year: number, sequence: number): string {
  const digit = REFERENCE_DIGIT[series];
  if (!digit) throw new Error(`no payment reference digit for series ${series}`);
  if (sequence >= 10_000_000) throw new Error("sequence too large for a 10-digit payment reference");
  return `${digit}${String(year % 100).padStart(2, "0")}${String(sequence).padStart(7, "0")}`;
}

export function formatDocumentNumber(series: string, year: number, sequence: number): string {
  return `${series}-${year}-${String(sequence).padStart(6, "0")}`;
}

/**
 * The next number of `series` in `year`, taken inside the caller's transaction. The UPDATE locks
 * the series row until that transaction ends, so concurrent issuers queue up, and a rollback gives
 * the number back: numbers are sequential and gap-free, as Slovak and Hungarian law require.
 */
export async function takeNextNumber(tx: Prisma.TransactionClient, series: string, year: number): Promise<{ sequence: number; number: string }> {
  await tx.$executeRaw`INSERT INTO "InvoiceSequence" ("series", "year", "next") VALUES (${series}, ${year}, 1) ON CONFLICT DO NOTHING`;
  const [row] = await tx.$queryRaw<{ sequence: number }[]>`
    UPDATE "InvoiceSequence" SET "next" = "next" + 1
    WHERE "series" = ${series} AND "year" = ${year}
    RETURNING "next" - 1 AS "sequence"`;
  const sequence = Number(row.sequence);
  return { sequence, number: formatDocumentNumber(series, year, sequence) };
}
