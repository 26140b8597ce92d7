import "server-only";
import type PgBoss from "pg-boss";
import type { Logger } from "./boss";

/** Registers the hourly usage pull from the modules. (Being built: issue 5.) */
export async function registerUsageJobs(_boss: PgBoss, _options: { log?: Logger } = {}): Promise<void> {}
