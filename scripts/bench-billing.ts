// `npm run bench:billing` (issue 4): the renewal billing run over many services. Seeds a database
// of its own with N services due within the billing horizon (set-based SQL), runs the billing run
// once (every service gets its invoice: invoices per second), then again (nothing left to bill:
// how long it takes to create nothing), and checks there is exactly one invoice per service.
//   flags: --services=100000 (how many services), --customers=10000
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import pg from "pg";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "@/scripts/lib/embedded-pg";

const DATABASE = "portico_bench_billing";
const log = (message: string) => console.log(`[bench:billing] ${message}`);

function options() {
  const { values } = parseArgs({ options: { services: { type: "string", default: "100000" }, customers: { type: "string", default: "10000" } } });
  const services = Number(values.services);
  const customers = Number(values.customers);
  if (!Number.isInteger(services) || services < 1 || services > 1_000_000) throw new Error("--services must be 1–1,000,000");
  if (!Number.isInteger(customers) || customers < 1 || customers > services) throw new Error("--customers must be 1–services");
  return { services, customers };
}

/** Customers in SK, HU (some with a VAT ID: reverse charge) and VN; services due over the next 10 days. */
async function seed(url: string, size: { services: number; customers: number }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET TIME ZONE 'UTC'");
    await client.query(`INSERT INTO "TaxRate" ("country", "rateBp") VALUES ('SK', 2300), ('HU', 2700), ('VN', 1000) ON CONFLICT DO NOTHING`);
    await client.query(`INSERT INTO "Product" ("id", "slug", "kind", "name", "updatedAt") VALUES (gen_random_uuid(), 'bench-hosting', 'hosting', 'Web Hosting Business', now())`);
    await client.query(
      `INSERT INTO "Customer" ("id", "contractNumber", "name", "email", "country", "currency", "vatId", "updatedAt")
       SELECT gen_random_uuid(), 'BB-' || g, 'Billing bench customer ' || g, 'bb' || g || '@example.test',
              (ARRAY['SK','HU','VN'])[1 + g % 3], (ARRAY['EUR','HUF','VND'])[1 + g % 3],
              CASE WHEN g % 3 = 1 AND g % 2 = 0 THEN 'HU' || lpad((g % 100000000)::text, 8, '0') END, now()
       FROM generate_series(1, $1::int) AS g`,
      [size.customers],
    );
    await client.query(
      `WITH c AS (SELECT "id", "currency", row_number() OVER (ORDER BY "contractNumber") AS n FROM "Customer")
       INSERT INTO "Service" ("id", "customerId", "kind", "name", "status", "nextDueDate", "productId", "billingCycle", "recurringMinor", "billingAnchorDay")
       SELECT gen_random_uuid(), c."id", 'hosting', 'Web Hosting Business', 'active', d.due, (SELECT "id" FROM "Product" LIMIT 1), 'monthly',
              CASE c."currency" WHEN 'VND' THEN 249000 WHEN 'HUF' THEN 399000 ELSE 999 END, extract(day FROM d.due)::int
       FROM generate_series(1, $1::int) AS g
       JOIN c ON c.n = 1 + g % $2::int
       CROSS JOIN LATERAL (SELECT (current_date + (g % 10))::date AS due) AS d`,
      [size.services, size.customers],
    );
  } finally {
    await client.end();
  }
}

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

async function main() {
  const size = options();
  const pgServer = await startEmbeddedPostgres();
  try {
    const adminUrl = pgServer.adminUrl();
    const url = pgServer.adminUrl(DATABASE);
    await dropDatabase(adminUrl, DATABASE);
    await ensureDatabase(adminUrl, DATABASE);
    execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
    let started = Date.now();
    await seed(url, size);
    log(`seeded ${size.services.toLocaleString("en")} services of ${size.customers.toLocaleString("en")} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The app's modules read their configuration from the environment when first used.
    process.env.DATABASE_URL = url;
    process.env.AUTH_SECRET ??= randomBytes(32).toString("base64");
    process.env.DATABASE_POOL_SIZE = "6";
    const { runRenewalBilling } = await import("@/lib/billing/billing-run");
    const { db } = await import("@/lib/db");
    const quiet = { warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

    started = Date.now();
    const first = await runRenewalBilling({ daysAhead: 14, log: quiet });
    const firstSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    const second = await runRenewalBilling({ daysAhead: 14, log: quiet });
    const secondSeconds = (Date.now() - started) / 1000;

    const invoices = await count(url, `SELECT count(*) AS n FROM "Invoice"`);
    const duplicates = await count(url, `SELECT count(*) AS n FROM (SELECT "serviceId" FROM "InvoiceLine" GROUP BY "serviceId", "periodStart" HAVING count(*) > 1) d`);
    const gaps = await count(url, `SELECT (max("sequence") - count(*)) AS n FROM "Invoice" WHERE "series" IS NOT NULL GROUP BY "series", "year" ORDER BY 1 DESC LIMIT 1`);
    await db.$disconnect();

    console.log("");
    console.log(`Portico billing benchmark: renewal run over ${size.services.toLocaleString("en")} due services (one process, 4 services at a time, 6 connections)`);
    console.log(`  first run:  ${first.invoices.toLocaleString("en")} invoices in ${firstSeconds.toFixed(1)} s = ${(first.invoices / firstSeconds).toFixed(0)} invoices/s (failed: ${first.failed})`);
    console.log(`  second run: ${second.invoices} new invoices, ${secondSeconds.toFixed(1)} s`);
    console.log(`  checks: ${invoices.toLocaleString("en")} invoices for ${size.services.toLocaleString("en")} services; ${duplicates} duplicate service periods; ${gaps} gaps in numbering`);
  } finally {
    await pgServer.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:billing] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
