// Provisioning jobs: retries with backoff, giving up, staff retry and mark-done, one account per
// service even with two runners at once, crash recovery of a stale running job, the show-once
// password and the welcome email. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/provisioning-jobs
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { PermissionDenied } from "@/lib/auth/errors";
import { BuiltinProvisioningModule } from "@/lib/integrations/provisioning";
import { verifyPanelPassword } from "@/lib/integrations/provisioning/builtin-secrets";
import { startBoss } from "@/lib/jobs/boss";
import { registerProvisioningJobs } from "@/lib/jobs/provisioning-jobs";
import { QUEUES } from "@/lib/jobs/queues";
import { enqueueProvisioningJob } from "@/lib/services/provisioning-queue";
import { ProvisioningJobError, getInitialPasswordOnce, markProvisioningJobDone, retryProvisioningJob, runDueProvisioningJobs } from "@/lib/services/provisioning-jobs";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

const quiet = { warn: () => {}, error: () => {} };
const SECOND = 1000;
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * SECOND);

let serverId: string;
let productId: string;
let biggerProductId: string;

beforeAll(async () => {
  const server = await db.server.create({ data: { name: "Jobs web", hostname: `${unique("jobs")}.portico.test`, module: "builtin" } });
  serverId = server.id;
  const product = await db.product.create({
    data: { slug: unique("starter"), kind: "hosting", name: "Web Hosting Starter", packageName: "starter", serverId, diskQuotaMb: 5_000, bandwidthQuotaMb: 100_000, maxFtpAccounts: 2, maxDatabases: 2, maxMailboxes: 5, maxSubdomains: 2 },
  });
  productId = product.id;
  const option = await db.productOption.create({ data: { productId, code: "extra_disk", name: "Extra disk" } });
  await db.productOptionChoice.create({ data: { optionId: option.id, code: "plus10", label: "+10 GB", extraDiskMb: 10_240 } });
  const bigger = await db.product.create({
    data: { slug: unique("business"), kind: "hosting", name: "Web Hosting Business", packageName: "business", serverId, diskQuotaMb: 20_000, bandwidthQuotaMb: null, maxFtpAccounts: 10, maxDatabases: 10, maxMailboxes: 25, maxSubdomains: 10 },
  });
  biggerProductId = bigger.id;
});

// Every run acts on every due job of this worker's database (other test files and the demo seed
// share it): no test starts with, or leaves behind, a due job that is not its own.
const settleDueJobs = () => db.provisioningJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });
beforeEach(settleDueJobs);
afterEach(settleDueJobs);

afterAll(async () => {
  await db.$disconnect();
});

/** A customer with an owner (gets service mail) and a billing contact (does not), and a pending hosting service with a create job. */
async function orderedService(opts: { domain?: string; options?: unknown; enqueueAt?: Date; withJob?: boolean } = {}) {
  const customer = await createCustomer(db);
  const owner = await createUser(db, { name: "Olga Owner" });
  const billing = await createUser(db, { name: "Bela Billing" });
  await addMember(db, owner.id, customer.id, { preset: "owner" });
  await addMember(db, billing.id, customer.id, { preset: "billing" });
  const domain = opts.domain ?? `${unique("shop")}.example`;
  const service = await db.service.create({
    data: { customerId: customer.id, kind: "hosting", name: "Web Hosting Starter", status: "pending", productId, domain, options: (opts.options ?? []) as object[] },
  });
  let jobId = "";
  if (opts.withJob !== false) {
    jobId = (await db.$transaction((tx) => enqueueProvisioningJob(tx, { serviceId: service.id, operation: "create", idempotencyKey: `create:${service.id}`, now: opts.enqueueAt }))).jobId;
  }
  return { customer, owner, billing, service, domain, jobId };
}

async function administrator() {
  return staffActorFor((await createUser(db, { staffRole: "administrator" })).id);
}

