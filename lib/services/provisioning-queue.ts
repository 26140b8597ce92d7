import "server-only";
import type { Prisma, ProvisioningOperation } from "@/lib/generated/prisma/client";

export type EnqueueProvisioningInput = {
  serviceId: string;
  operation: ProvisioningOperation;
  /** Makes the call once per purpose: "create:<serviceId>", "upgrade:<upgradeId>", …; a second enqueue returns the first job. */
  idempotencyKey?: string;
  payload?: Prisma.InputJsonValue;
  requestedByUserId?: string | null;
  now?: Date;
};

/**
 * Queues a module call for the worker, in the caller's transaction (so the call is queued exactly
 * when the change that needs it commits). The service shows "provisioning…" until the job ends.
 */
export async function enqueueProvisioningJob(tx: Prisma.TransactionClient, input: EnqueueProvisioningInput): Promise<{ jobId: string; created: boolean }> {
  const now = input.now ?? new Date();
  if (input.idempotencyKey) {
    const existing = await tx.provisioningJob.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
    if (existing) return { jobId: existing.id, created: false };
  }
  const rows = await tx.provisioningJob.createManyAndReturn({
    data: [
      {
        serviceId: input.serviceId,
        operation: input.operation,
        idempotencyKey: input.idempotencyKey ?? null,
        payload: input.payload,
        requestedByUserId: input.requestedByUserId ?? null,
        runAfter: now,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (rows.length === 0) {
    // A concurrent transaction queued the same purpose first.
    const existing = await tx.provisioningJob.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey! }, select: { id: true } });
    return { jobId: existing.id, created: false };
  }
  await tx.service.update({ where: { id: input.serviceId }, data: { provisioningState: "queued", provisioningError: null } });
  return { jobId: rows[0].id, created: true };
}
