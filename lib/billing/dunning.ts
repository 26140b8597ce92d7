import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Unsuspends the services that dunning suspended because of this invoice, now that it is paid.
 * Placeholder until the dunning run lands (it replaces this file).
 */
export async function releaseOverdueSuspensions(_tx: Prisma.TransactionClient, _invoiceId: string, _now: Date): Promise<void> {}
