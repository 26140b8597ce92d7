import "server-only";
import type PgBoss from "pg-boss";
import type { Logger } from "./boss";

/** Registers the provisioning job runner; returns a function that stops its ticks. (Being built: issue 5.) */
export async function registerProvisioningJobs(_boss: PgBoss, _options: { log?: Logger } = {}): Promise<() => void> {
  return () => {};
}
