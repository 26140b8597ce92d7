// `npm run bench` (issue 2 §7, support desk): seeds a large provider into its own database, runs
// `next start` and drives pages over loopback with a bounded load; prints requests/s, p50/p95/p99
// latency and SQL statements per request, and compares the statement count with a database ten
// times smaller (it must not grow with the data). Scenarios:
//   dashboard  GET /dashboard as the bench owner, 10 and 50 connections (goal p95 < 150 ms at 50)
//   tickets    GET /support/tickets as the bench owner (60 tickets), 20 connections (p95 < 200 ms)
//   queue      GET /admin/tickets as a staff administrator over 100,000 tickets, 20 connections (p95 < 200 ms)
//   invoices   GET /billing/invoices?status=all as the bench owner (2,000 invoices), 20 connections (p95 < 200 ms)
//   billing    the renewal billing run over --billing-services=100000 due services (scripts/bench-billing.ts):
//              invoices per second, and a second run that must create nothing
//   calls      the VoIP service page and its call-records list with --calls=1000000 call records
//              (scripts/bench-calls.ts): p95 at 20 connections and statements per request, big vs small trunk
//   dns        saving a --dns-records=500-record zone to a real PowerDNS (scripts/bench-dns.ts): time per save
//   domains    the customer domain list (/domains: first page, a later page, a filter, a search) of a customer
//              with --domains=5000 domains vs one with 45 (scripts/bench-domains.ts): req/s, p50/p95/p99 at
//              20 connections and statements per request
//   flags: --scenario=all (or dashboard, tickets, queue, invoices, billing, calls, dns, domains; several comma-separated), --fresh (rebuild the
//          bench databases), --no-build (use the build folder as it is), --duration=20 (seconds per
//          load run), --max-requests=100000 (per load run)
// Builds into .next-bench unless NEXT_DIST_DIR says otherwise, so it never touches `next dev`'s .next.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type EmbeddedDb } from "@/scripts/lib/embedded-pg";
import {
  BENCH_OWNER_CONTRACT,
  BENCH_OWNER_EMAIL,
  BENCH_STAFF_EMAIL,
  benchLandmarks,
  benchSize,
  isBenchSeeded,
  refreshBenchClock,
  seedBenchDatabase,
  type BenchLandmarks,
  type BenchRole,
  type BenchSize,
} from "./lib/bench-seed";
import { fetchPage, measureSequential, runLoad, waitForQuiet, type LoadResult, type SequentialMeasure } from "./lib/bench-load";
import { buildIsFresh, freePort, nextBuild, startNextServer, type RunningServer } from "./lib/next-server";
import { benchOwnerCookie, benchStaffCookie } from "./lib/bench-session";

const DIST_DIR = (process.env.NEXT_DIST_DIR ||= ".next-bench");

const SEQUENTIAL_REQUESTS = 20;
const DATABASES = [
  { label: "large", name: "portico_bench", scale: 1 },
  { label: "small (1/10)", name: "portico_bench_small", scale: 0.1 },
] as const;

type ScenarioName = "dashboard" | "tickets" | "queue" | "invoices";
const SCENARIO_NAMES: readonly ScenarioName[] = ["dashboard", "tickets", "queue", "invoices"];

type Scenario = {
  name: ScenarioName;
  path: string;
  role: BenchRole;
  connections: readonly number[];
  goal: { connections: number; p95Ms: number };
  /** What the answer must contain: proof that it rendered the bench data for this user. */
  expects: (landmarks: BenchLandmarks) => { text: string; what: string }[];
};

const PAGE_2 = (path: string) => ({ text: `href="${path}?page=2"`, what: "a link to page 2" });

