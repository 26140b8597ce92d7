import "server-only";
import type PgBoss from "pg-boss";
import { runUsagePull } from "@/lib/services/usage-pull";
import type { Logger } from "./boss";
import { QUEUES } from "./queues";

/** One pull over every active service; logs what it stored. */
export async function pullUsage(log: Logger = console, now: Date = new Date()) {
  const totals = await runUsagePull({ now, log });
  if (totals.usageSamples + totals.callRecords + totals.trafficSamples + totals.failed) {
    log.info(
      `[jobs] ${QUEUES.servicesUsagePull}: ${totals.services} services, ${totals.usageSamples} usage samples, ${totals.callRecords} call records, ${totals.trafficSamples} traffic samples, ${totals.failed} failed`,
    );
  }
  return totals;
}

/**
 * Registers the hourly usage pull (a few minutes past the hour, when the switch and routers have
 * closed the last hour). The "short" policy keeps at most one run waiting however many workers
 * schedule it; a run is idempotent, so an overlap would store nothing twice.
 */
export async function registerUsageJobs(boss: PgBoss, options: { log?: Logger } = {}): Promise<void> {
  const log = options.log ?? console;
  const name = QUEUES.servicesUsagePull;
  await boss.createQueue(name, { name, policy: "short", retryLimit: 2, retryDelay: 300, expireInSeconds: 30 * 60 });
  await boss.work(name, async () => {
    await pullUsage(log);
  });
  await boss.schedule(name, "7 * * * *");
}
