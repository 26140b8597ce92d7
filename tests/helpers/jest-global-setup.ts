import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/scripts/lib/embedded-pg";
import { STATE_FILE, buildTemplate, freshDatabaseFromTemplate, workerDbName } from "./test-db";

// Uses TEST_ADMIN_DATABASE_URL (any Postgres where we may create databases) or the embedded server,
// started here when none runs. Every jest worker gets its own fresh copy of a migrated template.
export default async function globalSetup(globalConfig: { maxWorkers: number }) {
  let adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (!adminUrl) {
    const embedded: EmbeddedDb = await startEmbeddedPostgres({ quiet: true });
    (globalThis as { __porticoEmbeddedDb?: EmbeddedDb }).__porticoEmbeddedDb = embedded;
    adminUrl = embedded.adminUrl();
  }
  await buildTemplate(adminUrl);
  const urls: Record<string, string> = {};
  for (let w = 1; w <= Math.max(1, globalConfig.maxWorkers); w++) urls[w] = await freshDatabaseFromTemplate(adminUrl, workerDbName(w));
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify({ adminUrl, urls }));
}