const SCENARIOS: Record<ScenarioName, Scenario> = {
  dashboard: {
    name: "dashboard",
    path: "/dashboard",
    role: "owner",
    connections: [10, 50],
    goal: { connections: 50, p95Ms: 150 },
    expects: () => [{ text: BENCH_OWNER_CONTRACT, what: "the bench customer's contract number" }],
  },
  tickets: {
    name: "tickets",
    path: "/support/tickets",
    role: "owner",
    connections: [20],
    goal: { connections: 20, p95Ms: 200 },
    expects: (l) => [{ text: l.ownerLatestTicket, what: "the owner's most recently active ticket" }, PAGE_2("/support/tickets")],
  },
  queue: {
    name: "queue",
    path: "/admin/tickets",
    role: "staff",
    connections: [20],
    goal: { connections: 20, p95Ms: 200 },
    expects: (l) => [{ text: l.mostOverdueTicket, what: "the most overdue ticket (the queue shows the most urgent first)" }, PAGE_2("/admin/tickets")],
  },
  invoices: {
    name: "invoices",
    path: "/billing/invoices?status=all",
    role: "owner",
    connections: [20],
    goal: { connections: 20, p95Ms: 200 },
    expects: (l) => [{ text: l.ownerNewestInvoice, what: "the owner's invoice with the latest due date (newest first)" }, { text: "page=2", what: "a link to page 2" }],
  },
};

const log = (message: string) => console.log(`[bench] ${message}`);
const running = new Set<RunningServer>();

function options() {
  const { values } = parseArgs({
    options: {
      scenario: { type: "string", default: "all" },
      fresh: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      duration: { type: "string", default: "20" },
      "max-requests": { type: "string", default: "100000" },
      "billing-services": { type: "string", default: "100000" },
      calls: { type: "string", default: "1000000" },
      "dns-records": { type: "string", default: "500" },
      domains: { type: "string", default: "5000" },
    },
  });
  const duration = Number(values.duration);
  if (!Number.isInteger(duration) || duration < 1 || duration > 600) throw new Error("--duration must be a whole number of seconds (1–600)");
  const maxRequests = Number(values["max-requests"]);
  if (!Number.isInteger(maxRequests) || maxRequests < 1 || maxRequests > 1_000_000) throw new Error("--max-requests must be a whole number (1–1,000,000)");
  const wanted = values.scenario.split(",").map((s) => s.trim());
  const unknown = wanted.filter((s) => s !== "all" && s !== "billing" && s !== "calls" && s !== "dns" && s !== "domains" && !SCENARIO_NAMES.includes(s as ScenarioName));
  if (unknown.length) throw new Error(`--scenario: unknown ${unknown.join(", ")} (one or more of ${SCENARIO_NAMES.join(", ")}, billing, calls, dns, domains, or all)`);
  const scenarios = wanted.includes("all") ? [...SCENARIO_NAMES] : SCENARIO_NAMES.filter((name) => wanted.includes(name));
  const billingServices = wanted.includes("all") || wanted.includes("billing") ? values["billing-services"] : null;
  const calls = wanted.includes("all") || wanted.includes("calls") ? values.calls : null;
  const dnsRecords = wanted.includes("all") || wanted.includes("dns") ? values["dns-records"] : null;
  const domains = wanted.includes("all") || wanted.includes("domains") ? values.domains : null;
  return { scenarios: scenarios.map((name) => SCENARIOS[name]), billingServices, calls, dnsRecords, domains, fresh: values.fresh, build: !values["no-build"], duration, maxRequests };
}

function migrate(databaseUrl: string) {
  try {
    execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`migration failed:\n${e.stdout?.toString() ?? ""}${e.stderr?.toString() ?? ""}`);
  }
}

/**
 * The bench database at this size: reused when seeded by this seed after the latest migration,
 * otherwise dropped and rebuilt (never migrated with old bench data in it).
 */
async function prepareDatabase(pgServer: EmbeddedDb, name: string, size: BenchSize, fresh: boolean): Promise<string> {
  const adminUrl = pgServer.adminUrl();
  const url = pgServer.adminUrl(name);
  if (!fresh && !(await ensureDatabase(adminUrl, name)) && (await isBenchSeeded(url, size))) {
    const shifted = await refreshBenchClock(url);
    log(`${name}: reusing the seeded database${shifted ? `, ticket times moved ${shifted} minutes forward` : ""} (--fresh rebuilds it)`);
    return url;
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
    NEXT_DIST_DIR: DIST_DIR,
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
  } finally {
    await server.stop();
    running.delete(server);
  }
}

const cookieFor = (role: BenchRole, databaseUrl: string, authSecret: string) =>
  role === "staff" ? benchStaffCookie(databaseUrl, authSecret) : benchOwnerCookie(databaseUrl, authSecret);

