// TEST_DB_PREFIX lets several test runs share one Postgres server without touching each other.
const PREFIX = (process.env.TEST_DB_PREFIX ?? "portico_test").toLowerCase().replace(/[^a-z0-9_]/g, "_");
export const TEMPLATE_DB = `${PREFIX}_template`;
export const workerDbName = (worker: string | number) => `${PREFIX}_w${worker}`;
export const STATE_FILE = `.data/${PREFIX}.json`;
