// Offline replacement for `prisma migrate dev|deploy|status` (ADR 0002).
// The Prisma 7 CLI downloads a native schema engine at first use; where that is impossible this
// drives Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm) over @prisma/adapter-pg
// and writes ordinary Prisma migration folders and the usual `_prisma_migrations` table, so
// `prisma migrate deploy` on a connected machine sees the same history.
// usage: DATABASE_URL=... node scripts/migrate.mjs dev <name> | deploy | status
import "dotenv/config";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

// adapter-pg 7.10.1 has no mapping for Postgres' internal "char" type (OID 18), which the schema
// engine's catalog queries return -> "Column type 'char' could not be deserialized". Report it as text.
const fixFields = (res) => { for (const r of [res].flat()) r?.fields?.forEach((f) => { if (f.dataTypeID === 18) f.dataTypeID = 25; }); return res; };
const origQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  const i = args.findIndex((a) => typeof a === "function");
  if (i >= 0) { const cb = args[i]; args[i] = (err, res) => cb(err, err ? res : fixFields(res)); return origQuery.apply(this, args); }
  const r = origQuery.apply(this, args);
  return r && typeof r.then === "function" ? r.then(fixFields) : r;
};

const require = createRequire(import.meta.url);
const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), { "./schema_engine_bg.js": bg });
bg.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start?.();

const schemaPath = "prisma/schema.prisma";
const migDir = path.resolve("prisma/migrations");
const schema = { files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }] };
const filters = { externalTables: [], externalEnums: [] };
function migrationsList() {
  fs.mkdirSync(migDir, { recursive: true });
  const lock = path.join(migDir, "migration_lock.toml");
  return {
    baseDir: migDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: fs.readdirSync(migDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
      .map((name) => {
        const f = path.join(migDir, name, "migration.sql");
        return { path: name, migrationFile: { path: "migration.sql", content: fs.existsSync(f) ? { tag: "ok", value: fs.readFileSync(f, "utf8") } : { tag: "error", value: "missing" } } };
      }),
  };
}
// Pass discrete fields, not connectionString: PrismaPg.connectToShadowDb() does {...config, database: shadow},
// and pg lets a connectionString override `database`, so the "shadow" DB would be the main DB.
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set: point it at the PostgreSQL database to migrate (postgresql://user:pass@host:5432/db)");
  process.exit(2);
}
const u = new URL(process.env.DATABASE_URL);
const pgConfig = { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1) };
const base = new PrismaPg(pgConfig);
const adminQuery = async (sql) => { const c = new pg.Client(pgConfig); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };
// adapter-pg 7.10.1 runs a migration script by splitting it on every ";", which breaks function
// bodies ($$ ... ; ... $$). Send the whole script as one simple query, as `prisma migrate` does.
const wholeScripts = (adapter) => {
  Object.getPrototypeOf(adapter).executeScript = async function (script) {
    try { await this.client.query(script); } catch (error) { this.onError(error); }
  };
  return adapter;
};
const factory = bindMigrationAwareSqlAdapterFactory({
  provider: base.provider, adapterName: base.adapterName,
  connect: async () => wholeScripts(await base.connect()),
  // adapter-pg's own connectToShadowDb DROPs the shadow DB while its pool is still connected -> "being accessed by other users"
  async connectToShadowDb() {
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const shadow = wholeScripts(await new PrismaPg({ ...pgConfig, database: name }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => { await dispose(); await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); };
    return shadow;
  },
});
const engine = await bg.SchemaEngine.new({ datamodels: schema.files.map((f) => [f.path, f.content]) }, (log) => process.env.DEBUG && console.error(log), factory);

const [cmd, name = "migration"] = process.argv.slice(2);
if (cmd === "dev") {
  let applied = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
  const diag = await engine.devDiagnostic({ migrationsList: migrationsList(), filters });
  if (diag.action.tag === "reset") throw new Error("drift detected, reset needed: " + diag.action.reason);
  const out = await engine.createMigration({ draft: false, migrationName: name, migrationsList: migrationsList(), schema, filters });
  if (out.migrationScript) {
    fs.mkdirSync(path.join(migDir, out.generatedMigrationName), { recursive: true });
    fs.writeFileSync(path.join(migDir, out.generatedMigrationName, "migration.sql"), out.migrationScript);
    fs.writeFileSync(path.join(migDir, "migration_lock.toml"), `# Please do not edit this file manually\nprovider = "${out.connectorType}"\n`);
    console.log("created", out.generatedMigrationName);
    applied = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
  } else console.log("schema in sync, no new migration");
  console.log("applied", applied.appliedMigrationNames);
} else if (cmd === "deploy") {
  console.log("applied", (await engine.applyMigrations({ migrationsList: migrationsList(), filters })).appliedMigrationNames);
} else if (cmd === "status") {
  const status = await engine.diagnoseMigrationHistory({ migrationsList: migrationsList(), optInToShadowDatabase: false, filters });
  console.log(JSON.stringify(status));
  const clean = !status.history && !status.failedMigrationNames?.length && !status.editedMigrationNames?.length;
  engine.free();
  process.exit(clean ? 0 : 1);
} else throw new Error("usage: dev <name> | deploy | status");
engine.free();
process.exit(0);
