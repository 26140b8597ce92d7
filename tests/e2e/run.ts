// `npm run test:e2e`: builds the app, starts it on 127.0.0.1 against a freshly migrated and seeded
// database, and runs the browser tests (Chromium) and the HTTP security suite against it.
// Writes .data/e2e-results.json ({ passed, failed, skipped, notRun }) for scripts/test.ts.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "@/scripts/lib/embedded-pg";
import { buildIsFresh, freePort, nextBuild, startNextServer } from "@/scripts/lib/next-server";
import { migrate, withDatabase } from "@/tests/helpers/test-db";

// E2E_RUN_ID keeps parallel runs on one checkout apart (own build, database and result files).
const RUN_ID = (process.env.E2E_RUN_ID ?? "").replace(/[^a-z0-9_]/gi, "").toLowerCase();
const suffix = RUN_ID ? `-${RUN_ID}` : "";
const RESULTS = path.resolve(`.data/e2e-results${suffix}.json`);
const JEST_JSON = path.resolve(`.data/e2e-jest${suffix}.json`);
const ci = process.env.CI === "true";
const DIST_DIR = `.next-e2e${suffix}`;
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type Results = { passed: number; failed: number; skipped: number; notRun: string | null };
const write = (r: Results) => {
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, JSON.stringify(r));
};

function loud(lines: string[]) {
  const bar = "!".repeat(78);
  console.error(`\n${bar}\n${lines.map((l) => `!! ${l}`).join("\n")}\n${bar}\n`);
}

async function main() {
  const haveBrowser = fs.existsSync(chromiumPath);
  let notRun: string | null = null;
  if (!haveBrowser) {
    notRun = `Chromium not found at ${chromiumPath}`;
    loud([
      "BROWSER TESTS WERE NOT RUN: " + notRun,
      "Install it with `apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH.",
      ci ? "CI=true: a missing browser is a failure." : "Only the HTTP security suite runs now.",
    ]);
  }

  const pg = await startEmbeddedPostgres({ quiet: true });
  const dbName = RUN_ID ? `portico_e2e_${RUN_ID}` : "portico_e2e";
  await dropDatabase(pg.adminUrl(), dbName);
  await ensureDatabase(pg.adminUrl(), dbName);
  const databaseUrl = withDatabase(pg.adminUrl(), dbName);
  migrate(databaseUrl);
  const port = await freePort();
  const env = {
    NEXT_DIST_DIR: DIST_DIR,
    AUTH_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64"),
    AUTH_TRUST_HOST: "true",
    APP_URL: `http://127.0.0.1:${port}`,
  };
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "prisma/seed.ts"], { stdio: "inherit", env: { ...process.env, ...env } });

  const serverEnv = { ...process.env, ...env, NODE_ENV: "production" as const };
  // A build newer than every source file is reused (a fresh clone always builds).
  if (!buildIsFresh(DIST_DIR)) await nextBuild(serverEnv);
  const app = await startNextServer(port, serverEnv);
  let results: Results;
  try {
    const testPaths = haveBrowser ? ["tests/e2e", "tests/security"] : ["tests/security"];
    fs.rmSync(JEST_JSON, { force: true });
    spawnSync(process.execPath, ["node_modules/jest/bin/jest.js", "-c", "jest.e2e.config.mjs", "--runInBand", "--json", `--outputFile=${JEST_JSON}`, ...(process.argv.slice(2).length ? process.argv.slice(2) : testPaths)], {
      stdio: "inherit",
      env: { ...process.env, ...env, E2E_BASE_URL: app.baseUrl, E2E_DATABASE_URL: databaseUrl, CHROMIUM_PATH: chromiumPath },
    });
    const json = fs.existsSync(JEST_JSON) ? JSON.parse(fs.readFileSync(JEST_JSON, "utf8")) : null;
    results = json
      ? { passed: json.numPassedTests, failed: json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0), skipped: json.numPendingTests, notRun }
      : { passed: 0, failed: 1, skipped: 0, notRun };
  } finally {
    fs.writeFileSync(path.resolve(`.data/e2e-server${suffix}.log`), app.log());
    await app.stop();
    if (pg.startedHere) await pg.stop();
  }
  if (!haveBrowser && ci) results.failed += 1;
  write(results);
  console.log(`\nbrowser + security: ${results.passed} passed, ${results.failed} failed${notRun ? ` (browser tests not run: ${notRun})` : ""}`);
  process.exit(results.failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  write({ passed: 0, failed: 1, skipped: 0, notRun: null });
  process.exit(1);
});
