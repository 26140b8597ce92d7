// scripts/migrate.mjs (the offline migration runner, ADR 0002) against a database of its own.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const adminUrl = process.env.TEST_ADMIN_DATABASE_URL!;
const prefix = (process.env.TEST_DB_PREFIX ?? "portico_test").toLowerCase().replace(/[^a-z0-9_]/g, "_");
const name = `${prefix}_migrate_w${process.env.JEST_WORKER_ID ?? "1"}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
})();
const migrationNames = fs
  .readdirSync(path.resolve("prisma/migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function migrate(command: "deploy" | "status"): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["scripts/migrate.mjs", command], { env: { ...process.env, DATABASE_URL: databaseUrl } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let client: pg.Client;

beforeAll(async () => {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
}, 60_000);

afterAll(async () => {
  await client?.end();
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe("scripts/migrate.mjs", () => {
  it("reports a fresh database as not up to date", async () => {
    expect((await migrate("status")).code).toBe(1);
  }, 60_000);

  it("deploys every migration to a fresh database", async () => {
    const { code, stdout, stderr } = await migrate("deploy");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    for (const migration of migrationNames) expect(stdout).toContain(migration);
  }, 60_000);

  it("then reports a clean status", async () => {
    const { code, stdout } = await migrate("status");
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toMatchObject({ failedMigrationNames: [], editedMigrationNames: [] });
  }, 60_000);

  it("applies nothing on a second deploy", async () => {
    const { code, stdout } = await migrate("deploy");
    expect(code).toBe(0);
    expect(stdout.trim()).toBe("applied []");
  }, 60_000);

  it("records the migrations in _prisma_migrations like `prisma migrate deploy`", async () => {
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
  });
});

describe("the AuditEvent table", () => {
  beforeAll(async () => {
    await client.query(`INSERT INTO "AuditEvent" ("action", "data") VALUES ('test.event', '{}')`);
  });

  it("refuses UPDATE", async () => {
    await expect(client.query(`UPDATE "AuditEvent" SET "action" = 'tampered'`)).rejects.toThrow(/append-only/);
  });

  it("refuses DELETE", async () => {
    await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it("refuses TRUNCATE", async () => {
    await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it("still holds the original row", async () => {
    const { rows } = await client.query<{ action: string }>(`SELECT "action" FROM "AuditEvent"`);
    expect(rows).toEqual([{ action: "test.event" }]);
  });
});
