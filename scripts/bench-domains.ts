// `npm run bench -- --scenario=domains` (issue 6): the customer domain list (/domains) of a customer
// with 5,000 domains against one with 45. Seeds a database of its own (the bench provider at 1/10
// size), gives the bench owner 5,000 domains and a small bench customer 45 (bulk inserts, mixed
// statuses, expiries and auto-renew, some pending ones with a registrar job being retried), runs
// `next start` on 127.0.0.1, and for each page (the first page, a later page, a filter, a search)
// drives 20 connections with a real session for a bounded number of requests; prints req/s,
// p50/p95/p99 and the SQL statements per request for both customers (they must be equal: the list
// is one page query, one count and one query for the page's registrar jobs, whatever the size).
//   flags: --fresh (rebuild the database), --no-build (use the build folder as it is),
//          --duration=20 (at most, seconds per load run), --requests=2000 (at most, per load run),
//          --domains=5000 (the big customer's domains)
// Builds into .next-bench (like scripts/bench.ts) unless NEXT_DIST_DIR says otherwise.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "@/scripts/lib/embedded-pg";
import { BENCH_OWNER_CONTRACT, benchSize, seedBenchDatabase } from "./lib/bench-seed";
import { fetchPage, measureSequential, runLoad, waitForQuiet, type LoadResult, type SequentialMeasure } from "./lib/bench-load";
import { SESSION_COOKIE } from "./lib/bench-session";
import { buildIsFresh, freePort, nextBuild, startNextServer, type RunningServer } from "./lib/next-server";

const DIST_DIR = (process.env.NEXT_DIST_DIR ||= ".next-bench");
const DATABASE = "portico_bench_domains";
const CONNECTIONS = 20;
const GOAL_P95_MS = 200;
const SEQUENTIAL_REQUESTS = 20;
const PAGE_SIZE = 20;
/** The small customer: one of the bench provider's customers with an owner login (every tenth has one). */
const SMALL_CONTRACT = "B-000010";
const SMALL_DOMAINS = 45;
const log = (message: string) => console.log(`[bench:domains] ${message}`);

