import "server-only";
import type PgBoss from "pg-boss";
import { runDunning } from "@/lib/billing/dunning";
import type { Logger } from "./boss";
import { QUEUES } from "./queues";

/**
 * Registers the dunning run (reminders, suspension, termination of overdue invoices): hourly,
 * once across all workers (pg-boss schedule), the "short" policy keeping at most one run waiting.
 * Every step is claimed by its DunningEvent row, so an overlapping or repeated run does nothing twice.
 */
export async function registerDunningJobs(boss: PgBoss, options: { log?: Logger } = {}): Promise<void> {
  const log = options.log ?? console;
  const name = QUEUES.billingDunning;
  await boss.createQueue(name, { name, policy: "short", retryLimit: 0, expireInSeconds: 30 * 60 });
  await boss.work(name, { pollingIntervalSeconds: 5 }, async () => {
    const { reminders, suspensions, terminations, failed } = await runDunning({ log });
    if (reminders || suspensions || terminations || failed) {
      log.info(`[jobs] ${name}: ${reminders} reminder(s), ${suspensions} suspension(s), ${terminations} termination(s), ${failed} failed`);
    }
  });
  // Twenty minutes past: after the renewal run (at :07) has issued the day's invoices.
  await boss.schedule(name, "20 * * * *");
}
