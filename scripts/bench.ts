// `npm run bench` (issue 2 §7): seeds a large provider into its own database, runs `next start`
// and drives the dashboard of a logged-in owner over loopback with a bounded load; prints
// requests/s, p50/p95/p99 latency and SQL statements per dashboard request, and compares the
// statement count with a database ten times smaller.
//   flags: --fresh (rebuild the bench databases), --no-build (use .next as it is),
//          --duration=20 (seconds per load run), --path=/dashboard (page to drive)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type EmbeddedDb } from "@/scripts/lib/embedded-pg";
import { BENCH_OWNER_CONTRACT, BENCH_OWNER_EMAIL, benchSize, isBenchSeeded, seedBenchDatabase, type BenchSize } from "./lib/bench-seed";
import { fetchPage, measureSequential, runLoad, waitForQuiet, type LoadResult, type SequentialMeasure } from "./lib/bench-load";
import { buildIsFresh, freePort, nextBuild, startNextServer, type RunningServer } from "./lib/next-server";
import { benchOwnerCookie } from "./lib/bench-session";

const CONNECTIONS = [10, 50];
const MAX_REQUESTS_PER_RUN = 100_000;
const SEQUENTIAL_REQUESTS = 20;
const GOAL_P95_MS = 150;
const DATABASES = [
  { label: "large", name: "portico_bench", scale: 1 },
  { label: "small (1/10)", name: "portico_bench_small", scale: 0.1 },
] as const;

const log = (message: string) => console.log(`[bench] ${message}`);
const running = new Set<RunningServer>();

function options() {
  const { values } = parseArgs({
    options: {
      fresh: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      duration: { type: "string", default: "20" },
      path: { type: "string", default: "/dashboard" },
    },
  });
  const duration = Number(values.duration);
  if (!Number.isInteger(duration) || duration < 1 || duration > 600) throw new Error("--duration must be a whole number of seconds (1–600)");
  if (!/^\/[\w\-/]*$/.test(values.path)) throw new Error("--path must be a plain path such as /dashboard");
  return { fresh: values.fresh, build: !values["no-build"], duration, path: values.path };
}

function migrate(databaseUrl: string) {
  try {
    execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`migration failed:\n${e.stdout?.toString() ?? ""}${e.stderr?.toString() ?? ""}`);
  }
}

/** The bench database at this size: reused when already seeded, otherwise rebuilt. */
async function prepareDatabase(pgServer: EmbeddedDb, name: string, size: BenchSize, fresh: boolean): Promise<string> {
  const adminUrl = pgServer.adminUrl();
  const url = pgServer.adminUrl(name);
  if (!fresh && !(await ensureDatabase(adminUrl, name))) {
    migrate(url);
    if (await isBenchSeeded(url, size)) {
      log(`${name}: reusing the seeded database (--fresh rebuilds it)`);
      return url;
    }
  }
  await dropDatabase(adminUrl, name);
  await ensureDatabase(adminUrl, name);
  migrate(url);
  const started = Date.now();
  const counts = await seedBenchDatabase(url, size);
  log(`${name}: seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${describeCounts(counts)}`);
  return url;
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([table, n]) => `${n.toLocaleString("en")} ${table}`)
    .join(" · ");
}

function serverEnv(databaseUrl: string, authSecret: string, baseUrl?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "20",
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: "true",
    PORTICO_COUNT_QUERIES: "1",
    ...(baseUrl ? { APP_URL: baseUrl } : {}),
  };
}

async function withServer<T>(databaseUrl: string, authSecret: string, fn: (server: RunningServer) => Promise<T>): Promise<T> {
  const port = await freePort();
  const server = await startNextServer(port, serverEnv(databaseUrl, authSecret, `http://127.0.0.1:${port}`));
  running.add(server);
  try {
    return await fn(server);
  } catch (error) {
    console.error(`[bench] server output (last lines):\n${server.log().split("\n").slice(-40).join("\n")}`);
    throw error;
  } finally {
    await server.stop();
    running.delete(server);
  }
}

/** Fails unless the page answers 200 for the bench owner (a redirect means the login was not accepted). */
async function checkPage(server: RunningServer, path: string, cookie: string) {
  const page = await fetchPage(server.baseUrl, path, cookie);
  if (page.status >= 300 && page.status < 400) throw new Error(`GET ${path} redirected to ${page.location}: the bench session was not accepted`);
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
  if (path === "/dashboard" && !page.body.includes(BENCH_OWNER_CONTRACT)) {
    throw new Error(`GET /dashboard answered 200 but does not show the bench customer (${BENCH_OWNER_CONTRACT})`);
  }
}

async function warmUp(server: RunningServer, path: string, cookie: string) {
  for (let i = 0; i < 20; i++) await fetchPage(server.baseUrl, path, cookie);
  await runLoad({ url: `${server.baseUrl}${path}`, cookie, connections: 10, seconds: 3, maxRequests: 5_000 });
}

/**
 * Sequential measurement on a session younger than a minute: the once-a-minute lastSeenAt update
 * (lib/auth/resolve-session.ts) would otherwise land in one count and not the other.
 */
