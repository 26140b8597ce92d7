// The scheduled status sync (lib/domains/registrar-sync.ts): a "sync" registrar job once per domain
// and day for active, expired and pending-transfer domains not synced for 24 hours, oldest first and
// bounded per run, never beside a job in flight; the jobs run against the sandbox registry bring
// its state into Portico (a new expiry, expired, deleted, transferred away); the worker runs it
// from its own hourly queue.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/registrar-sync
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { enqueueRegistrarJob, runDueRegistrarJobs } from "@/lib/domains/registrar-jobs";
import { enqueueDueSyncs, syncIdempotencyKey } from "@/lib/domains/registrar-sync";
import type { DomainStatus } from "@/lib/generated/prisma/enums";
import { BuiltinRegistry, SANDBOX_HOLDER } from "@/lib/integrations/registrar";
import { startBoss } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { registerRegistrarJobs } from "@/lib/jobs/registrar-jobs";
import { createCustomer, unique } from "@/tests/helpers/factories";

const T0 = new Date("2034-03-01T10:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(T0.getTime() - ms);
const quiet = { warn: () => {}, error: () => {} };
const NS = [{ host: "ns1.sync.test" }, { host: "ns2.sync.test" }];

let customerId: string;
const label = () => unique("sync").replace(/[^a-z0-9]/g, "").slice(0, 40);

/**
 * The sync looks at every domain of the worker's database, and the runner takes every due job:
 * what other test files left behind is made fresh (synced far in the future) and settled first.
 */
async function quietTheRest() {
  await db.registrarJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });
  await db.domain.updateMany({ data: { lastSyncedAt: new Date("2099-01-01T00:00:00Z") } });
}

beforeAll(async () => {
  customerId = (await createCustomer(db)).id;
});

beforeEach(quietTheRest);

afterAll(async () => {
  await db.$disconnect();
});

async function domain(status: DomainStatus, lastSyncedAt: Date | null, extra: { name?: string; expiresAt?: Date | null; locked?: boolean } = {}) {
  return db.domain.create({
    data: { customerId, name: extra.name ?? `${label()}.com`, status, lastSyncedAt, expiresAt: extra.expiresAt === undefined ? new Date(T0.getTime() + 90 * DAY) : extra.expiresAt, locked: extra.locked ?? true, nameservers: NS },
    select: { id: true, name: true },
  });
}

const syncJobsOf = async (ids: string[]) =>
  db.registrarJob.findMany({ where: { domainId: { in: ids }, operation: "sync" }, orderBy: { createdAt: "asc" }, select: { domainId: true, status: true, idempotencyKey: true, runAfter: true } });

