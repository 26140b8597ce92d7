import "server-only";
import type { InvoiceKind, Prisma } from "@/lib/generated/prisma/client";

/** Numbering series per document kind; each counts from 1 every year. */
export const SERIES: Record<InvoiceKind, string> = { proforma: "PF", tax: "INV", credit_note: "CN" };

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