/** Fails unless the page answers 200 with the expected content (a redirect means the login was not accepted). */
async function checkPage(server: RunningServer, scenario: Scenario, cookie: string, landmarks: BenchLandmarks) {
  const { path } = scenario;
  const page = await fetchPage(server.baseUrl, path, cookie);
  if (page.status >= 300 && page.status < 400) throw new Error(`GET ${path} redirected to ${page.location}: the bench ${scenario.role} session was not accepted`);
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
  const missing = scenario.expects(landmarks).filter((e) => !page.body.includes(e.text));
  if (missing.length) throw new Error(`GET ${path} answered 200 but does not show ${missing.map((e) => `${e.what} (${e.text})`).join(", ")}`);
}

async function warmUp(server: RunningServer, path: string, cookie: string) {
  for (let i = 0; i < 20; i++) await fetchPage(server.baseUrl, path, cookie);
  await runLoad({ url: `${server.baseUrl}${path}`, cookie, connections: 10, seconds: 3, maxRequests: 5_000 });
}

/**
 * Sequential measurement on a session younger than a minute: the once-a-minute lastSeenAt update
 * (lib/auth/resolve-session.ts) would otherwise land in one count and not the other.
 */
async function measureWithNewSession(server: RunningServer, scenario: Scenario, databaseUrl: string, authSecret: string): Promise<SequentialMeasure> {
  const cookie = await cookieFor(scenario.role, databaseUrl, authSecret);
  return measureSequential(server.baseUrl, scenario.path, cookie, SEQUENTIAL_REQUESTS, server.cpuMillis);
}

type ScenarioResult = {
  runs: LoadResult[];
  sequential: { large?: SequentialMeasure; small?: SequentialMeasure };
  error?: string;
};

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
const fmtQueries = (n: number | undefined) => (n === undefined ? "—" : Number.isInteger(n) ? String(n) : n.toFixed(2));
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One scenario on the large database: check, warm up, count statements, then the load runs. */
async function runScenarioLarge(server: RunningServer, scenario: Scenario, url: string, authSecret: string, opts: { duration: number; maxRequests: number }): Promise<ScenarioResult> {
  const result: ScenarioResult = { runs: [], sequential: {} };
  try {
    const cookie = await cookieFor(scenario.role, url, authSecret);
    await checkPage(server, scenario, cookie, await benchLandmarks(url));
    await warmUp(server, scenario.path, cookie);
    result.sequential.large = await measureWithNewSession(server, scenario, url, authSecret);
    log(`  ${fmtQueries(result.sequential.large.queries)} SQL statements and ${ms(result.sequential.large.cpuMs)} ms server CPU per request`);
    for (const connections of scenario.connections) {
      log(`  ${connections} connections for ${opts.duration} s (at most ${opts.maxRequests.toLocaleString("en")} requests) …`);
      await waitForQuiet(server.baseUrl);
      const run = await runLoad({ url: `${server.baseUrl}${scenario.path}`, cookie, connections, seconds: opts.duration, maxRequests: opts.maxRequests });
      log(`    ${run.requestsPerSecond.toFixed(1)} req/s, p95 ${ms(run.p95)} ms, non-2xx ${run.non2xx}, errors ${run.errors}`);
      result.runs.push(run);
    }
  } catch (error) {
    result.error = errorText(error);
    log(`  ${scenario.name} failed: ${result.error}`);
    console.error(`[bench] server output (last lines):\n${server.log().split("\n").slice(-30).join("\n")}`);
  }
  return result;
}

/** The same page on the small database: only the statement count, to compare. */
async function runScenarioSmall(server: RunningServer, scenario: Scenario, url: string, authSecret: string, result: ScenarioResult) {
  if (result.error) return;
  try {
    const cookie = await cookieFor(scenario.role, url, authSecret);
    await checkPage(server, scenario, cookie, await benchLandmarks(url));
    await warmUp(server, scenario.path, cookie);
    result.sequential.small = await measureWithNewSession(server, scenario, url, authSecret);
    log(`  ${scenario.name}: ${fmtQueries(result.sequential.small.queries)} SQL statements per request`);
  } catch (error) {
    result.error = `on the small database: ${errorText(error)}`;
    log(`  ${scenario.name} failed ${result.error}`);
  }
}

function evaluate(scenario: Scenario, result: ScenarioResult) {
  const atGoal = result.runs.find((r) => r.connections === scenario.goal.connections);
  const p95ok = Boolean(!result.error && atGoal && atGoal.p95 < scenario.goal.p95Ms && atGoal.non2xx === 0 && atGoal.errors === 0);
  const { large, small } = result.sequential;
  const queriesOk = Boolean(!result.error && large && small && large.queries === small.queries);
  return { atGoal, p95ok, queriesOk };
}

