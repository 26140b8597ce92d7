import "server-only";
import { db } from "@/lib/db";
import type { DomainStatus } from "@/lib/generated/prisma/client";
import { enqueueRegistrarJob } from "./registrar-jobs";

// The scheduled status sync with the registrar (issue 6, "Jobs"): every hour the worker queues a
// "sync" registrar job for the domains whose registry state Portico has not read for a day, so an
// expiry moved at the registry, a name that expired, was deleted or was transferred away shows up
// without anyone asking. The registrar job runner (registrar-jobs.ts) does the calls, with retries.

/** States whose registry state can change by itself; pending registrations and finished domains are left alone. */
export const SYNCED_STATUSES: readonly DomainStatus[] = ["active", "expired", "pending_transfer"];
export const SYNC_INTERVAL_MS = 24 * 60 * 60_000;
/** Syncs queued per run: 24 runs a day keep up with about 12,000 domains; more just take longer to come round. */
export const SYNC_BATCH_DEFAULT = 500;

const OPEN_JOB_STATUSES = ["queued", "running", "retrying"] as const;

/** `sync:<domainId>:<yyyy-mm-dd>` (UTC): at most one scheduled sync per domain and day, however often the run repeats. */
export const syncIdempotencyKey = (domainId: string, now: Date) => `sync:${domainId}:${now.toISOString().slice(0, 10)}`;

/**
 * Queues a sync for the domains (active, expired, pending transfer) last synced more than 24 hours
 * ago or never, that have no registrar job in flight (that job will bring the state anyway), oldest
 * first, at most `limit`. Idempotent per domain and UTC day: two workers running it at once, or a
 * second run after the day's sync failed, queue nothing more.
 */
export async function enqueueDueSyncs(opts: { now?: Date; limit?: number } = {}): Promise<{ queued: number; considered: number }> {
  const now = opts.now ?? new Date();
  const limit = Math.max(1, Math.min(opts.limit ?? SYNC_BATCH_DEFAULT, 10_000));
  const staleBefore = new Date(now.getTime() - SYNC_INTERVAL_MS);
  const due = await db.domain.findMany({
    where: {
      status: { in: [...SYNCED_STATUSES] },
      OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lt: staleBefore } }],
      registrarJobs: { none: { status: { in: [...OPEN_JOB_STATUSES] } } },
    },
    orderBy: [{ lastSyncedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  if (due.length === 0) return { queued: 0, considered: 0 };
  const queued = await db.$transaction(async (tx) => {
    let created = 0;
    for (const { id } of due) {
      const job = await enqueueRegistrarJob(tx, { domainId: id, operation: "sync", idempotencyKey: syncIdempotencyKey(id, now), runAfter: now });
      if (job.created) created++;
    }
    return created;
  });
  return { queued, considered: due.length };
}
