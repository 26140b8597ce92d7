import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process; in dev, Next reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { portico?: { prisma: PrismaClient; pool: pg.Pool } };

/** Statements sent to Postgres by this process; read by the benchmark (see app/api/health). */
export const queryCounter = { count: 0 };

function createClient() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  if (process.env.PORTICO_COUNT_QUERIES === "1") {
    pool.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        queryCounter.count++;
        return query(...args);
      };
    });
  }
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
}

export const db: PrismaClient = (globalForDb.portico ??= createClient()).prisma;
export type Db = PrismaClient;
export type { Prisma } from "@/lib/generated/prisma/client";