function options() {
  const { values } = parseArgs({
    options: {
      fresh: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      duration: { type: "string", default: "20" },
      requests: { type: "string", default: "2000" },
      domains: { type: "string", default: "5000" },
    },
  });
  const duration = Number(values.duration);
  if (!Number.isInteger(duration) || duration < 1 || duration > 600) throw new Error("--duration must be 1–600 seconds");
  const requests = Number(values.requests);
  if (!Number.isInteger(requests) || requests < 20 || requests > 100_000) throw new Error("--requests must be 20–100,000");
  const domains = Number(values.domains);
  if (!Number.isInteger(domains) || domains < 500 || domains > 100_000) throw new Error("--domains must be 500–100,000");
  return { fresh: values.fresh, build: !values["no-build"], duration, requests, domains };
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

type Customer = { label: string; contract: string; id: string; userId: string; domains: number };
type Customers = { big: Customer; small: Customer };

async function customerOf(client: pg.Client, label: string, contract: string): Promise<Customer | null> {
  const { rows } = await client.query<{ id: string; userId: string; domains: string }>(
    `SELECT c.id, m."userId", (SELECT count(*) FROM "Domain" d WHERE d."customerId" = c.id) AS domains
     FROM "Customer" c JOIN "Membership" m ON m."customerId" = c.id AND m."isOwner"
     WHERE c."contractNumber" = $1 ORDER BY m."createdAt" LIMIT 1`,
    [contract],
  );
  return rows[0] ? { label, contract, id: rows[0].id, userId: rows[0].userId, domains: Number(rows[0].domains) } : null;
}

/** Both customers with their domain counts, or null when the database is not (completely) seeded for these sizes. */
async function existingCustomers(url: string, domains: number): Promise<Customers | null> {
  return withClient(url, async (client) => {
    const exists = await client.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'Domain'`);
    if (exists.rows[0].n === "0") return null;
    const big = await customerOf(client, `${domains.toLocaleString("en")} domains`, BENCH_OWNER_CONTRACT);
    const small = await customerOf(client, `${SMALL_DOMAINS} domains`, SMALL_CONTRACT);
    if (!big || !small || big.domains !== domains || small.domains !== SMALL_DOMAINS) return null;
    return { big, small };
  });
}

/**
 * Tops the customer up to `total` domains, set-based. The mix follows (g × 37) mod 100, so even 45
 * rows have every status: 70 % active (expiring from a month ago to nearly three years ahead), 8 %
 * expired, 4 % pending registration (a quarter with a registrar job being retried), 4 % pending
 * transfer (requested a few days ago), 4 % deleted, 5 % transferred away, 5 % failed with a reason.
 * Names carry one of ten words, so a search for one matches about a tenth.
 */
async function insertDomains(client: pg.Client, customerId: string, prefix: string, total: number) {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Domain" WHERE "customerId" = $1`, [customerId]);
  const count = total - Number(rows[0].n);
  if (count <= 0) return;
  await client.query(
    `INSERT INTO "Domain" (id, "customerId", name, status, "expiresAt", "autoRenew", locked, "transferRequestedAt", "failureReason", "lastSyncedAt", "createdAt")
     SELECT gen_random_uuid(), $1::uuid,
            $2 || '-' || g || '-' || (ARRAY['shop','studio','cloud','media','labs','travel','food','tech','design','green'])[1 + (g * 3) % 10]
              || (ARRAY['.com','.vn','.sk','.hu','.eu','.net','.org'])[1 + g % 7],
            s.status::"DomainStatus",
            CASE WHEN s.status IN ('pending_registration', 'cancelled') THEN NULL
                 WHEN s.status = 'pending_transfer' THEN now()::timestamp + make_interval(days => 30 + g % 300)
                 WHEN s.status = 'active' THEN now()::timestamp + make_interval(days => (g * 7) % 1000 - 30)
                 ELSE now()::timestamp - make_interval(days => 1 + g % 300) END,
            g % 6 <> 0,
            g % 4 <> 0,
            CASE WHEN s.status = 'pending_transfer' THEN now()::timestamp - make_interval(hours => 1 + g % 120) END,
            CASE WHEN s.status = 'cancelled' THEN (ARRAY['taken','wrong_auth_code','rejected','locked'])[1 + g % 4] END,
            now()::timestamp - make_interval(hours => g % 48),
            now()::timestamp - make_interval(days => g % 1500)
     FROM generate_series(1, $3::int) AS g
     CROSS JOIN LATERAL (
       SELECT CASE WHEN (g * 37) % 100 < 70 THEN 'active' WHEN (g * 37) % 100 < 78 THEN 'expired'
                   WHEN (g * 37) % 100 < 82 THEN 'pending_registration' WHEN (g * 37) % 100 < 86 THEN 'pending_transfer'
                   WHEN (g * 37) % 100 < 90 THEN 'deleted' WHEN (g * 37) % 100 < 95 THEN 'transferred_away' ELSE 'cancelled' END AS status
     ) AS s`,
    [customerId, prefix, count],
  );
  await client.query(
    `INSERT INTO "RegistrarJob" (id, "domainId", operation, status, attempts, "runAfter", "lastError", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), d.id, 'register', 'retrying', 2, now()::timestamp + interval '10 minutes', 'sandbox registry: simulated failure of register', now()::timestamp, now()::timestamp
     FROM "Domain" d WHERE d."customerId" = $1::uuid AND d.status = 'pending_registration' AND right(d.name, 4) IN ('.com', '.net')`,
    [customerId],
  );
}

async function prepareDatabase(opts: { fresh: boolean; domains: number }): Promise<{ url: string; customers: Customers; stop: () => Promise<void> }> {
  const pgServer = await startEmbeddedPostgres();
  const adminUrl = pgServer.adminUrl();
  const url = pgServer.adminUrl(DATABASE);
  const stop = async () => {
    if (pgServer.startedHere) await pgServer.stop();
  };
  if (!opts.fresh && !(await ensureDatabase(adminUrl, DATABASE))) {
    const customers = await existingCustomers(url, opts.domains).catch(() => null);
    if (customers) {
      log(`${DATABASE}: reusing the seeded database (--fresh rebuilds it)`);
      return { url, customers, stop };
    }
  }
  await dropDatabase(adminUrl, DATABASE);
  await ensureDatabase(adminUrl, DATABASE);
  execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  let started = Date.now();
  await seedBenchDatabase(url, benchSize(0.1));
  log(`bench provider (1/10 size) seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  const customers = await withClient(url, async (client) => {
    const big = await customerOf(client, "", BENCH_OWNER_CONTRACT);
    const small = await customerOf(client, "", SMALL_CONTRACT);
    if (!big || !small) throw new Error(`the bench seed has no owner login for ${!big ? BENCH_OWNER_CONTRACT : SMALL_CONTRACT}`);
    await insertDomains(client, big.id, "list", opts.domains);
    await insertDomains(client, small.id, "small", SMALL_DOMAINS);
    await client.query(`VACUUM ANALYZE "Domain"`);
    await client.query(`VACUUM ANALYZE "RegistrarJob"`);
    return existingCustomers(url, opts.domains);
  });
  if (!customers) throw new Error("the domains were not inserted as planned");
  log(`${opts.domains.toLocaleString("en")} + ${SMALL_DOMAINS} domains inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, customers, stop };
}

const TTL_SECONDS = 12 * 60 * 60;

/**
 * A live session of the customer's owner and the next-auth cookie the app would issue for it (as
 * scripts/lib/bench-session.ts does for the bench owner; here for either customer).
 */
async function ownerCookie(url: string, authSecret: string, customer: Customer): Promise<string> {
  const sid = randomUUID();
  await withClient(url, (client) =>
    client.query(
      `INSERT INTO "Session" (id, "userId", "expiresAt", "activeCustomerId", ip, "userAgent")
       VALUES ($1, $2, now()::timestamp + make_interval(secs => $3::int), $4, '127.0.0.1', 'portico-bench')`,
      [sid, customer.userId, TTL_SECONDS, customer.id],
    ),
  );
  const { encode } = await import("next-auth/jwt");
  const token = await encode({ token: { sub: sid, sid, stage: "done", staff: false }, secret: authSecret, salt: SESSION_COOKIE, maxAge: TTL_SECONDS });
  return `${SESSION_COOKIE}=${token}`;
}

type Page = { name: string; path: (customer: Customer) => string };

function pages(bigDomains: number): Page[] {
  // A page well inside the list: two thirds of the way for the big customer, page 2 for the small one.
  const later = (c: Customer) => (c.domains === bigDomains ? Math.max(2, Math.floor((bigDomains / PAGE_SIZE) * 0.8)) : 2);
  return [
    { name: "first page (active, the default)", path: () => "/domains" },
    { name: "a later page (all)", path: (c) => `/domains?filter=all&page=${later(c)}` },
    { name: "a filter (expired)", path: () => "/domains?filter=expired" },
    { name: 'a search ("studio", all)', path: () => "/domains?filter=all&q=studio" },
  ];
}

type Measured = { path: string; load?: LoadResult; sequential?: SequentialMeasure; error?: string };
type Result = { page: string; big: Measured; small: Measured };

/** The soonest-expiring active domain: the first row of /domains. */
async function firstActiveName(url: string, customer: Customer): Promise<string> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT name FROM "Domain" WHERE "customerId" = $1 AND status = 'active' ORDER BY "expiresAt" ASC NULLS LAST, name ASC LIMIT 1`,
      [customer.id],
    );
    return rows[0].name;
  });
}

async function measure(server: RunningServer, page: Page, customer: Customer, url: string, authSecret: string, opts: { duration: number; requests: number }): Promise<Measured> {
  const path = page.path(customer);
  const measured: Measured = { path };
  try {
    const cookie = await ownerCookie(url, authSecret, customer);
    const res = await fetchPage(server.baseUrl, path, cookie);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}${res.location ? ` → ${res.location}` : ""}`);
    if (!res.body.includes('data-testid="domain-row"')) throw new Error(`GET ${path} shows no domain rows`);
    if (path === "/domains") {
      const first = await firstActiveName(url, customer);
      if (!res.body.includes(first)) throw new Error(`GET ${path} does not show ${first}, the soonest-expiring active domain`);
    }
    for (let i = 0; i < 20; i++) await fetchPage(server.baseUrl, path, cookie);
    // A fresh session per count: the once-a-minute lastSeenAt update must not land in one count only.
    measured.sequential = await measureSequential(server.baseUrl, path, await ownerCookie(url, authSecret, customer), SEQUENTIAL_REQUESTS, server.cpuMillis);
    await waitForQuiet(server.baseUrl);
    measured.load = await runLoad({ url: `${server.baseUrl}${path}`, cookie, connections: CONNECTIONS, seconds: opts.duration, maxRequests: opts.requests });
    log(
      `  ${customer.label}: ${measured.load.requestsPerSecond.toFixed(1)} req/s, p95 ${measured.load.p95.toFixed(1)} ms, ${measured.sequential.queries} SQL statements per request, non-2xx ${measured.load.non2xx}, errors ${measured.load.errors}`,
    );
  } catch (error) {
    measured.error = error instanceof Error ? error.message : String(error);
    log(`  ${customer.label} failed: ${measured.error}`);
    console.error(server.log().split("\n").slice(-30).join("\n"));
  }
  return measured;
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
const ms = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? "—" : n.toFixed(1));

