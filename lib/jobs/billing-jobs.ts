import "server-only";
import type PgBoss from "pg-boss";
import { runRenewalBilling } from "@/lib/billing/billing-run";
import type { Logger } from "./boss";
import { QUEUES } from "./queues";

/**
 * Registers the renewal billing run: hourly, once across all workers (pg-boss schedule), with the
 * "short" policy keeping at most one run waiting. The run is idempotent per service and period,
 * so an overlapping or repeated run creates nothing new.
 */
export async function registerBillingJobs(boss: PgBoss, options: { log?: Logger } = {}): Promise<void> {
  const log = options.log ?? console;
  const name = QUEUES.billingRenewals;
  await boss.createQueue(name, { name, policy: "short", retryLimit: 0, expireInSeconds: 30 * 60 });
  await boss.work(name, { pollingIntervalSeconds: 5 }, async () => {
    const { invoices, skipped, failed } = await runRenewalBilling({ log });
    if (invoices || failed) log.info(`[jobs] ${name}: ${invoices} renewal invoice(s), ${skipped} already billed, ${failed} failed`);
  });
  await boss.schedule(name, "7 * * * *");
}
