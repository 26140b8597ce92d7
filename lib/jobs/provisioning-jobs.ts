import "server-only";
import type PgBoss from "pg-boss";
import { runDueProvisioningJobs } from "@/lib/services/provisioning-jobs";
import type { Logger } from "./boss";
import { QUEUES } from "./queues";

const BATCH_SIZE = 20;
// A run stops after this long and leaves the rest to the next tick (module calls can be slow).
const MAX_RUN_MS = 60_000;

/** Runs due provisioning jobs until none is left (or the run took MAX_RUN_MS). */
export async function drainProvisioningJobs(log: Logger = console) {
  const started = Date.now();
  const totals = { done: 0, retried: 0, failed: 0 };
  for (;;) {
    const batch = await runDueProvisioningJobs({ limit: BATCH_SIZE, log });
    totals.done += batch.done;
    totals.retried += batch.retried;
    totals.failed += batch.failed;
    const handled = batch.done + batch.retried + batch.failed;
    if (handled < BATCH_SIZE || Date.now() - started > MAX_RUN_MS) break;
  }
  if (totals.done + totals.retried + totals.failed) log.info(`[jobs] ${QUEUES.servicesProvision}: ${totals.done} done, ${totals.retried} to retry, ${totals.failed} failed`);
  return totals;
}

/**
 * Registers the provisioning runner like the email outbox: one handler, a tick every
 * `intervalSeconds` (the "short" policy keeps at most one tick waiting, however many workers
 * send them) and a cron backstop. Jobs themselves are ProvisioningJob rows claimed with SKIP
 * LOCKED, so several workers can run ticks at once. Returns a function that stops the ticks.
 */
export async function registerProvisioningJobs(boss: PgBoss, options: { intervalSeconds?: number; log?: Logger } = {}): Promise<() => void> {
  const log = options.log ?? console;
  const name = QUEUES.servicesProvision;
  await boss.createQueue(name, { name, policy: "short", retryLimit: 0, expireInSeconds: 5 * 60 });
  await boss.work(name, { pollingIntervalSeconds: 1 }, async () => {
    await drainProvisioningJobs(log);
  });
  await boss.schedule(name, "* * * * *");

  const tick = () => boss.send(name, {}).catch((error: unknown) => log.error(`[jobs] could not queue ${name}:`, error));
  void tick();
  const timer = setInterval(tick, (options.intervalSeconds ?? 5) * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