describe("runDueProvisioningJobs", () => {
  it("retries a failing create with backoff (retrying, retrying, done) and then the service is active with a show-once password", async () => {
    const t0 = new Date();
    const { customer, owner, billing, service, domain, jobId } = await orderedService({ enqueueAt: t0, options: [{ option: "extra_disk", choice: "plus10", monthlyMinor: "200" }] });
    const flaky = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0, failTimes: { create: 2 } });
    const run = (now: Date) => runDueProvisioningJobs({ now, module: () => flaky, log: quiet });

    expect(await run(t0)).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "retrying", attempts: 1, runAfter: at(t0, 30), lastError: expect.stringContaining("simulated failure") });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: "pending", provisioningState: "retrying", provisioningError: expect.stringContaining("simulated failure") });

    expect(await run(at(t0, 29))).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await run(at(t0, 30))).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "retrying", attempts: 2, runAfter: at(t0, 90) });

    expect(await run(at(t0, 90))).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "done", attempts: 3, lastError: null, finishedAt: at(t0, 90) });
    const active = await db.service.findUniqueOrThrow({ where: { id: service.id } });
    expect(active).toMatchObject({ status: "active", provisioningState: "done", provisioningError: null, serverId, domain, username: expect.stringMatching(/^shop/) });
    expect(active.initialPasswordEnc).toMatch(/^v1\./);
    const account = await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } });
    expect(account).toMatchObject({ username: active.username, packageName: "starter", diskQuotaMb: 5_000 + 10_240, maxFtpAccounts: 2, serverId });

    // The welcome email goes to who may see services, and carries no password.
    const emails = await db.emailMessage.findMany({ where: { customerId: customer.id, category: "services" } });
    expect(emails.map((e) => e.userId)).toEqual([owner.id]);
    expect(emails.map((e) => e.userId)).not.toContain(billing.id);
    const [welcome] = emails;
    expect(welcome.subject).toBe(`Your Web Hosting Starter is ready: ${domain}`);
    expect(welcome.textBody).toContain(`Username: ${active.username}`);
    expect(welcome.textBody).toContain(`https://webmail.${domain}`);
    expect(welcome.textBody).toMatch(/Control panel: https:\/\/jobs-[0-9a-f]+\.portico\.test:2083/);
    expect(welcome.textBody).toContain(`/services/${service.id}`);

    // Shown once: the owner gets it, then nobody; it matches the panel's hash and is in no email or audit row.
    const ownerActor = await customerActorFor(owner.id, customer.id);
    const password = await getInitialPasswordOnce(ownerActor, service.id);
    expect(password).toMatch(/^.{16}$/);
    expect(await verifyPanelPassword(account.passwordHash, password!)).toBe(true);
    expect(welcome.textBody).not.toContain(password);
    expect(welcome.htmlBody).not.toContain(password);
    expect(await getInitialPasswordOnce(ownerActor, service.id)).toBeNull();
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).initialPasswordEnc).toBeNull();
    const audit = await db.auditEvent.findMany({ where: { customerId: customer.id } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["services.provisioning.create.done", "services.password.shown"]));
    expect(JSON.stringify(audit.map((a) => a.data))).not.toContain(password);
  });

  it("gives up after maxAttempts, and at once on a non-retryable error", async () => {
    const t0 = new Date();
    const { service, jobId } = await orderedService({ enqueueAt: t0 });
    await db.provisioningJob.update({ where: { id: jobId }, data: { maxAttempts: 2 } });
    const down = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 1 });
    const run = (now: Date) => runDueProvisioningJobs({ now, module: () => down, log: quiet });
    expect(await run(t0)).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await run(at(t0, 30))).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "failed", attempts: 2, finishedAt: at(t0, 30) });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: "pending", provisioningState: "failed" });
    expect(await db.panelAccount.count({ where: { serviceId: service.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: service.id, action: "services.provisioning.create.failed" } })).toBe(1);

    // A service without a domain can never be created: failed on the first attempt.
    const noDomain = await orderedService({ enqueueAt: t0 });
    await db.service.update({ where: { id: noDomain.service.id }, data: { domain: null, label: "not a domain" } });
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: noDomain.jobId } })).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("no domain") });
  });

  it("never makes two accounts for one service, with two runners at once and a duplicate job", async () => {
    const t0 = new Date();
    const services = await Promise.all(Array.from({ length: 5 }, () => orderedService({ enqueueAt: t0 })));
    const twice = services[0];
    await db.$transaction((tx) => enqueueProvisioningJob(tx, { serviceId: twice.service.id, operation: "create", idempotencyKey: `create-again:${twice.service.id}`, now: t0 }));

    const [a, b] = await Promise.all([runDueProvisioningJobs({ now: t0, log: quiet }), runDueProvisioningJobs({ now: t0, log: quiet })]);
    expect(a.done + b.done).toBe(5);
    expect(a.retried + b.retried + a.failed + b.failed).toBe(0);
    // The duplicate waited for the first create of its service, and now finds the account.
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 1, retried: 0, failed: 0 });

    for (const { service, customer } of services) {
      expect(await db.panelAccount.count({ where: { serviceId: service.id } })).toBe(1);
      expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).status).toBe("active");
      expect(await db.emailMessage.count({ where: { customerId: customer.id, category: "services" } })).toBe(1);
    }
    const usernames = await db.panelAccount.findMany({ where: { serviceId: { in: services.map((s) => s.service.id) } }, select: { username: true } });
    expect(new Set(usernames.map((u) => u.username)).size).toBe(5);
  });

  it("takes over a job left running by a crashed worker; the re-run finds the account and gives it a new password", async () => {
    const t0 = new Date();
    const { service, jobId, owner, customer } = await orderedService({ enqueueAt: t0 });
    // The crashed run: claimed the job and created the account, then died before recording anything.
    await db.provisioningJob.update({ where: { id: jobId }, data: { status: "running", attempts: 1 } });
    await db.$executeRaw`UPDATE "ProvisioningJob" SET "updatedAt" = ${at(t0, -4 * 60)}::timestamp WHERE "id" = ${jobId}::uuid`;
    const panel = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0 });
    await panel.create({ id: service.id, serverId }, { serverId, domain: (await db.service.findUniqueOrThrow({ where: { id: service.id } })).domain!, usernameHint: "x.example", password: "Lost-Password-1", package: { packageName: "starter", diskQuotaMb: null, bandwidthQuotaMb: null, maxFtpAccounts: null, maxDatabases: null, maxMailboxes: null, maxSubdomains: null } });

    // Four minutes: the worker may still be alive; not taken.
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 0, retried: 0, failed: 0 });
    // Over five minutes: taken over.
    expect(await runDueProvisioningJobs({ now: at(t0, 61), log: quiet })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "done", attempts: 2 });
    expect(await db.panelAccount.count({ where: { serviceId: service.id } })).toBe(1);
    const account = await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } });
    expect(await verifyPanelPassword(account.passwordHash, "Lost-Password-1")).toBe(false);
    const password = await getInitialPasswordOnce(await customerActorFor(owner.id, customer.id), service.id);
    expect(await verifyPanelPassword(account.passwordHash, password!)).toBe(true);
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).status).toBe("active");
  });

  it("runs a service's jobs one at a time, in order; lifecycle jobs change the service and the panel", async () => {
    const t0 = new Date();
    const { service, customer, owner } = await orderedService({ enqueueAt: t0 });
    const enqueue = (operation: "suspend" | "unsuspend" | "terminate" | "change_package" | "reset_password", payload?: object) =>
      db.$transaction((tx) => enqueueProvisioningJob(tx, { serviceId: service.id, operation, payload, now: t0 }));
    await enqueue("suspend", { reason: "abuse" });
    // The create runs first; the suspension waits for it.
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).status).toBe("active");
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: "suspended", suspendReason: "abuse", provisioningState: "done" });
    expect((await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } })).suspended).toBe(true);

    // A suspended account refuses a package change: non-retryable, failed.
    await enqueue("change_package", { productId: biggerProductId });
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 0, retried: 0, failed: 1 });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).provisioningError).toMatch(/suspended/);

    await enqueue("unsuspend");
    await runDueProvisioningJobs({ now: t0, log: quiet });
    expect((await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } })).suspended).toBe(false);
    await enqueue("change_package", { productId: biggerProductId });
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } })).toMatchObject({ packageName: "business", maxFtpAccounts: 10 });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ productId: biggerProductId, name: "Web Hosting Business", status: "active" });

    const ownerActor = await customerActorFor(owner.id, customer.id);
    await getInitialPasswordOnce(ownerActor, service.id);
    await enqueue("reset_password");
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 1, retried: 0, failed: 0 });
    const fresh = await getInitialPasswordOnce(ownerActor, service.id);
    const account = await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } });
    expect(await verifyPanelPassword(account.passwordHash, fresh!)).toBe(true);
    const reset = await db.emailMessage.findFirstOrThrow({ where: { customerId: customer.id, subject: { startsWith: "New control-panel password" } } });
    expect(reset.textBody).not.toContain(fresh);

    await enqueue("terminate");
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).status).toBe("terminated");
    expect(await db.panelAccount.count({ where: { serviceId: service.id } })).toBe(0);
  });
});

