import "server-only";
import PgBoss from "pg-boss";

export type Logger = Pick<Console, "info" | "warn" | "error">;

/**
 * Starts a pg-boss instance on the application database (schema `pgboss`, created and migrated by
 * pg-boss itself on first start). Queues live in Postgres, so any number of workers can share them.
 */
export async function startBoss(options: { databaseUrl: string; poolSize?: number; applicationName?: string; log?: Logger }): Promise<PgBoss> {
  const log = options.log ?? console;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: "pgboss",
    max: options.poolSize ?? 4,
    application_name: options.applicationName ?? "portico-worker",
  });
  // Without a listener an error event would crash the process; pg-boss recovers by itself.
  boss.on("error", (error) => log.error("[jobs] pg-boss error:", error));
  await boss.start();
  return boss;
}
