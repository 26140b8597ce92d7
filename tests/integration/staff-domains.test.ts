// Staff's domain list (lib/domains/staff-domains.ts): staff.customers only; search by name,
// customer or contract number; the expiring and pending-transfer filters; registrar actions (sync,
// lock / unlock, another try of a failed job) queue registrar jobs, audited for the customer.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/staff-domains
import { db } from "@/lib/db";
import { PermissionDenied } from "@/lib/auth/errors";
import { enqueueRegistrarJob, runDueRegistrarJobs } from "@/lib/domains/registrar-jobs";
import {
  listDomainsForStaff,
  registrarRowActionSchema,
  requestDomainSync,
  requestStaffLockChange,
  retryRegistrarJob,
  runRegistrarRowAction,
  staffDomainListParamsSchema,
} from "@/lib/domains/staff-domains";
import { BuiltinRegistry } from "@/lib/integrations/registrar";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createDomain, createUser, unique } from "@/tests/helpers/factories";

const NOW = new Date("2035-01-10T10:00:00Z");
const params = (p: Record<string, string>) => staffDomainListParamsSchema.parse(p);

// The retry test runs the registrar jobs, which act on every due job of the worker's database.
const settleDueJobs = () => db.registrarJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });
beforeEach(settleDueJobs);
afterEach(settleDueJobs);

afterAll(async () => {
  await db.$disconnect();
});

describe("staff domains", () => {
  it("finds by name, customer or contract number, filters expiring ones, and queues a sync", async () => {
    const tag = unique("stf").replace(/[^a-z0-9]/g, "");
    const customer = await createCustomer(db, { name: `Kávéház ${tag}` });
    const soon = await createDomain(db, customer.id, { name: `${tag}-soon.hu`, status: "active", expiresAt: new Date("2035-01-25T00:00:00Z") });
    await createDomain(db, customer.id, { name: `${tag}-later.hu`, status: "active", expiresAt: new Date("2036-01-25T00:00:00Z") });
    const clerk = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
    const agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);

    expect((await listDomainsForStaff(clerk, params({ q: tag }), NOW)).items.map((d) => d.name).sort()).toEqual([`${tag}-later.hu`, `${tag}-soon.hu`]);
    expect((await listDomainsForStaff(clerk, params({ q: `kávéház ${tag}` }), NOW)).total).toBe(2);
    expect((await listDomainsForStaff(clerk, params({ q: customer.contractNumber.toLowerCase() }), NOW)).total).toBe(2);
    expect((await listDomainsForStaff(clerk, params({ q: tag, status: "expiring" }), NOW)).items.map((d) => d.name)).toEqual([`${tag}-soon.hu`]);

    await requestDomainSync(clerk, { domainId: soon.id });
    expect(await db.registrarJob.findFirstOrThrow({ where: { domainId: soon.id } })).toMatchObject({ operation: "sync", status: "queued", requestedByUserId: clerk.userId });
    expect(await db.auditEvent.count({ where: { targetId: soon.id, action: "domains.sync.requested", customerId: customer.id } })).toBe(1);
    await db.registrarJob.updateMany({ where: { domainId: soon.id }, data: { status: "failed" } });

    await expect(listDomainsForStaff(agent, params({}), NOW)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(requestDomainSync(agent, { domainId: soon.id })).rejects.toBeInstanceOf(PermissionDenied);
    const owner = await createUser(db);
    await addMember(db, owner.id, customer.id, { preset: "owner" });
    await expect(listDomainsForStaff(await customerActorFor(owner.id, customer.id), params({}), NOW)).rejects.toBeInstanceOf(PermissionDenied);
  });
});

