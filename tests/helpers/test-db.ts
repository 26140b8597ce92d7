// Test databases: one migrated template per run, and a copy of it per jest worker.
import { execFileSync } from "node:child_process";
import { dropDatabase, ensureDatabase } from "@/scripts/lib/embedded-pg";

import { TEMPLATE_DB } from "./test-db-names";
export { STATE_FILE, TEMPLATE_DB, workerDbName } from "./test-db-names";

export function withDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function migrate(databaseUrl: string) {
  execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });
}

/** Drops and re-creates `name` as a fresh copy of the migrated template. */
export async function freshDatabaseFromTemplate(adminUrl: string, name: string) {
  await dropDatabase(adminUrl, name);
  await ensureDatabase(adminUrl, name, TEMPLATE_DB);
  return withDatabase(adminUrl, name);
}

export async function buildTemplate(adminUrl: string) {
  await dropDatabase(adminUrl, TEMPLATE_DB);
  await ensureDatabase(adminUrl, TEMPLATE_DB);
  migrate(withDatabase(adminUrl, TEMPLATE_DB));
}
