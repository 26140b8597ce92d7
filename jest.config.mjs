import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

/** Unit tests sit next to the code; integration tests under tests/integration use a real Postgres.
 *  Browser and HTTP security tests (tests/e2e, tests/security) need the built app: tests/e2e/run.ts. */
const config = createJestConfig({
  testEnvironment: "node",
  testMatch: ["<rootDir>/lib/**/*.test.ts", "<rootDir>/scripts/**/*.test.ts", "<rootDir>/tests/unit/**/*.test.ts", "<rootDir>/tests/integration/**/*.test.ts"],
  globalSetup: "<rootDir>/tests/helpers/jest-global-setup.ts",
  globalTeardown: "<rootDir>/tests/helpers/jest-global-teardown.ts",
  setupFiles: ["<rootDir>/tests/helpers/jest-worker-env.ts"],
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/jest-after-env.ts"],
  moduleNameMapper: {
    "^server-only$": "<rootDir>/tests/helpers/empty-module.ts",
    // @react-pdf/hyphenate exports its language files under the "import" condition only.
    "^@react-pdf/hyphenate/(.*)$": "<rootDir>/node_modules/@react-pdf/hyphenate/lib/$1.js",
    "^@/(.*)$": "<rootDir>/$1",
  },
  testTimeout: 30_000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
});

// next-intl and its helpers ship ES modules only; let next/jest's SWC transform compile them too.
// @react-pdf/renderer (invoice PDFs) and the ES-module-only packages it loads.
const ESM_PACKAGES = ["next-intl", "use-intl", "icu-minify", "@formatjs", "intl-messageformat", "@schummar", "@react-pdf", "yoga-layout", "color-string", "color-name"];
async function jestConfig() {
  const resolved = await config();
  resolved.transformIgnorePatterns = [`/node_modules/(?!(${ESM_PACKAGES.join("|")})/)`, "^.+\\.module\\.(css|sass|scss)$"];
  return resolved;
}
export default jestConfig;