function report(scenario: Scenario, size: BenchSize, result: ScenarioResult) {
  const { goal } = scenario;
  const { atGoal, p95ok, queriesOk } = evaluate(scenario, result);
  const { large, small } = result.sequential;
  const header = ["connections", "requests/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "errors", "queries/request"];
  const rows = result.runs.map((r) => [String(r.connections), r.requestsPerSecond.toFixed(1), ms(r.p50), ms(r.p95), ms(r.p99), String(r.non2xx), String(r.errors), fmtQueries(large?.queries)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const who = scenario.role === "staff" ? `${BENCH_STAFF_EMAIL} (staff administrator)` : BENCH_OWNER_EMAIL;

  console.log("");
  console.log(`── ${scenario.name}: GET ${scenario.path} as ${who}`);
  console.log(`data: ${size.customers.toLocaleString("en")} customers, ${size.services.toLocaleString("en")} services, ${size.invoices.toLocaleString("en")} invoices, ${size.tickets.toLocaleString("en")} tickets, ${size.domains.toLocaleString("en")} domains`);
  if (result.error) console.log(`error: ${result.error}`);
  if (rows.length) {
    console.log("");
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log("");
  }
  console.log(`SQL statements per request: ${fmtQueries(large?.queries)} on the large database, ${fmtQueries(small?.queries)} on one ten times smaller`);
  if (large) {
    // One Node.js process runs its JavaScript on one core, so CPU time per request caps its throughput;
    // with a closed loop of C connections the mean latency is about C / throughput (Little's law).
    console.log(`one request at a time: median ${ms(large.medianMs)} ms; server CPU ${ms(large.cpuMs)} ms per request, so one Node.js process tops out near ${(1000 / large.cpuMs).toFixed(0)} requests/s`);
    console.log(
      `(${goal.p95Ms} ms at ${goal.connections} connections needs more than ${Math.ceil((goal.connections * 1000) / goal.p95Ms)} requests/s, i.e. under ${((goal.p95Ms / goal.connections) * os.cpus().length).toFixed(1)} ms of CPU per request on ${os.cpus().length} cores)`,
    );
  }
  console.log("goals:");
  console.log(`  ${p95ok ? "PASS" : "FAIL"}  p95 < ${goal.p95Ms} ms at ${goal.connections} connections, no errors (p95 = ${ms(atGoal?.p95 ?? NaN)} ms)`);
  console.log(`  ${queriesOk ? "PASS" : "FAIL"}  statement count does not grow with the data size (${fmtQueries(large?.queries)} vs ${fmtQueries(small?.queries)})`);
  return { p95ok, queriesOk };
}

/**
 * Stops PostgreSQL only if this run started it and nobody else has connected since (other
 * engineers' dev servers and tests share the same server on port 54329).
 */
async function stopPostgres(pgServer: EmbeddedDb) {
  if (!pgServer.startedHere) return;
  const client = new pg.Client({ connectionString: pgServer.adminUrl() });
  let others = 0;
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND coalesce(datname, '') <> ALL($1::text[])`,
      [DATABASES.map((d) => d.name)],
    );
    others = Number(rows[0]?.n ?? 0);
  } finally {
    await client.end().catch(() => {});
  }
  if (others) log(`leaving PostgreSQL running: ${others} other connection(s) use it`);
  else await pgServer.stop();
}

/**
 * One AUTH_SECRET for every run against the reused bench databases: secrets the app stored
 * encrypted in an earlier run (support PINs) must stay readable. Kept in .data, made on first use.
 */
function benchAuthSecret(): string {
  const file = ".data/bench-auth-secret";
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  fs.mkdirSync(".data", { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function main() {
  const opts = options();
  if (opts.scenarios.length) await runPageScenarios(opts);
  if (opts.billingServices) {
    log(`billing: the renewal run over ${opts.billingServices} services (scripts/bench-billing.ts)`);
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/bench-billing.ts", `--services=${opts.billingServices}`], {
      stdio: "inherit",
    });
  }
  if (opts.calls) {
    log(`calls: the service page and call records with ${opts.calls} calls (scripts/bench-calls.ts)`);
    const flags = [`--calls=${opts.calls}`, `--duration=${opts.duration}`, ...(opts.fresh ? ["--fresh"] : []), ...(opts.build ? [] : ["--no-build"])];
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/bench-calls.ts", ...flags], { stdio: "inherit" });
  }
  if (opts.dnsRecords) {
    log(`dns: saving a ${opts.dnsRecords}-record zone to PowerDNS (scripts/bench-dns.ts)`);
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/bench-dns.ts", `--records=${opts.dnsRecords}`], { stdio: "inherit" });
  }
  if (opts.domains) {
    log(`domains: the domain list of a customer with ${opts.domains} domains (scripts/bench-domains.ts)`);
    const flags = [`--domains=${opts.domains}`, `--duration=${opts.duration}`, ...(opts.fresh ? ["--fresh"] : []), ...(opts.build ? [] : ["--no-build"])];
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/bench-domains.ts", ...flags], { stdio: "inherit" });
  }
}

async function runPageScenarios(opts: ReturnType<typeof options>) {
  const pgServer = await startEmbeddedPostgres();
  try {
    const [large, small] = DATABASES;
    const sizes = { large: benchSize(large.scale), small: benchSize(small.scale) };
    const urls = {
      large: await prepareDatabase(pgServer, large.name, sizes.large, opts.fresh),
      small: await prepareDatabase(pgServer, small.name, sizes.small, opts.fresh),
    };
    const authSecret = benchAuthSecret();

    if (!opts.build) log(`--no-build: using ${DIST_DIR} as it is`);
    else if (buildIsFresh(DIST_DIR)) log(`${DIST_DIR} is newer than the sources; not rebuilding`);
    else {
      log(`next build into ${DIST_DIR} …`);
      await nextBuild(serverEnv(urls.large, authSecret));
    }

    const results = new Map<ScenarioName, ScenarioResult>();
    await withServer(urls.large, authSecret, async (server) => {
      log(`next start on ${server.baseUrl} (${large.name})`);
      for (const scenario of opts.scenarios) {
        log(`${scenario.name}: GET ${scenario.path} as the bench ${scenario.role}`);
        results.set(scenario.name, await runScenarioLarge(server, scenario, urls.large, authSecret, opts));
      }
    });
    await withServer(urls.small, authSecret, async (server) => {
      log(`next start on ${server.baseUrl} (${small.name})`);
      for (const scenario of opts.scenarios) await runScenarioSmall(server, scenario, urls.small, authSecret, results.get(scenario.name)!);
    });

    console.log("");
    console.log(`Portico benchmark · machine: ${os.cpus().length} cores, node ${process.version}; load generator on the same machine, 127.0.0.1`);
    const summary: Record<string, ScenarioResult & { path: string; as: string; goal: Scenario["goal"]; goals: { p95ok: boolean; queriesOk: boolean } }> = {};
    for (const scenario of opts.scenarios) {
      const result = results.get(scenario.name)!;
      summary[scenario.name] = { path: scenario.path, as: scenario.role, goal: scenario.goal, ...result, goals: report(scenario, sizes.large, result) };
    }
    const loadavg = os.loadavg();
    console.log("");
    console.log(`load average at the end: ${loadavg.map((n) => n.toFixed(2)).join(" ")} (other work on the machine skews the figures)`);
    fs.mkdirSync(".data", { recursive: true });
    fs.writeFileSync(
      ".data/bench-last.json",
      JSON.stringify({ at: new Date().toISOString(), machine: { cores: os.cpus().length, node: process.version, loadavg }, size: sizes, scenarios: summary }, null, 2),
    );
    log("results written to .data/bench-last.json");

    const failed = opts.scenarios.filter((s) => summary[s.name].error);
    if (failed.length) throw new Error(`${failed.map((s) => s.name).join(", ")} could not be measured (see above)`);
    if (Object.values(summary).some((s) => !s.goals.p95ok || !s.goals.queriesOk)) log("goals not met (figures above); exit code stays 0: this is a measurement, not a test");
  } finally {
    await stopPostgres(pgServer);
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void Promise.all([...running].map((s) => s.stop())).finally(() => process.exit(130));
  });
}

main().catch(async (error) => {
  console.error(`[bench] failed: ${errorText(error)}`);
  await Promise.all([...running].map((s) => s.stop()));
  process.exit(1);
});