describe("enqueueDueSyncs", () => {
  it("queues once per domain and day, oldest first and bounded; skips fresh ones, ones with a job in flight and other states", async () => {
    const never = await domain("active", null);
    const transfer = await domain("pending_transfer", null, { expiresAt: null });
    const older = await domain("active", ago(10 * DAY));
    const old = await domain("expired", ago(3 * DAY), { expiresAt: ago(2 * DAY) });
    const justOver = await domain("active", ago(DAY + 60_000));
    const fresh = await domain("active", ago(HOUR));
    const busy = await domain("active", null);
    await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: busy.id, operation: "set_nameservers", payload: { nameservers: NS }, runAfter: T0 }));
    const others = await Promise.all((["pending_registration", "deleted", "transferred_away", "cancelled"] as const).map((s) => domain(s, null)));
    const all = [never, transfer, older, old, justOver, fresh, busy, ...others].map((d) => d.id);

    // Never synced first, then the longest ago; at most `limit` per run.
    expect(await enqueueDueSyncs({ now: T0, limit: 3 })).toEqual({ queued: 3, considered: 3 });
    expect((await syncJobsOf(all)).map((j) => j.domainId).sort()).toEqual([never.id, transfer.id, older.id].sort());
    expect(await enqueueDueSyncs({ now: T0, limit: 10 })).toEqual({ queued: 2, considered: 2 });
    const jobs = await syncJobsOf(all);
    expect(jobs.map((j) => j.domainId).sort()).toEqual([never.id, transfer.id, older.id, old.id, justOver.id].sort());
    expect(jobs.find((j) => j.domainId === old.id)).toMatchObject({ status: "queued", idempotencyKey: `sync:${old.id}:2034-03-01`, runAfter: T0 });
    expect(syncIdempotencyKey(old.id, T0)).toBe(`sync:${old.id}:2034-03-01`);

    // A job in flight for each: nothing more this hour.
    expect(await enqueueDueSyncs({ now: new Date(T0.getTime() + HOUR), limit: 10 })).toEqual({ queued: 0, considered: 0 });

    // The registry was down all day and every sync failed: the same day queues nothing again …
    await db.registrarJob.updateMany({ where: { domainId: { in: all }, operation: "sync" }, data: { status: "failed" } });
    expect(await enqueueDueSyncs({ now: new Date(T0.getTime() + 2 * HOUR), limit: 10 })).toEqual({ queued: 0, considered: 5 });
    expect(await db.registrarJob.count({ where: { domainId: { in: all }, operation: "sync" } })).toBe(5);

    // … the next day does, with the fresh one of yesterday now due too; the busy one still waits for its job.
    const tomorrow = new Date(T0.getTime() + DAY);
    expect(await enqueueDueSyncs({ now: tomorrow, limit: 10 })).toEqual({ queued: 6, considered: 6 });
    const second = (await syncJobsOf(all)).filter((j) => j.idempotencyKey?.endsWith(":2034-03-02"));
    expect(second.map((j) => j.domainId).sort()).toEqual([never.id, transfer.id, older.id, old.id, justOver.id, fresh.id].sort());
    expect(await db.registrarJob.count({ where: { domainId: { in: [busy.id, ...others.map((d) => d.id)] }, operation: "sync" } })).toBe(0);
  });

  it("two runs at once queue each domain once", async () => {
    const a = await domain("active", null);
    const b = await domain("active", ago(2 * DAY));
    const [first, second] = await Promise.all([enqueueDueSyncs({ now: T0 }), enqueueDueSyncs({ now: T0 })]);
    expect(first.queued + second.queued).toBe(2);
    expect(await db.registrarJob.count({ where: { domainId: { in: [a.id, b.id] }, operation: "sync" } })).toBe(2);
  });
});

