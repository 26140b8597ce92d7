import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

/** Unit tests sit next to the code; integration tests under tests/integration use a real Postgres.
 *  Browser and HTTP security tests (tests/e2e, tests/security) need the built app: tests/e2e/run.ts. */
export default createJestConfig({
  testEnvironment: "node",
  testMatch: ["<rootDir>/lib/**/*.test.ts", "<rootDir>/scripts/**/*.test.ts", "<rootDir>/tests/unit/**/*.test.ts", "<rootDir>/tests/integration/**/*.test.ts"],
  globalSetup: "<rootDir>/tests/helpers/jest-global-setup.ts",
  globalTeardown: "<rootDir>/tests/helpers/jest-global-teardown.ts",
  setupFiles: ["<rootDir>/tests/helpers/jest-worker-env.ts"],
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/jest-after-env.ts"],
  moduleNameMapper: {
    "^server-only$": "<rootDir>/tests/helpers/empty-module.ts",
    "^@/(.*)$": "<rootDir>/$1",
  },
  testTimeout: 30_000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
});
