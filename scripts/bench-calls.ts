// `npm run bench -- --scenario=calls` (issue 5): the service page and the VoIP call-records list
// with 1,000,000 call records in the database. Seeds a database of its own (the bench provider at
// 1/10 size, then two VoIP trunks of the bench owner: one with 1,000,000 calls over the last year,
// one with 100,000), runs `next start`, and for each page prints p50/p95/p99 at 20 connections and
// the SQL statements per request on the big trunk and on the small one (they must be equal: the
// keyset list and the totals do not issue more queries as the data grows).
//   flags: --fresh (rebuild the database), --no-build (use the build folder as it is),
//          --duration=20 (seconds per load run), --calls=1000000 (calls of the big trunk)
// Builds into .next-bench (like scripts/bench.ts) unless NEXT_DIST_DIR says otherwise.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "@/scripts/lib/embedded-pg";
import { BENCH_OWNER_CONTRACT, benchSize, seedBenchDatabase } from "./lib/bench-seed";
import { fetchPage, measureSequential, runLoad, waitForQuiet, type LoadResult, type SequentialMeasure } from "./lib/bench-load";
import { benchOwnerCookie } from "./lib/bench-session";
import { buildIsFresh, freePort, nextBuild, startNextServer, type RunningServer } from "./lib/next-server";

const DIST_DIR = (process.env.NEXT_DIST_DIR ||= ".next-bench");
const DATABASE = "portico_bench_calls";
const CONNECTIONS = 20;
const GOAL_P95_MS = 200;
const SEQUENTIAL_REQUESTS = 20;
const BIG_LABEL = "+421 2 5000 0001";
const SMALL_LABEL = "+421 2 5000 0002";
const log = (message: string) => console.log(`[bench:calls] ${message}`);

