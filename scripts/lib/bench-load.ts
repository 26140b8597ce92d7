// Load and query-count measurements for `npm run bench`, over loopback only.
import autocannon from "autocannon";

export type LoadResult = {
  connections: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Drives GET `url` with `connections` concurrent keep-alive connections until `seconds` have passed
 * or `maxRequests` were answered. Percentiles come from every response time (autocannon's own
 * summary has no p95).
 */
export function runLoad(opts: { url: string; cookie?: string; connections: number; seconds: number; maxRequests: number }): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(opts.url)) throw new Error(`refusing to load anything but 127.0.0.1: ${opts.url}`);
  const latencies: number[] = [];
  let non2xx = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.seconds,
        maxOverallRequests: opts.maxRequests,
        headers: opts.cookie ? { cookie: opts.cookie } : {},
        timeout: 30,
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          connections: opts.connections,
          requests: latencies.length,
          seconds: result.duration,
          requestsPerSecond: latencies.length / result.duration,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
  });
}

export type Page = { status: number; location: string | null; body: string };

export async function fetchPage(baseUrl: string, path: string, cookie?: string): Promise<Page> {
  const res = await fetch(`${baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

/** The server's SQL statement counter (needs PORTICO_COUNT_QUERIES=1 on the server). */
export async function serverQueryCount(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/health`, { cache: "no-store" });
  const body = (await res.json()) as { ok?: boolean; queries?: unknown };
  if (typeof body.queries !== "number") throw new Error("/api/health reports no query count (PORTICO_COUNT_QUERIES=1 not honoured?)");
  return body.queries;
}

/**
 * Waits until the server has stopped working on earlier requests: a load run returns when its
 * time is up, while the server may still be rendering the last responses (and querying for them).
 * Quiet = only our own `SELECT 1` between two readings of the counter, twice in a row.
 */
export async function waitForQuiet(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await serverQueryCount(baseUrl);
  let quietReadings = 0;
  while (quietReadings < 2) {
    if (Date.now() > deadline) throw new Error("the server kept running queries with no requests for a minute");
    await new Promise((r) => setTimeout(r, 500));
    const now = await serverQueryCount(baseUrl);
    quietReadings = now - last === 1 ? quietReadings + 1 : 0;
    last = now;
  }
}

export type SequentialMeasure = { queries: number; cpuMs: number; medianMs: number };

/**
 * `n` sequential requests of `path`: SQL statements per request (from the server's counter before
 * and after; the second /api/health call runs its own `SELECT 1` before it reads the counter, hence
 * the - 1), server CPU time per request and the median latency of an unloaded server.
 */
export async function measureSequential(
  baseUrl: string,
  path: string,
  cookie: string | undefined,
  n: number,
  cpuMillis: () => number,
): Promise<SequentialMeasure> {
  const latencies: number[] = [];
  await waitForQuiet(baseUrl);
  const before = await serverQueryCount(baseUrl);
  const cpuBefore = cpuMillis();
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const page = await fetchPage(baseUrl, path, cookie);
    latencies.push(performance.now() - started);
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status} during the sequential measurement`);
  }
  // Work a page schedules after its response (e.g. `after()`) belongs to it too.
  await new Promise((r) => setTimeout(r, 300));
  const cpuAfter = cpuMillis();
  const after = await serverQueryCount(baseUrl);
  latencies.sort((a, b) => a - b);
  return { queries: (after - before - 1) / n, cpuMs: (cpuAfter - cpuBefore) / n, medianMs: percentile(latencies, 50) };
}
