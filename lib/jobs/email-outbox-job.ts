import "server-only";
import type PgBoss from "pg-boss";
import { sendDueEmails, type SendDueEmailsOptions } from "@/lib/notifications/send-due-emails";
import type { Logger } from "./boss";
import { QUEUES } from "./queues";

const BATCH_SIZE = 50;
// A single run stops after this long and leaves the rest to the next tick, so a huge backlog
// cannot hold a job past its expiry.
const MAX_RUN_MS = 60_000;

/** Sends due emails until none is left (or the run took MAX_RUN_MS); returns how many were handled. */
export async function drainOutbox(options: SendDueEmailsOptions = {}, log: Logger = console) {
  const started = Date.now();
  const totals = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  for (;;) {
    const batch = await sendDueEmails({ batchSize: BATCH_SIZE, ...options });
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += batch[key];
    if (batch.retrying || batch.failed) log.warn(`[jobs] ${QUEUES.emailSendOutbox}: ${batch.retrying} to retry, ${batch.failed} given up`);
    if (batch.claimed < (options.batchSize ?? BATCH_SIZE) || Date.now() - started > MAX_RUN_MS) break;
  }
  if (totals.claimed) log.info(`[jobs] ${QUEUES.emailSendOutbox}: ${totals.delivered} delivered of ${totals.claimed}`);
  return totals;
}

/**
 * Registers the outbox queue: one worker handler, a tick every `intervalSeconds` (the "short"
 * policy keeps at most one tick waiting, however many workers send them) and a cron backstop.
 * Returns a function that stops the ticks.
 */
export async function registerEmailOutbox(boss: PgBoss, options: { intervalSeconds?: number; log?: Logger } = {}): Promise<() => void> {
  const log = options.log ?? console;
  const name = QUEUES.emailSendOutbox;
  await boss.createQueue(name, { name, policy: "short", retryLimit: 0, expireInSeconds: 5 * 60 });
  await boss.work(name, { pollingIntervalSeconds: 1 }, async () => {
    await drainOutbox({}, log);
  });
  await boss.schedule(name, "* * * * *");

  const tick = () => boss.send(name, {}).catch((error: unknown) => log.error(`[jobs] could not queue ${name}:`, error));
  void tick();
  const timer = setInterval(tick, (options.intervalSeconds ?? 5) * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
