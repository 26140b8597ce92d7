import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

/** Run by tests/e2e/run.ts against a built app started with `next start` (E2E_BASE_URL). */
export default createJestConfig({
  testEnvironment: "node",
  testMatch: ["<rootDir>/tests/e2e/**/*.test.ts", "<rootDir>/tests/security/**/*.test.ts"],
  setupFiles: ["<rootDir>/tests/helpers/e2e-env.ts"],
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/jest-after-env.ts"],
  moduleNameMapper: {
    "^server-only$": "<rootDir>/tests/helpers/empty-module.ts",
    "^@/(.*)$": "<rootDir>/$1",
  },
  testTimeout: 60_000,
  maxWorkers: 1,
});
