import "server-only";
import type PgBoss from "pg-boss";
import type { Env } from "@/lib/env";
import { startBoss, type Logger } from "./boss";
import { registerEmailOutbox } from "./email-outbox-job";
import { registerTicketJobs } from "./ticket-jobs";
import { registerBillingJobs } from "./billing-jobs";
import { registerDunningJobs } from "./dunning-jobs";
import { registerQuoteJobs } from "./quote-jobs";
import { registerProvisioningJobs } from "./provisioning-jobs";
import { registerUsageJobs } from "./usage-jobs";
import { registerCancellationJobs } from "./cancellation-jobs";
import { registerRegistrarJobs } from "./registrar-jobs";

export type RunningWorker = { boss: PgBoss; stop: () => Promise<void> };

/** Starts pg-boss and every job handler of Portico (`npm run worker`, and inside `npm run dev`). */
export async function startWorker(env: Pick<Env, "DATABASE_URL">, log: Logger = console): Promise<RunningWorker> {
  const boss = await startBoss({ databaseUrl: env.DATABASE_URL, log });
  const stopOutboxTicks = await registerEmailOutbox(boss, { log });
  await registerTicketJobs(boss, { log });
  await registerBillingJobs(boss, { log });
  await registerDunningJobs(boss, { log });
  await registerQuoteJobs(boss, { log });
  const stopProvisioningTicks = await registerProvisioningJobs(boss, { log });
  await registerUsageJobs(boss, { log });
  await registerCancellationJobs(boss, { log });
  const stopRegistrarTicks = await registerRegistrarJobs(boss, { log });
  return {
    boss,
    async stop() {
      stopOutboxTicks();
      stopProvisioningTicks();
      stopRegistrarTicks();
      // Lets running handlers finish (up to 20 s) before the connections close.
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
