import { connection } from "next/server";
import { db, queryCounter } from "@/lib/db";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Liveness for load balancers: 200 `{ ok: true }` once the database answers, 503 otherwise.
 * Public and data-free; only the benchmark (PORTICO_COUNT_QUERIES=1) also gets the process's
 * SQL statement count.
 */
export async function GET() {
  await connection();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: NO_STORE });
  }
  const body = process.env.PORTICO_COUNT_QUERIES === "1" ? { ok: true, queries: queryCounter.count } : { ok: true };
  return Response.json(body, { headers: NO_STORE });
}