function report(results: Result[], opts: { domains: number; requests: number; duration: number }) {
  console.log("");
  console.log(
    `Portico benchmark · domains · ${os.cpus().length} cores, node ${process.version}; /domains of a customer with ${opts.domains.toLocaleString("en")} domains vs one with ${SMALL_DOMAINS}; ${CONNECTIONS} connections, at most ${opts.requests.toLocaleString("en")} requests or ${opts.duration} s per run, 127.0.0.1`,
  );
  const header = ["page", "customer", "req/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "errors", "SQL/request", "alone ms", "CPU ms/req"];
  const rows: string[][] = [];
  for (const r of results) {
    for (const [m, who] of [
      [r.big, `${opts.domains.toLocaleString("en")} domains`],
      [r.small, `${SMALL_DOMAINS} domains`],
    ] as const) {
      rows.push(
        m.error
          ? [r.page, who, "error", m.error.slice(0, 60), "", "", "", "", "", "", ""]
          : [r.page, who, m.load!.requestsPerSecond.toFixed(1), ms(m.load!.p50), ms(m.load!.p95), ms(m.load!.p99), String(m.load!.non2xx), String(m.load!.errors), String(m.sequential!.queries), ms(m.sequential!.medianMs), ms(m.sequential!.cpuMs)],
      );
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log("");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log("");
  // One Node.js process runs its JavaScript on one core: at C ms of CPU per request it tops out near 1000 / C requests/s,
  // and with a closed loop of 20 connections the latency is about 20 / throughput (Little's law).
  console.log("(alone: median of one request at a time; CPU: the server's CPU time per request, which caps one process near 1000 / CPU requests/s)");
  for (const r of results) {
    const ok = !r.big.error && !r.small.error;
    const p95ok = ok && r.big.load!.p95 < GOAL_P95_MS && r.big.load!.non2xx === 0 && r.big.load!.errors === 0;
    const sameQueries = ok && r.big.sequential!.queries === r.small.sequential!.queries;
    console.log(
      `${p95ok ? "PASS" : "FAIL"}  ${r.page}: p95 < ${GOAL_P95_MS} ms at ${CONNECTIONS} connections with ${opts.domains.toLocaleString("en")} domains · ${sameQueries ? "PASS" : "FAIL"}  statements do not grow with the domains (${r.big.sequential?.queries ?? "—"} vs ${r.small.sequential?.queries ?? "—"})`,
    );
  }
  console.log(`load average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(" ")} (other work on the machine skews the figures)`);
}

async function main() {
  const opts = options();
  const { url, customers, stop } = await prepareDatabase(opts);
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
    log(`next start on ${server.baseUrl} (pid ${server.pid})`);
    const results: Result[] = [];
    try {
      for (const page of pages(opts.domains)) {
        log(`${page.name}: GET ${page.path(customers.big)} / ${page.path(customers.small)}`);
        const big = await measure(server, page, customers.big, url, authSecret, opts);
        const small = await measure(server, page, customers.small, url, authSecret, opts);
        results.push({ page: page.name, big, small });
      }
    } finally {
      await server.stop();
      running.delete(server);
    }
    report(results, opts);
    fs.mkdirSync(".data", { recursive: true });
    fs.writeFileSync(".data/bench-domains-last.json", JSON.stringify({ at: new Date().toISOString(), domains: opts.domains, small: SMALL_DOMAINS, results }, null, 2));
    log("results written to .data/bench-domains-last.json");
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
  console.error(`[bench:domains] failed: ${error instanceof Error ? error.message : String(error)}`);
  await Promise.all([...running].map((s) => s.stop()));
  process.exit(1);
});
