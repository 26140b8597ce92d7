// `npm test`: every check of the project, in order, carrying on after a failure:
//   1. type-check (tsc --noEmit)  → counts as one test
//   2. lint (eslint .)            → counts as one test
//   3. jest: unit + integration against a real PostgreSQL (counts from its JSON report)
//   4. browser + HTTP security tests (tests/e2e/run.ts; counts from .data/e2e-results.json)
// The last line is always `N passed, N failed`; the exit code is 1 when anything failed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = process.cwd();
const DATA = path.join(ROOT, ".data");
const JEST_RESULTS = path.join(DATA, "jest-results.json");
const E2E_RESULTS = path.join(DATA, "e2e-results.json");

type Outcome = { step: string; passed: number; failed: number; skipped?: number; note?: string; seconds: number };

function run(command: string, args: string[]): { code: number; seconds: number } {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: process.env });
  const code = result.status ?? 1;
  if (result.error) console.error(`[test] could not run ${command}: ${result.error.message}`);
  return { code, seconds: (Date.now() - started) / 1000 };
}

const bin = (pkg: string, file: string) => path.join(ROOT, "node_modules", pkg, file);

function banner(title: string) {
  console.log(`\n━━━ ${title} ${"━".repeat(Math.max(0, 70 - title.length))}`);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

/** A command whose exit code is the whole result: one test. */
function single(step: string, command: string, args: string[]): Outcome {
  banner(step);
  const { code, seconds } = run(command, args);
  return { step, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, seconds, note: code === 0 ? undefined : `exit code ${code}` };
}

function jest(): Outcome {
  const step = "jest (unit + integration)";
  banner(step);
  fs.mkdirSync(DATA, { recursive: true });
  fs.rmSync(JEST_RESULTS, { force: true });
  const { code, seconds } = run(process.execPath, [bin("jest", "bin/jest.js"), "--json", `--outputFile=${JEST_RESULTS}`]);
  type JestJson = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numRuntimeErrorTestSuites: number };
  const report = readJson<JestJson>(JEST_RESULTS);
  if (!report) return { step, passed: 0, failed: 1, seconds, note: `no report (exit code ${code})` };
  // A suite that cannot even load has no failed tests of its own; count it as one failure.
  const failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  const note = report.numRuntimeErrorTestSuites ? `${report.numRuntimeErrorTestSuites} suite(s) failed to run` : failed === 0 && code !== 0 ? `exit code ${code}` : undefined;
  return { step, passed: report.numPassedTests, failed: failed === 0 && code !== 0 ? 1 : failed, skipped: report.numPendingTests, seconds, note };
}

function e2e(): Outcome {
  const step = "browser + security (tests/e2e/run.ts)";
  banner(step);
  fs.rmSync(E2E_RESULTS, { force: true });
  if (!fs.existsSync(path.join(ROOT, "tests/e2e/run.ts"))) return { step, passed: 0, failed: 1, seconds: 0, note: "tests/e2e/run.ts is missing" };
  const { code, seconds } = run(process.execPath, [bin("tsx", "dist/cli.mjs"), "--conditions=react-server", "tests/e2e/run.ts"]);
  type E2eJson = { passed: number; failed: number; skipped?: number; notRun?: string | null };
  const report = readJson<E2eJson>(E2E_RESULTS);
  if (!report) return { step, passed: 0, failed: 1, seconds, note: `no ${path.relative(ROOT, E2E_RESULTS)} (exit code ${code})` };
  const failed = report.failed === 0 && code !== 0 ? 1 : report.failed;
  const notes = [report.notRun ? `NOT RUN: ${report.notRun}` : null, report.failed === 0 && code !== 0 ? `exit code ${code}` : null].filter(Boolean);
  return { step, passed: report.passed, failed, skipped: report.skipped, seconds, note: notes.join("; ") || undefined };
}

function main() {
  const outcomes: Outcome[] = [];
  outcomes.push(single("type-check (tsc --noEmit)", process.execPath, [bin("typescript", "bin/tsc"), "--noEmit"]));
  outcomes.push(single("lint (eslint .)", process.execPath, [bin("eslint", "bin/eslint.js"), "."]));
  outcomes.push(jest());
  outcomes.push(e2e());

  banner("summary");
  for (const o of outcomes) {
    const mark = o.failed ? "✗" : "✓";
    const skipped = o.skipped ? `, ${o.skipped} skipped` : "";
    console.log(`${mark} ${o.step}: ${o.passed} passed, ${o.failed} failed${skipped} (${o.seconds.toFixed(1)} s)${o.note ? ` — ${o.note}` : ""}`);
  }
  const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
  const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
