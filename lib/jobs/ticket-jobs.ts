import "server-only";
import type PgBoss from "pg-boss";
import { autoCloseAnsweredTickets, escalateOverdueTickets } from "@/lib/support/ticket-jobs";
import type { Logger } from "./boss";
import { QUEUES } from "./queues";

/**
 * Registers the support queues: SLA escalation every minute and auto-close every 15 minutes, each
 * a cron schedule (pg-boss runs a schedule once across all workers) with one handler per worker.
 * The "short" policy keeps at most one run waiting; the handlers are idempotent, so a repeated or
 * overlapping run has no second effect.
 */
export async function registerTicketJobs(boss: PgBoss, options: { log?: Logger } = {}): Promise<void> {
  const log = options.log ?? console;
  const jobs = [
    {
      name: QUEUES.supportEscalate,
      cron: "* * * * *",
      run: async () => {
        const { escalated, failed } = await escalateOverdueTickets({ log });
        if (escalated) log.info(`[jobs] ${QUEUES.supportEscalate}: ${escalated} ticket(s) escalated`);
        if (failed) log.warn(`[jobs] ${QUEUES.supportEscalate}: ${failed} ticket(s) failed, retried next run`);
      },
    },
    {
      name: QUEUES.supportAutoClose,
      cron: "*/15 * * * *",
      run: async () => {
        const { closed, failed } = await autoCloseAnsweredTickets({ log });
        if (closed) log.info(`[jobs] ${QUEUES.supportAutoClose}: ${closed} ticket(s) closed`);
        if (failed) log.warn(`[jobs] ${QUEUES.supportAutoClose}: ${failed} ticket(s) failed, retried next run`);
      },
    },
  ];
  for (const job of jobs) {
    // No pg-boss retries: the next scheduled run picks up whatever this one left.
    await boss.createQueue(job.name, { name: job.name, policy: "short", retryLimit: 0, expireInSeconds: 5 * 60 });
    await boss.work(job.name, { pollingIntervalSeconds: 5 }, job.run);
    await boss.schedule(job.name, job.cron);
  }
}