describe("registrar actions", () => {
  const refused = (key: string) => expect.objectContaining({ name: "StaffDomainError", key });
  const tag = () => unique("act").replace(/[^a-z0-9]/g, "");
  let customerId: string;
  let clerk: Awaited<ReturnType<typeof staffActorFor>>;
  let agent: Awaited<ReturnType<typeof staffActorFor>>;
  beforeAll(async () => {
    customerId = (await createCustomer(db)).id;
    clerk = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
    agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
  });
  const failedJob = async (domainId: string, operation: "register" | "transfer" | "renew" | "lock" | "unlock" | "set_nameservers", createdAt = new Date()) =>
    db.registrarJob.create({ data: { domainId, operation, status: "failed", attempts: 6, lastError: "sandbox registry: unavailable", finishedAt: new Date(), createdAt, payload: { years: 1 } } });

  it("lock and unlock queue a registrar job for an active domain, one change at a time; audited as staff", async () => {
    const d = await createDomain(db, customerId, { name: `${tag()}.com`, status: "active" });
    await expect(requestStaffLockChange(clerk, { domainId: d.id, locked: true })).rejects.toEqual(refused("errors.alreadyLocked"));
    const { jobId } = await requestStaffLockChange(clerk, { domainId: d.id, locked: false });
    expect(await db.registrarJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ domainId: d.id, operation: "unlock", status: "queued", requestedByUserId: clerk.userId });
    expect(await db.auditEvent.findFirstOrThrow({ where: { targetId: d.id, action: "domains.unlock.requested" } })).toMatchObject({ actorUserId: clerk.userId, customerId, data: expect.objectContaining({ jobId, byStaff: true }) });
    await expect(requestStaffLockChange(clerk, { domainId: d.id, locked: false })).rejects.toEqual(refused("errors.changePending"));

    await db.registrarJob.update({ where: { id: jobId }, data: { status: "done", finishedAt: new Date() } });
    await db.domain.update({ where: { id: d.id }, data: { locked: false } });
    await expect(requestStaffLockChange(clerk, { domainId: d.id, locked: false })).rejects.toEqual(refused("errors.alreadyUnlocked"));
    await expect(runRegistrarRowAction(clerk, registrarRowActionSchema.parse({ intent: "lock", domainId: d.id }))).resolves.toMatchObject({ created: true });
    expect(await db.registrarJob.count({ where: { domainId: d.id, operation: "lock", status: "queued" } })).toBe(1);

    const expired = await createDomain(db, customerId, { name: `${tag()}.com`, status: "expired" });
    await expect(requestStaffLockChange(clerk, { domainId: expired.id, locked: false })).rejects.toEqual(refused("errors.notActive"));
    await expect(requestStaffLockChange(clerk, { domainId: "00000000-0000-4000-8000-000000000000", locked: false })).rejects.toEqual(refused("errors.notFound"));
    await expect(requestStaffLockChange(agent, { domainId: d.id, locked: true })).rejects.toBeInstanceOf(PermissionDenied);
    const owner = await createUser(db);
    await addMember(db, owner.id, customerId, { preset: "owner" });
    await expect(requestStaffLockChange(await customerActorFor(owner.id, customerId), { domainId: d.id, locked: true })).rejects.toBeInstanceOf(PermissionDenied);
  });

  it("retries a failed job from its first attempt, and the runner then carries it out; audited", async () => {
    // The runner takes every due job of this worker's database: none of other files may be due.
    await db.registrarJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });
    const name = `${tag()}.eu`;
    const d = await db.domain.create({ data: { customerId, name, status: "pending_registration", nameservers: [{ host: "ns1.retry.test" }, { host: "ns2.retry.test" }] } });
    await db.domainContact.createMany({
      data: (["registrant", "admin", "tech", "billing"] as const).map((role) => ({ domainId: d.id, role, name: "Jana Nováková", email: "jana@example.sk", phone: "+421.212345678", street: "Hlavná 1", city: "Bratislava", postcode: "81101", country: "SK" })),
    });
    const job = await failedJob(d.id, "register");

    const { jobId } = await retryRegistrarJob(clerk, { jobId: job.id });
    expect(jobId).toBe(job.id);
    expect(await db.registrarJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "queued", attempts: 0, lastError: null, finishedAt: null });
    expect(await db.auditEvent.findFirstOrThrow({ where: { targetId: d.id, action: "domains.job.retried" } })).toMatchObject({ actorUserId: clerk.userId, customerId, data: expect.objectContaining({ jobId: job.id, operation: "register", byStaff: true }) });
    await expect(retryRegistrarJob(clerk, { jobId: job.id })).rejects.toEqual(refused("errors.jobNotFailed"));

    const registry = new BuiltinRegistry({ delayMs: 0 });
    expect(await runDueRegistrarJobs({ registrar: () => registry, log: { warn: () => {}, error: () => {} } })).toMatchObject({ done: 1 });
    expect(await db.domain.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "active" });
    expect(await db.registrarJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", attempts: 1 });
  });

  it("refuses to retry what ended, what lost its auth code, what a later job replaced, and jobs it cannot find", async () => {
    const settled = await db.domain.create({ data: { customerId, name: `${tag()}.com`, status: "cancelled", failureReason: "taken" } });
    const settledJob = await failedJob(settled.id, "register");
    await expect(retryRegistrarJob(clerk, { jobId: settledJob.id })).rejects.toEqual(refused("errors.jobSettled"));

    const notSent = await db.domain.create({ data: { customerId, name: `${tag()}.com`, status: "pending_transfer" } });
    const notSentJob = await failedJob(notSent.id, "transfer");
    await expect(retryRegistrarJob(clerk, { jobId: notSentJob.id })).rejects.toEqual(refused("errors.transferNeedsCode"));
    // Once the registry has the request, another try asks it how the transfer stands.
    const asked = await db.domain.create({ data: { customerId, name: `${tag()}.com`, status: "pending_transfer", transferRequestedAt: new Date() } });
    const askedJob = await failedJob(asked.id, "transfer");
    await expect(retryRegistrarJob(clerk, { jobId: askedJob.id })).resolves.toMatchObject({ jobId: askedJob.id });

    const active = await createDomain(db, customerId, { name: `${tag()}.com`, status: "active" });
    const oldLock = await failedJob(active.id, "lock", new Date(Date.now() - 60_000));
    await db.$transaction((tx) => enqueueRegistrarJob(tx, { domainId: active.id, operation: "unlock" }));
    await expect(retryRegistrarJob(clerk, { jobId: oldLock.id })).rejects.toEqual(refused("errors.jobSuperseded"));
    const renew = await failedJob(active.id, "renew");
    await expect(runRegistrarRowAction(clerk, registrarRowActionSchema.parse({ intent: "retry", jobId: renew.id }))).resolves.toMatchObject({ jobId: renew.id });

    await expect(retryRegistrarJob(clerk, { jobId: "00000000-0000-4000-8000-000000000000" })).rejects.toEqual(refused("errors.jobNotFound"));
    await expect(retryRegistrarJob(clerk, { jobId: "not-a-uuid" })).rejects.toThrow();
    await expect(retryRegistrarJob(agent, { jobId: renew.id })).rejects.toBeInstanceOf(PermissionDenied);
  });

  it("the pending-transfers filter shows when each was requested, the longest waiting first", async () => {
    const t = tag();
    const later = await db.domain.create({ data: { customerId, name: `${t}-later.com`, status: "pending_transfer", transferRequestedAt: new Date("2035-01-09T08:00:00Z") } });
    const earlier = await db.domain.create({ data: { customerId, name: `${t}-earlier.com`, status: "pending_transfer", transferRequestedAt: new Date("2035-01-08T08:00:00Z") } });
    const notSent = await db.domain.create({ data: { customerId, name: `${t}-queued.com`, status: "pending_transfer" } });
    await createDomain(db, customerId, { name: `${t}-active.com`, status: "active" });
    const list = await listDomainsForStaff(clerk, params({ q: t, status: "pending_transfer" }), NOW);
    expect(list.items.map((d) => [d.id, d.transferRequestedAt])).toEqual([
      [notSent.id, null],
      [earlier.id, new Date("2035-01-08T08:00:00Z")],
      [later.id, new Date("2035-01-09T08:00:00Z")],
    ]);
    expect(list.pendingTransfers).toBeGreaterThanOrEqual(3);
    expect(list.pendingTransfers).toBe(await db.domain.count({ where: { status: "pending_transfer" } }));
    // The newest registrar job not done is shown with its id (the retry button's target).
    const job = await failedJob(later.id, "transfer");
    expect((await listDomainsForStaff(clerk, params({ q: `${t}-later` }), NOW)).items[0].registrarJobs).toEqual([{ id: job.id, operation: "transfer", status: "failed", lastError: "sandbox registry: unavailable" }]);
  });
});
