// Browser/security tests talk to the running app and read its database directly for fixtures.
if (!process.env.E2E_BASE_URL || !process.env.E2E_DATABASE_URL) throw new Error("run these tests through `npm run test:e2e` (tests/e2e/run.ts)");
process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
export {};