describe("staff: retry and mark done", () => {
  it("retries a failed job (its attempts start again) and refuses other states; needs staff.services", async () => {
    const t0 = new Date();
    const { service, jobId, customer } = await orderedService({ enqueueAt: t0 });
    await db.provisioningJob.update({ where: { id: jobId }, data: { maxAttempts: 1 } });
    const down = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 1 });
    expect(await runDueProvisioningJobs({ now: t0, module: () => down, log: quiet })).toEqual({ done: 0, retried: 0, failed: 1 });

    const agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
    await expect(retryProvisioningJob(agent, jobId)).rejects.toBeInstanceOf(PermissionDenied);
    const admin = await administrator();
    expect(await retryProvisioningJob(admin, jobId)).toEqual({ jobId });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "queued", attempts: 0 });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).provisioningState).toBe("queued");
    await expect(retryProvisioningJob(admin, jobId)).rejects.toMatchObject({ code: "invalid_state" });
    await expect(retryProvisioningJob(admin, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(ProvisioningJobError);
    await expect(retryProvisioningJob(admin, "nonsense")).rejects.toMatchObject({ code: "not_found" });

    expect(await runDueProvisioningJobs({ now: new Date(), log: quiet })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).status).toBe("active");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { customerId: customer.id, action: "services.provisioning.retried" } });
    expect(audit).toMatchObject({ actorUserId: admin.userId, targetId: service.id });
  });

  it("marks a failed create done by hand: the service becomes active, the note is audited", async () => {
    const t0 = new Date();
    const { service, jobId, customer } = await orderedService({ enqueueAt: t0 });
    await db.service.update({ where: { id: service.id }, data: { domain: null } });
    expect((await runDueProvisioningJobs({ now: t0, log: quiet })).failed).toBe(1);

    const agent = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
    await expect(markProvisioningJobDone(agent, jobId)).rejects.toBeInstanceOf(PermissionDenied);
    const admin = await administrator();
    expect(await markProvisioningJobDone(admin, jobId, "  Created by hand on web1  ")).toEqual({ jobId });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "done_manually", finishedAt: expect.any(Date) });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: "active", provisioningState: "done", provisioningError: null });
    await expect(markProvisioningJobDone(admin, jobId)).rejects.toMatchObject({ code: "invalid_state" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { customerId: customer.id, action: "services.provisioning.marked_done" } });
    expect(audit.data).toMatchObject({ jobId, operation: "create", previousStatus: "failed", note: "Created by hand on web1" });
  });
});

