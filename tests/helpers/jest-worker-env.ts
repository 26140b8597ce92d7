// Runs in every jest worker before any test file: point lib/db at this worker's own database.
import fs from "node:fs";
import path from "node:path";
import { STATE_FILE } from "./test-db-names";

const state = JSON.parse(fs.readFileSync(path.resolve(STATE_FILE), "utf8")) as { adminUrl: string; urls: Record<string, string> };
const worker = process.env.JEST_WORKER_ID ?? "1";
process.env.DATABASE_URL = state.urls[worker] ?? state.urls["1"];
process.env.TEST_ADMIN_DATABASE_URL ??= state.adminUrl;
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.APP_URL ??= "http://127.0.0.1:3000";