describe("the sync against the sandbox registry", () => {
  it("brings the registry's expiry, lock and nameservers in; expired, deleted and transferred away follow the registry", async () => {
    const registry = new BuiltinRegistry({ delayMs: 0, clock: () => T0 });
    const registryRow = (name: string, data: { holder?: string; expiresAt: Date; locked?: boolean; nameservers?: { host: string }[] }) =>
      db.sandboxRegistryDomain.create({ data: { name, holder: data.holder ?? SANDBOX_HOLDER, expiresAt: data.expiresAt, locked: data.locked ?? true, nameservers: data.nameservers ?? NS, authCode: "Sync-Code-42" } });

    // Renewed for longer and unlocked at the registry (by the registrar's own panel, say).
    const moved = await domain("active", null, { expiresAt: new Date(T0.getTime() + 10 * DAY) });
    const otherNs = [{ host: "ns1.elsewhere.test" }, { host: "ns2.elsewhere.test" }];
    await registryRow(moved.name, { expiresAt: new Date("2036-03-01T00:00:00Z"), locked: false, nameservers: otherNs });
    // Its expiry passed.
    const lapsed = await domain("active", ago(2 * DAY), { expiresAt: ago(2 * DAY) });
    await registryRow(lapsed.name, { expiresAt: ago(2 * DAY) });
    // Expired in Portico, renewed at the registry after all.
    const revived = await domain("expired", ago(2 * DAY), { expiresAt: ago(5 * DAY) });
    await registryRow(revived.name, { expiresAt: new Date(T0.getTime() + 360 * DAY) });
    // Another registrar holds it now.
    const away = await domain("active", null);
    await registryRow(away.name, { holder: "other-registrar", expiresAt: new Date(T0.getTime() + 200 * DAY), locked: false });
    // The registry no longer knows it.
    const gone = await domain("active", ago(5 * DAY));

    expect(await enqueueDueSyncs({ now: T0 })).toMatchObject({ queued: 5 });
    expect(await runDueRegistrarJobs({ now: T0, registrar: () => registry, log: quiet })).toEqual({ done: 5, waiting: 0, retried: 0, failed: 0 });

    const state = async (id: string) => db.domain.findUniqueOrThrow({ where: { id }, select: { status: true, expiresAt: true, locked: true, nameservers: true, lastSyncedAt: true } });
    expect(await state(moved.id)).toEqual({ status: "active", expiresAt: new Date("2036-03-01T00:00:00Z"), locked: false, nameservers: otherNs, lastSyncedAt: T0 });
    expect(await state(lapsed.id)).toMatchObject({ status: "expired", expiresAt: ago(2 * DAY), lastSyncedAt: T0 });
    expect(await state(revived.id)).toMatchObject({ status: "active", expiresAt: new Date(T0.getTime() + 360 * DAY) });
    expect(await state(away.id)).toMatchObject({ status: "transferred_away", lastSyncedAt: T0 });
    expect(await state(gone.id)).toMatchObject({ status: "deleted", lastSyncedAt: T0 });
    expect(await db.auditEvent.count({ where: { targetId: away.id, action: "domains.transferred_away", customerId } })).toBe(1);

    // All synced now: the next hourly run has nothing to do for them.
    expect(await enqueueDueSyncs({ now: new Date(T0.getTime() + HOUR) })).toEqual({ queued: 0, considered: 0 });
  });
});

describe("the worker", () => {
  let boss: PgBoss | undefined;
  let stop: (() => void) | undefined;
  afterAll(async () => {
    stop?.();
    if (!boss) return;
    for (const name of [QUEUES.domainsRegistrar, QUEUES.domainsSync, QUEUES.domainsExpiryNotices, QUEUES.domainsAutoRenew]) await boss.unschedule(name);
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
  });

  it("runs the sync from its own hourly queue, and the registrar runner carries it out", async () => {
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    boss = await startBoss({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2, log });
    stop = await registerRegistrarJobs(boss, { log, intervalSeconds: 1 });
    expect(await boss.getSchedules()).toEqual(expect.arrayContaining([expect.objectContaining({ name: QUEUES.domainsSync, cron: "41 * * * *" })]));
    expect(await boss.getQueue(QUEUES.domainsSync)).toMatchObject({ name: QUEUES.domainsSync, policy: "short" });

    // On the real clock: a domain never synced, held elsewhere at the registry.
    const name = `${label()}.net`;
    const d = await db.domain.create({ data: { customerId, name, status: "active", expiresAt: new Date(Date.now() + 30 * DAY) }, select: { id: true } });
    await db.sandboxRegistryDomain.create({ data: { name, holder: "other-registrar", expiresAt: new Date(Date.now() + 300 * DAY), authCode: "Sync-Code-43", locked: false } });
    await boss.send(QUEUES.domainsSync, {});
    const status = async () => (await db.domain.findUniqueOrThrow({ where: { id: d.id }, select: { status: true } })).status;
    for (let i = 0; i < 60 && (await status()) !== "transferred_away"; i++) await new Promise((r) => setTimeout(r, 250));
    expect(await status()).toBe("transferred_away");
    expect(await db.registrarJob.findFirstOrThrow({ where: { domainId: d.id } })).toMatchObject({ operation: "sync", status: "done" });
  });
});