describe("services no module automates", () => {
  it("a VPS's create fails at once with a message for staff, who mark it done: active, no panel account", async () => {
    const t0 = new Date();
    const { service, jobId } = await orderedService({ enqueueAt: t0 });
    await db.service.update({ where: { id: service.id }, data: { kind: "vps", name: "VPS 4" } });
    expect(await runDueProvisioningJobs({ now: t0, log: quiet })).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("vps services are set up by hand") });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: "pending", provisioningState: "failed" });
    expect(await markProvisioningJobDone(await administrator(), jobId, "Installed on node 3")).toEqual({ jobId });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: "active", provisioningState: "done" });
    expect(await db.panelAccount.count({ where: { serviceId: service.id } })).toBe(0);
  });
});

describe("getInitialPasswordOnce", () => {
  it("needs services.manage and the customer's own service", async () => {
    const { service, customer, billing } = await orderedService({ enqueueAt: new Date() });
    await runDueProvisioningJobs({ log: quiet });
    const billingActor = await customerActorFor(billing.id, customer.id);
    await expect(getInitialPasswordOnce(billingActor, service.id)).rejects.toBeInstanceOf(PermissionDenied);
    const stranger = await orderedService({ withJob: false });
    const strangerActor = await customerActorFor(stranger.owner.id, stranger.customer.id);
    expect(await getInitialPasswordOnce(strangerActor, service.id)).toBeNull();
    expect(await getInitialPasswordOnce(strangerActor, "not-a-uuid")).toBeNull();
    // Still there for the right person.
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).initialPasswordEnc).not.toBeNull();
    const technical = await createUser(db);
    await addMember(db, technical.id, customer.id, { preset: "technical" });
    expect(await getInitialPasswordOnce(await customerActorFor(technical.id, customer.id), service.id)).toMatch(/^.{16}$/);
  });

  it("hands the password to exactly one of two simultaneous requests", async () => {
    const { service, customer, owner } = await orderedService({ enqueueAt: new Date() });
    await runDueProvisioningJobs({ log: quiet });
    const actor = await customerActorFor(owner.id, customer.id);
    const results = await Promise.all([getInitialPasswordOnce(actor, service.id), getInitialPasswordOnce(actor, service.id), getInitialPasswordOnce(actor, service.id)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});

describe("registerProvisioningJobs", () => {
  let boss: PgBoss | undefined;
  let stop: (() => void) | undefined;
  afterAll(async () => {
    stop?.();
    if (!boss) return;
    await boss.unschedule(QUEUES.servicesProvision);
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
  });

  it("ticks the runner on a queue that keeps at most one tick waiting, with a cron backstop", async () => {
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    boss = await startBoss({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2, log });
    stop = await registerProvisioningJobs(boss, { log, intervalSeconds: 1 });
    expect(await boss.getSchedules()).toEqual(expect.arrayContaining([expect.objectContaining({ name: QUEUES.servicesProvision, cron: "* * * * *" })]));
    expect(await boss.getQueue(QUEUES.servicesProvision)).toMatchObject({ name: QUEUES.servicesProvision, policy: "short" });

    // The worker picks up a queued create by itself.
    const { service } = await orderedService({ enqueueAt: new Date() });
    for (let i = 0; i < 40 && (await db.service.findUniqueOrThrow({ where: { id: service.id } })).provisioningState !== "done"; i++) await new Promise((r) => setTimeout(r, 250));
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: "active", provisioningState: "done" });
  });
});
