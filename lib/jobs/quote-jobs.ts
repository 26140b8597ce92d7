import "server-only";
import type PgBoss from "pg-boss";
import { expireQuotes } from "@/lib/billing/quotes";
import type { Logger } from "./boss";
import { QUEUES } from "./queues";

/**
 * Registers the quote expiry: hourly, once across all workers (pg-boss schedule), with the "short"
 * policy keeping at most one run waiting. Expiring is one status-guarded UPDATE, so an overlapping
 * or repeated run changes nothing more.
 */
export async function registerQuoteJobs(boss: PgBoss, options: { log?: Logger } = {}): Promise<void> {
  const log = options.log ?? console;
  const name = QUEUES.quotesExpire;
  await boss.createQueue(name, { name, policy: "short", retryLimit: 0, expireInSeconds: 10 * 60 });
  await boss.work(name, { pollingIntervalSeconds: 5 }, async () => {
    const { expired } = await expireQuotes();
    if (expired) log.info(`[jobs] ${name}: ${expired} quote(s) expired`);
  });
  await boss.schedule(name, "17 * * * *");
}
