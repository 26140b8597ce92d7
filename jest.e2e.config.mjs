import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

/** Run by tests/e2e/run.ts against a built app started with `next start` (E2E_BASE_URL). */
const config = createJestConfig({
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

// next-intl and its helpers ship ES modules only; let next/jest's SWC transform compile them too.
// next-auth/jwt (tests/helpers/http-login.ts mints staff sessions) brings @auth/core, jose and @panva/hkdf.
const ESM_PACKAGES = ["next-intl", "use-intl", "icu-minify", "@formatjs", "intl-messageformat", "@schummar", "next-auth", "@auth", "jose", "@panva", "oauth4webapi", "preact", "preact-render-to-string"];
async function jestConfig() {
  const resolved = await config();
  resolved.transformIgnorePatterns = [`/node_modules/(?!(${ESM_PACKAGES.join("|")})/)`, "^.+\\.module\\.(css|sass|scss)$"];
  return resolved;
}
export default jestConfig;
