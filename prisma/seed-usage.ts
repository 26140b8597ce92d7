import type { Prisma } from "@/lib/generated/prisma/client";

/** Demo data of issue 5 (being built). */
export async function seedUsage(_tx: Prisma.TransactionClient, _now: Date, _demoCustomerIds: string[]): Promise<void> {}
