import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A package change charged on `invoiceId` is applied once it is paid (being built: issue 5 upgrades). */
export async function applyPaidUpgrades(_tx: Prisma.TransactionClient, _invoiceId: string, _now: Date): Promise<void> {}
