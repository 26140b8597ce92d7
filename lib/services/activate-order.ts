import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** An order paid by `invoiceId` starts provisioning its services (being built: issue 5 ordering). */
export async function activateOrderForInvoice(_tx: Prisma.TransactionClient, _invoiceId: string, _now: Date): Promise<void> {}
