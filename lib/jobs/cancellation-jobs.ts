import "server-only";
import type PgBoss from "pg-boss";
import { runDueCancellations } from "@/lib/services/cancellation";
import type { Logger } from "./boss";
import { QUEUES } from "./queues";

/** Queue of the end-of-period cancellations (lib/services/cancellation.ts runDueCancellations). */
export const CANCELLATIONS_QUEUE = QUEUES.servicesCancellations;

/** Queues terminate jobs for approved cancellations whose date has come; logs how many. */
export async function terminateDueCancellations(log: Logger = console, now: Date = new Date()) {
  const { queued } = await runDueCancellations(now);
  if (queued) log.info(`[jobs] ${CANCELLATIONS_QUEUE}: ${queued} cancelled service(s) queued for termination`);
  return { queued };
}

/**
 * Registers the cancellation run: hourly, once across all workers (pg-boss schedule; the "short"
 * policy keeps at most one run waiting). Each termination is a ProvisioningJob with the
 * idempotency key "cancel:<request id>", so an overlapping or repeated run queues nothing twice.
 */
export async function registerCancellationJobs(boss: PgBoss, options: { log?: Logger } = {}): Promise<void> {
  const log = options.log ?? console;
  const name = CANCELLATIONS_QUEUE;
  await boss.createQueue(name, { name, policy: "short", retryLimit: 2, retryDelay: 300, expireInSeconds: 10 * 60 });
  await boss.work(name, { pollingIntervalSeconds: 5 }, async () => {
    await terminateDueCancellations(log);
  });
  await boss.schedule(name, "23 * * * *");
}
