import type { Prisma } from "@/lib/generated/prisma/client";

/** Demo data of issue 5 (being built). */
export async function seedServices(_tx: Prisma.TransactionClient, _now: Date): Promise<void> {}