function options() {
  const { values } = parseArgs({
    options: {
      fresh: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      duration: { type: "string", default: "20" },
      calls: { type: "string", default: "1000000" },
    },
  });
  const duration = Number(values.duration);
  if (!Number.isInteger(duration) || duration < 1 || duration > 600) throw new Error("--duration must be 1–600 seconds");
  const calls = Number(values.calls);
  if (!Number.isInteger(calls) || calls < 10_000 || calls > 10_000_000) throw new Error("--calls must be 10,000–10,000,000");
  return { fresh: values.fresh, build: !values["no-build"], duration, calls };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

type Trunks = { big: string; small: string };

/** The bench owner's two trunks and their call counts, or null when the database is not (completely) seeded. */
async function existingTrunks(url: string, calls: number): Promise<Trunks | null> {
  return withClient(url, async (client) => {
    const exists = await client.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'CallRecord'`);
    if (exists.rows[0].n === "0") return null;
    const { rows } = await client.query<{ id: string; label: string; calls: string }>(
      `SELECT s.id, s.label, (SELECT count(*) FROM "CallRecord" r WHERE r."serviceId" = s.id) AS calls
       FROM "Service" s JOIN "Customer" c ON c.id = s."customerId" WHERE c."contractNumber" = $1 AND s.kind = 'voip' AND s.label = ANY($2::text[])`,
      [BENCH_OWNER_CONTRACT, [BIG_LABEL, SMALL_LABEL]],
    );
    const big = rows.find((r) => r.label === BIG_LABEL);
    const small = rows.find((r) => r.label === SMALL_LABEL);
    if (!big || !small || Number(big.calls) !== calls || Number(small.calls) !== calls / 10) return null;
    return { big: big.id, small: small.id };
  });
}

/**
 * `count` calls spread evenly over the last 365 days (newest now), set-based: three in five
 * outbound and charged per second, numbers and durations varied by the row number.
 */
async function insertCalls(client: pg.Client, serviceId: string, count: number) {
  await client.query(
    `INSERT INTO "CallRecord" ("serviceId", "externalId", "startedAt", "fromNumber", "toNumber", "direction", "durationSec", "costMinor", "currency")
     SELECT $1::uuid, 'bench-' || g,
            (now() AT TIME ZONE 'UTC') - make_interval(secs => (g::float8 * 365 * 86400 / $2::int)),
            CASE WHEN g % 5 < 3 THEN '+42125000000' || (g % 40) ELSE '+4219' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0') END,
            CASE WHEN g % 5 < 3 THEN '+4219' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0') ELSE '+42125000000' || (g % 40) END,
            (CASE WHEN g % 5 < 3 THEN 'outbound' ELSE 'inbound' END)::"CallDirection",
            CASE WHEN g % 7 = 0 THEN 0 ELSE 5 + (g * 37) % 900 END,
            CASE WHEN g % 5 < 3 AND g % 7 <> 0 THEN ((5 + (g * 37) % 900) * 45 / 600)::bigint ELSE 0 END,
            'EUR'
     FROM generate_series(1, $2::int) AS g`,
    [serviceId, count],
  );
}

async function prepareDatabase(opts: { fresh: boolean; calls: number }): Promise<{ url: string; trunks: Trunks; stop: () => Promise<void> }> {
  const pgServer = await startEmbeddedPostgres();
  const adminUrl = pgServer.adminUrl();
  const url = pgServer.adminUrl(DATABASE);
  const stop = async () => {
    if (pgServer.startedHere) await pgServer.stop();
  };
  if (!opts.fresh && !(await ensureDatabase(adminUrl, DATABASE))) {
    const trunks = await existingTrunks(url, opts.calls).catch(() => null);
    if (trunks) {
      log(`${DATABASE}: reusing the seeded database (--fresh rebuilds it)`);
      return { url, trunks, stop };
    }
  }
  await dropDatabase(adminUrl, DATABASE);
  await ensureDatabase(adminUrl, DATABASE);
  execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  let started = Date.now();
  await seedBenchDatabase(url, benchSize(0.1));
  log(`bench provider (1/10 size) seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  const trunks = await withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Customer" WHERE "contractNumber" = $1`, [BENCH_OWNER_CONTRACT]);
    const ids: string[] = [];
    for (const [label, name] of [
      [BIG_LABEL, "VoIP Trunk (30 channels)"],
      [SMALL_LABEL, "VoIP Trunk (4 channels)"],
    ]) {
      const service = await client.query<{ id: string }>(
        `INSERT INTO "Service" (id, "customerId", kind, name, label, status, "nextDueDate") VALUES (gen_random_uuid(), $1, 'voip', $2, $3, 'active', current_date + 20) RETURNING id`,
        [rows[0].id, name, label],
      );
      ids.push(service.rows[0].id);
    }
    await insertCalls(client, ids[0], opts.calls);
    await insertCalls(client, ids[1], opts.calls / 10);
    await client.query(`VACUUM ANALYZE "CallRecord"`);
    return { big: ids[0], small: ids[1] };
  });
  log(`${(opts.calls * 1.1).toLocaleString("en")} call records inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, trunks, stop };
}

/** The previous calendar month in UTC, as the list's filter (a full month of calls in the totals). */
function previousMonth(now: Date) {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

type Page = { name: string; path: (serviceId: string) => string; expects: string };

function pages(): Page[] {
  const month = previousMonth(new Date());
  return [
    { name: "service page", path: (id) => `/services/${id}`, expects: "VoIP Trunk" },
    { name: "call records (this month)", path: (id) => `/services/${id}/calls`, expects: 'data-testid="call-row"' },
    { name: `call records (${month.from} – ${month.to}, totals over the full month)`, path: (id) => `/services/${id}/calls?from=${month.from}&to=${month.to}`, expects: 'data-testid="call-row"' },
  ];
}

type Result = { page: string; path: string; load?: LoadResult; big?: SequentialMeasure; small?: SequentialMeasure; error?: string };

async function measurePage(server: RunningServer, page: Page, trunks: Trunks, url: string, authSecret: string, duration: number): Promise<Result> {
  const path = page.path(trunks.big);
  const result: Result = { page: page.name, path };
  try {
    const cookie = await benchOwnerCookie(url, authSecret);
    for (const id of [trunks.big, trunks.small]) {
      const res = await fetchPage(server.baseUrl, page.path(id), cookie);
      if (res.status !== 200) throw new Error(`GET ${page.path(id)} answered ${res.status}${res.location ? ` → ${res.location}` : ""}`);
      if (!res.body.includes(page.expects)) throw new Error(`GET ${page.path(id)} does not show ${page.expects}`);
    }
    for (let i = 0; i < 20; i++) await fetchPage(server.baseUrl, path, cookie);
    // A fresh session per count: the once-a-minute lastSeenAt update must not land in one count only.
    result.big = await measureSequential(server.baseUrl, path, await benchOwnerCookie(url, authSecret), SEQUENTIAL_REQUESTS, server.cpuMillis);
    result.small = await measureSequential(server.baseUrl, page.path(trunks.small), await benchOwnerCookie(url, authSecret), SEQUENTIAL_REQUESTS, server.cpuMillis);
    log(`  ${page.name}: ${result.big.queries} SQL statements per request (1/10 of the calls: ${result.small.queries}); ${result.big.cpuMs.toFixed(1)} ms server CPU`);
    await waitForQuiet(server.baseUrl);
    result.load = await runLoad({ url: `${server.baseUrl}${path}`, cookie, connections: CONNECTIONS, seconds: duration, maxRequests: 100_000 });
    log(`  ${CONNECTIONS} connections: ${result.load.requestsPerSecond.toFixed(1)} req/s, p95 ${result.load.p95.toFixed(1)} ms, non-2xx ${result.load.non2xx}, errors ${result.load.errors}`);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`  ${page.name} failed: ${result.error}`);
    console.error(server.log().split("\n").slice(-30).join("\n"));
  }
  return result;
}

function benchAuthSecret(): string {
  const file = ".data/bench-auth-secret";
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  fs.mkdirSync(".data", { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const running = new Set<RunningServer>();

async function main() {
  const opts = options();
  const { url, trunks, stop } = await prepareDatabase(opts);
  try {
    const authSecret = benchAuthSecret();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: DIST_DIR,
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: "20",
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: "true",
      PORTICO_COUNT_QUERIES: "1",
    };
    if (!opts.build) log(`--no-build: using ${DIST_DIR} as it is`);
    else if (buildIsFresh(DIST_DIR)) log(`${DIST_DIR} is newer than the sources; not rebuilding`);
    else {
      log(`next build into ${DIST_DIR} …`);
      await nextBuild(env);
    }
    const port = await freePort();
    const server = await startNextServer(port, { ...env, APP_URL: `http://127.0.0.1:${port}` });
    running.add(server);
    const results: Result[] = [];
    try {
      for (const page of pages()) {
        log(`${page.name}: GET ${page.path(trunks.big)}`);
        results.push(await measurePage(server, page, trunks, url, authSecret, opts.duration));
      }
    } finally {
      await server.stop();
      running.delete(server);
    }

    console.log("");
    console.log(`Portico benchmark · calls · ${os.cpus().length} cores, node ${process.version}; ${opts.calls.toLocaleString("en")} call records on the big trunk, ${(opts.calls / 10).toLocaleString("en")} on the small one`);
    for (const r of results) {
      console.log(`── ${r.page}: GET ${r.path}`);
      if (r.error) {
        console.log(`   error: ${r.error}`);
        continue;
      }
      const l = r.load!;
      console.log(`   ${CONNECTIONS} connections: ${l.requestsPerSecond.toFixed(1)} req/s, p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, non-2xx ${l.non2xx}, errors ${l.errors}`);
      console.log(`   SQL statements per request: ${r.big!.queries} (1M calls) vs ${r.small!.queries} (100k calls); median alone ${r.big!.medianMs.toFixed(1)} ms`);
      console.log(`   ${l.p95 < GOAL_P95_MS && l.non2xx === 0 && l.errors === 0 ? "PASS" : "FAIL"}  p95 < ${GOAL_P95_MS} ms at ${CONNECTIONS} connections · ${r.big!.queries === r.small!.queries ? "PASS" : "FAIL"}  statements do not grow with the data`);
    }
    console.log(`load average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(" ")} (other work on the machine skews the figures)`);
    fs.mkdirSync(".data", { recursive: true });
    fs.writeFileSync(".data/bench-calls-last.json", JSON.stringify({ at: new Date().toISOString(), calls: opts.calls, results }, null, 2));
    log("results written to .data/bench-calls-last.json");
  } finally {
    await stop();
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void Promise.all([...running].map((s) => s.stop())).finally(() => process.exit(130));
  });
}

main().catch(async (error) => {
  console.error(`[bench:calls] failed: ${error instanceof Error ? error.message : String(error)}`);
  await Promise.all([...running].map((s) => s.stop()));
  process.exit(1);
});
