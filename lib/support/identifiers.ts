import type { Prisma } from "@/lib/generated/prisma/client";
import { generateTicketToken } from "./email-reply";

/** Routes email replies to a ticket (reply address and subject tag); unguessable. */
export const newReplyToken = generateTicketToken;

/** "T-100001", … from one Postgres sequence, so concurrent tickets never share a number. */
export async function nextTicketNumber(tx: Prisma.TransactionClient): Promise<string> {
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('ticket_number_seq') AS n`;
  return `T-${row.n}`;
}