async function measureWithNewSession(server: RunningServer, databaseUrl: string, authSecret: string, path: string): Promise<SequentialMeasure> {
  const cookie = await benchOwnerCookie(databaseUrl, authSecret);
  return measureSequential(server.baseUrl, path, cookie, SEQUENTIAL_REQUESTS, server.cpuMillis);
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
const fmtQueries = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function report(path: string, size: BenchSize, runs: LoadResult[], sequential: { large: SequentialMeasure; small: SequentialMeasure }) {
  const queries = { large: sequential.large.queries, small: sequential.small.queries };
  const header = ["connections", "requests/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "errors", "queries/request"];
  const rows = runs.map((r) => [String(r.connections), r.requestsPerSecond.toFixed(1), ms(r.p50), ms(r.p95), ms(r.p99), String(r.non2xx), String(r.errors), fmtQueries(queries.large)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");

  const at50 = runs.find((r) => r.connections === 50);
  const p95ok = Boolean(at50 && at50.p95 < GOAL_P95_MS && at50.non2xx === 0 && at50.errors === 0);
  const queriesOk = queries.large === queries.small;
  console.log("");
  console.log(`Portico benchmark: GET ${path} as ${BENCH_OWNER_EMAIL}`);
  console.log(`machine: ${os.cpus().length} cores, node ${process.version}; load generator on the same machine, 127.0.0.1`);
  console.log(`data: ${size.customers.toLocaleString("en")} customers, ${size.services.toLocaleString("en")} services, ${size.invoices.toLocaleString("en")} invoices, ${size.tickets.toLocaleString("en")} tickets, ${size.domains.toLocaleString("en")} domains`);
  console.log("");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log("");
  console.log(`SQL statements per request: ${fmtQueries(queries.large)} on the large database, ${fmtQueries(queries.small)} on one ten times smaller`);
  const { cpuMs, medianMs } = sequential.large;
  // One Node.js process runs its JavaScript on one core, so CPU time per request caps its throughput;
  // with a closed loop of C connections the mean latency is about C / throughput (Little's law).
  console.log(`one request at a time: median ${ms(medianMs)} ms; server CPU ${ms(cpuMs)} ms per request, so one Node.js process tops out near ${(1000 / cpuMs).toFixed(0)} requests/s`);
  console.log(`(${GOAL_P95_MS} ms at 50 connections needs more than ${Math.ceil((50 * 1000) / GOAL_P95_MS)} requests/s, i.e. under ${((GOAL_P95_MS / 50) * os.cpus().length).toFixed(1)} ms of CPU per request on ${os.cpus().length} cores)`);
  console.log(`load average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(" ")} (other work on the machine skews the figures)`);
  console.log("goals:");
  console.log(`  ${p95ok ? "PASS" : "FAIL"}  p95 < ${GOAL_P95_MS} ms at 50 connections, no errors (p95 = ${ms(at50?.p95 ?? NaN)} ms)`);
  console.log(`  ${queriesOk ? "PASS" : "FAIL"}  statement count does not grow with the data size`);
  fs.mkdirSync(".data", { recursive: true });
  fs.writeFileSync(".data/bench-last.json", JSON.stringify({ at: new Date().toISOString(), path, size, runs, sequential, goals: { p95ok, queriesOk } }, null, 2));
  return p95ok && queriesOk;
}

async function main() {
  const opts = options();
  const pgServer = await startEmbeddedPostgres();
  try {
    const [large, small] = DATABASES;
    const largeSize = benchSize(large.scale);
    const urls = {
      large: await prepareDatabase(pgServer, large.name, largeSize, opts.fresh),
      small: await prepareDatabase(pgServer, small.name, benchSize(small.scale), opts.fresh),
    };
    const authSecret = randomBytes(32).toString("base64url");

    if (!opts.build) log("--no-build: using .next as it is");
    else if (buildIsFresh()) log(".next is newer than the sources; not rebuilding");
    else {
      log("next build …");
      await nextBuild(serverEnv(urls.large, authSecret));
    }

    const largeRun = await withServer(urls.large, authSecret, async (server) => {
      log(`next start on ${server.baseUrl} (${large.name})`);
      const cookie = await benchOwnerCookie(urls.large, authSecret);
      await checkPage(server, opts.path, cookie);
      await warmUp(server, opts.path, cookie);
      const sequential = await measureWithNewSession(server, urls.large, authSecret, opts.path);
      log(`${fmtQueries(sequential.queries)} SQL statements and ${ms(sequential.cpuMs)} ms server CPU per request`);
      const runs: LoadResult[] = [];
      for (const connections of CONNECTIONS) {
        log(`${connections} connections for ${opts.duration} s …`);
        await waitForQuiet(server.baseUrl);
        const result = await runLoad({ url: `${server.baseUrl}${opts.path}`, cookie, connections, seconds: opts.duration, maxRequests: MAX_REQUESTS_PER_RUN });
        log(`  ${result.requestsPerSecond.toFixed(1)} req/s, p95 ${ms(result.p95)} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
        runs.push(result);
      }
      return { sequential, runs };
    });

    const smallSequential = await withServer(urls.small, authSecret, async (server) => {
      log(`next start on ${server.baseUrl} (${small.name})`);
      const cookie = await benchOwnerCookie(urls.small, authSecret);
      await checkPage(server, opts.path, cookie);
      await warmUp(server, opts.path, cookie);
      return measureWithNewSession(server, urls.small, authSecret, opts.path);
    });

    const ok = report(opts.path, largeSize, largeRun.runs, { large: largeRun.sequential, small: smallSequential });
    if (!ok) log("goals not met (figures above); exit code stays 0: this is a measurement, not a test");
  } finally {
    await pgServer.stop();
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void Promise.all([...running].map((s) => s.stop())).finally(() => process.exit(130));
  });
}

main().catch(async (error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  await Promise.all([...running].map((s) => s.stop()));
  process.exit(1);
});
