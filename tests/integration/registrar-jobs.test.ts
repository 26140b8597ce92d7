// Registrar jobs (lib/domains/registrar-jobs.ts) against the sandbox registry: registration with
// retries after outages, a taken name cancelled with its reason, a transfer that waits for the
// losing side and completes (or is rejected, or has a wrong code), renewals, lock and nameserver
// changes, and two runners at once doing each job once. Each job leaves its audit row.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/registrar-jobs
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/auth/crypto";
import { BuiltinRegistry } from "@/lib/integrations/registrar";
import { enqueueRegistrarJob, runDueRegistrarJobs } from "@/lib/domains/registrar-jobs";
import { startBoss } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { registerRegistrarJobs } from "@/lib/jobs/registrar-jobs";
import { createCustomer, unique } from "@/tests/helpers/factories";

const T0 = new Date("2033-06-01T08:00:00Z");
let now = T0;
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const quiet = { warn: () => {}, error: () => {} };
const NS = [{ host: "ns1.portico.test" }, { host: "ns2.portico.test" }];
const contact = { name: "Nguyễn Văn An", email: "an@example.vn", phone: "+84.2838234567", street: "1 Lê Lợi", city: "Hồ Chí Minh", postcode: "700000", country: "VN" };

let customerId: string;
const label = () => unique("jobs").replace(/[^a-z0-9]/g, "").slice(0, 40);

// The runner takes every due job of the worker's database: none of other files may be due.
const settle = () => db.registrarJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });
beforeEach(async () => {
  now = T0;
  await settle();
});
afterEach(settle);

beforeAll(async () => {
  customerId = (await createCustomer(db)).id;
});

afterAll(async () => {
  await db.$disconnect();
});

async function domainWith(name: string, status: "pending_registration" | "pending_transfer" | "active", opts: { contacts?: boolean; expiresAt?: Date } = {}) {
  const domain = await db.domain.create({ data: { customerId, name, status, nameservers: NS, expiresAt: opts.expiresAt ?? null } });
  if (opts.contacts !== false) {
    await db.domainContact.createMany({ data: (["registrant", "admin", "tech", "billing"] as const).map((role) => ({ domainId: domain.id, role, ...contact })) });
  }
  return domain;
}

const run = (registry: BuiltinRegistry, when: Date = now) => runDueRegistrarJobs({ now: when, registrar: () => registry, log: quiet });

describe("register", () => {
  it("retries through two outages, then the domain is active with its expiry; audited", async () => {
    const registry = new BuiltinRegistry({ delayMs: 0, failTimes: { register: 2 }, clock: () => now });
    const domain = await domainWith(`${label()}.com`, "pending_registration");
    const { jobId } = await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: domain.id, operation: "register", idempotencyKey: `register:${domain.id}`, payload: { years: 2, nameservers: NS }, runAfter: T0 }));
    expect((await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: domain.id, operation: "register", idempotencyKey: `register:${domain.id}` }))).created).toBe(false);

    expect(await run(registry, T0)).toEqual({ done: 0, waiting: 0, retried: 1, failed: 0 });
    expect(await db.registrarJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "retrying", attempts: 1, runAfter: at(30) });
    expect(await run(registry, at(30))).toMatchObject({ retried: 1 });
    expect(await run(registry, at(90))).toEqual({ done: 1, waiting: 0, retried: 0, failed: 0 });
    expect(await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({ status: "active", expiresAt: new Date("2035-06-01T08:00:00Z"), failureReason: null });
    expect(await db.auditEvent.count({ where: { targetId: domain.id, action: "domains.registered" } })).toBe(1);
  });

  it("a taken name ends the job and cancels the domain with the reason; missing contacts are not retried", async () => {
    const registry = new BuiltinRegistry({ delayMs: 0, clock: () => now });
    const taken = await domainWith("wikipedia.org", "pending_registration");
    await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: taken.id, operation: "register", payload: { years: 1 }, runAfter: T0 }));
    const noContacts = await domainWith(`${label()}.net`, "pending_registration", { contacts: false });
    await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: noContacts.id, operation: "register", payload: { years: 1 }, runAfter: T0 }));
    expect(await run(registry)).toEqual({ done: 0, waiting: 0, retried: 0, failed: 2 });
    expect(await db.domain.findUniqueOrThrow({ where: { id: taken.id } })).toMatchObject({ status: "cancelled", failureReason: "taken" });
    expect(await db.domain.findUniqueOrThrow({ where: { id: noContacts.id } })).toMatchObject({ status: "pending_registration" });
  });

  it("two runners at once register the name once", async () => {
    const registry = new BuiltinRegistry({ delayMs: 0, clock: () => now });
    const domain = await domainWith(`${label()}.eu`, "pending_registration");
    await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: domain.id, operation: "register", payload: { years: 1 }, runAfter: T0 }));
    const results = await Promise.all([run(registry), run(registry)]);
    expect(results.reduce((n, r) => n + r.done, 0)).toBe(1);
    expect(await db.auditEvent.count({ where: { targetId: domain.id, action: "domains.registered" } })).toBe(1);
  });
});

