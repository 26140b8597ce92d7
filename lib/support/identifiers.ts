import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Routes email replies to a ticket; 24 hex characters, unguessable. */
export function newReplyToken(): string {
  return randomBytes(12).toString("hex");
}

/** "T-100001", … from one Postgres sequence, so concurrent tickets never share a number. */
export async function nextTicketNumber(tx: Prisma.TransactionClient): Promise<string> {
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('ticket_number_seq') AS n`;
  return `T-${row.n}`;
}
