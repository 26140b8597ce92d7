import "server-only";
import type PgBoss from "pg-boss";
import { createAutoRenewInvoices } from "@/lib/domains/domain-orders";
import { sendDomainExpiryNotices } from "@/lib/domains/expiry-notices";
import { runDueRegistrarJobs } from "@/lib/domains/registrar-jobs";
import { enqueueDueSyncs } from "@/lib/domains/registrar-sync";
import type { Logger } from "./boss";
import { QUEUES } from "./queues";

const BATCH_SIZE = 20;
// A run stops after this long and leaves the rest to the next tick (registry calls can be slow).
const MAX_RUN_MS = 60_000;

/** Runs due registrar jobs until none is left (or the run took MAX_RUN_MS). */
export async function drainRegistrarJobs(log: Logger = console) {
  const started = Date.now();
  const totals = { done: 0, waiting: 0, retried: 0, failed: 0 };
  for (;;) {
    const batch = await runDueRegistrarJobs({ limit: BATCH_SIZE, log });
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += batch[key];
    if (batch.done + batch.waiting + batch.retried + batch.failed < BATCH_SIZE || Date.now() - started > MAX_RUN_MS) break;
  }
  if (totals.done + totals.retried + totals.failed) log.info(`[jobs] ${QUEUES.domainsRegistrar}: ${totals.done} done, ${totals.waiting} waiting for the registry, ${totals.retried} to retry, ${totals.failed} failed`);
  return totals;
}

/**
 * Registers the registrar runner like the provisioning one: a tick every `intervalSeconds` (the
 * "short" policy keeps at most one waiting) and a per-minute cron backstop; the RegistrarJob rows
 * are claimed with SKIP LOCKED, so several workers can tick at once. Returns a function that stops the ticks.
 */
export async function registerRegistrarJobs(boss: PgBoss, options: { intervalSeconds?: number; log?: Logger } = {}): Promise<() => void> {
  const log = options.log ?? console;
  const name = QUEUES.domainsRegistrar;
  await boss.createQueue(name, { name, policy: "short", retryLimit: 0, expireInSeconds: 5 * 60 });
  await boss.work(name, { pollingIntervalSeconds: 1 }, async () => {
    await drainRegistrarJobs(log);
  });
  await boss.schedule(name, "* * * * *");
  const tick = () => boss.send(name, {}).catch((error: unknown) => log.error(`[jobs] could not queue ${name}:`, error));
  void tick();
  const timer = setInterval(tick, (options.intervalSeconds ?? 5) * 1000);
  timer.unref();

  // Expiry notices: hourly (a few minutes past the hour), once across all workers; idempotent per domain, step and contact.
  const notices = QUEUES.domainsExpiryNotices;
  await boss.createQueue(notices, { name: notices, policy: "short", retryLimit: 2, retryDelay: 300, expireInSeconds: 15 * 60 });
  await boss.work(notices, async () => {
    const { queued } = await sendDomainExpiryNotices();
    if (queued) log.info(`[jobs] ${notices}: ${queued} expiry notice(s) queued`);
  });
  await boss.schedule(notices, "17 * * * *");

  // Auto-renew invoices: hourly; idempotent per domain and term, so overlapping runs are harmless.
  const autoRenew = QUEUES.domainsAutoRenew;
  await boss.createQueue(autoRenew, { name: autoRenew, policy: "short", retryLimit: 2, retryDelay: 300, expireInSeconds: 15 * 60 });
  await boss.work(autoRenew, async () => {
    const { invoices, domains, unpriced } = await createAutoRenewInvoices();
    if (invoices || unpriced) log.info(`[jobs] ${autoRenew}: ${invoices} invoice(s) for ${domains} domain(s); ${unpriced} without a renewal price`);
  });
  await boss.schedule(autoRenew, "23 * * * *");

  // Status sync: hourly, a bounded batch of the domains not synced for a day; idempotent per domain and day.
  const sync = QUEUES.domainsSync;
  await boss.createQueue(sync, { name: sync, policy: "short", retryLimit: 2, retryDelay: 300, expireInSeconds: 15 * 60 });
  await boss.work(sync, async () => {
    const { queued } = await enqueueDueSyncs();
    if (queued) log.info(`[jobs] ${sync}: ${queued} domain(s) queued for a sync with the registrar`);
  });
  await boss.schedule(sync, "41 * * * *");
  return () => clearInterval(timer);
}