describe("transfer", () => {
  async function elsewhere(opts: { outcome?: string } = {}) {
    const name = `${label()}.sk`;
    await db.sandboxRegistryDomain.create({ data: { name, holder: "other-registrar", expiresAt: new Date("2033-12-01T00:00:00Z"), authCode: "Right-Code-42", locked: false, transferOutcome: opts.outcome ?? null } });
    return name;
  }
  const transfer = async (name: string, code: string) => {
    const domain = await domainWith(name, "pending_transfer");
    const { jobId } = await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: domain.id, operation: "transfer", payload: { years: 1, authCodeEnc: encryptSecret(code) }, runAfter: T0 }));
    return { domain, jobId };
  };

  it("waits for the losing side without using up attempts, then completes; the auth code is gone from the job", async () => {
    const registry = new BuiltinRegistry({ delayMs: 0, transferSeconds: 3_600, clock: () => now });
    const { domain, jobId } = await transfer(await elsewhere(), "Right-Code-42");
    expect(await run(registry)).toEqual({ done: 0, waiting: 1, retried: 0, failed: 0 });
    const waiting = await db.registrarJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(waiting).toMatchObject({ status: "retrying", attempts: 0, runAfter: at(3_601) });
    expect(JSON.stringify(waiting.payload)).not.toContain("authCodeEnc");
    expect(await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({ status: "pending_transfer", transferRequestedAt: T0 });

    now = at(1_800);
    expect(await run(registry)).toEqual({ done: 0, waiting: 0, retried: 0, failed: 0 });
    now = at(3_601);
    expect(await run(registry)).toEqual({ done: 1, waiting: 0, retried: 0, failed: 0 });
    expect(await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({ status: "active", expiresAt: new Date("2034-12-01T00:00:00Z") });
    expect(await db.auditEvent.count({ where: { targetId: domain.id, action: "domains.transferred_in" } })).toBe(1);
  });

  it("a rejected transfer and a wrong code cancel the domain with the reason", async () => {
    const registry = new BuiltinRegistry({ delayMs: 0, transferSeconds: 60, clock: () => now });
    const rejected = await transfer(await elsewhere({ outcome: "reject" }), "Right-Code-42");
    const wrong = await transfer(await elsewhere(), "Wrong-Code");
    expect(await run(registry)).toEqual({ done: 0, waiting: 1, retried: 0, failed: 1 });
    expect(await db.domain.findUniqueOrThrow({ where: { id: wrong.domain.id } })).toMatchObject({ status: "cancelled", failureReason: "wrong_auth_code" });
    now = at(61);
    expect(await run(registry)).toEqual({ done: 1, waiting: 0, retried: 0, failed: 0 });
    expect(await db.domain.findUniqueOrThrow({ where: { id: rejected.domain.id } })).toMatchObject({ status: "cancelled", failureReason: "rejected" });
  });
});

describe("changes of an active domain", () => {
  it("renews once, sets nameservers and the lock, and syncs what the registry says", async () => {
    const registry = new BuiltinRegistry({ delayMs: 0, clock: () => now });
    const name = `${label()}.vn`;
    const { expiresAt } = await registry.register(name, { years: 1, nameservers: NS, contacts: { registrant: contact, admin: contact, tech: contact, billing: contact } });
    const domain = await domainWith(name, "active", { expiresAt });
    const other = [{ host: "ns1.elsewhere.net" }, { host: "ns2.elsewhere.net" }];
    await db.$transaction(async (tx) => {
      await enqueueRegistrarJob(tx, { domainId: domain.id, operation: "renew", idempotencyKey: `renew:${domain.id}:1`, payload: { years: 1, expectedExpiresAt: expiresAt.toISOString() }, runAfter: T0 });
      await enqueueRegistrarJob(tx, { domainId: domain.id, operation: "set_nameservers", payload: { nameservers: other }, runAfter: T0 });
      await enqueueRegistrarJob(tx, { domainId: domain.id, operation: "unlock", runAfter: T0 });
    });
    // One job per domain at a time, in order.
    expect(await run(registry)).toMatchObject({ done: 1 });
    expect(await run(registry)).toMatchObject({ done: 1 });
    expect(await run(registry)).toMatchObject({ done: 1 });
    expect(await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({ expiresAt: new Date("2035-06-01T08:00:00Z"), nameservers: other, locked: false });
    expect(await registry.info(name)).toMatchObject({ expiresAt: new Date("2035-06-01T08:00:00Z"), locked: false, nameservers: other });

    // Someone changed the lock at the registry: a sync brings it back into Portico.
    await db.sandboxRegistryDomain.update({ where: { name }, data: { locked: true } });
    await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: domain.id, operation: "sync", runAfter: T0 }));
    expect(await run(registry)).toMatchObject({ done: 1 });
    expect(await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({ locked: true, status: "active" });
    expect(await db.auditEvent.findMany({ where: { targetId: domain.id }, orderBy: { createdAt: "asc" }, select: { action: true } })).toEqual([{ action: "domains.renewed" }, { action: "domains.nameservers.changed" }, { action: "domains.unlocked" }]);
  });
});

describe("registerRegistrarJobs", () => {
  let boss: PgBoss | undefined;
  let stop: (() => void) | undefined;
  afterAll(async () => {
    stop?.();
    if (!boss) return;
    await boss.unschedule(QUEUES.domainsRegistrar);
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
  });

  it("ticks the runner on a queue that keeps at most one tick waiting; the worker registers a queued name by itself", async () => {
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    boss = await startBoss({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2, log });
    stop = await registerRegistrarJobs(boss, { log, intervalSeconds: 1 });
    expect(await boss.getSchedules()).toEqual(expect.arrayContaining([expect.objectContaining({ name: QUEUES.domainsRegistrar, cron: "* * * * *" })]));
    expect(await boss.getQueue(QUEUES.domainsRegistrar)).toMatchObject({ name: QUEUES.domainsRegistrar, policy: "short" });

    const domain = await domainWith(`${label()}.io`, "pending_registration");
    await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: domain.id, operation: "register", payload: { years: 1 } }));
    for (let i = 0; i < 40 && (await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).status !== "active"; i++) await new Promise((r) => setTimeout(r, 250));
    expect(await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({ status: "active" });
  });
});
