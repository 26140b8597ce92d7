import "server-only";
import { db } from "@/lib/db";
import { type AuditAction, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, type StaffActor, assertCan, customerScope } from "@/lib/auth/actor-types";
import { decryptSecret, encryptSecret } from "@/lib/auth/crypto";
import { PermissionDenied } from "@/lib/auth/errors";
import type { Prisma, ProvisioningOperation } from "@/lib/generated/prisma/client";
import { ProvisioningError, moduleFor, moduleForServer, type PackageSpec, type ProvisionedService, type ProvisioningModule } from "@/lib/integrations/provisioning";
import { generatePanelPassword } from "@/lib/integrations/provisioning/builtin-secrets";
import { queueServiceWelcomeEmails } from "./welcome-email";
import { completeOrderOfService } from "./activate-order";

/** A job still `running` after this long lost its worker (crash, deploy); another run takes it over. */
export const STALE_RUNNING_MS = 5 * 60_000;
/** First retry after 30 s, then 1, 2, 4 … minutes, at most an hour apart. */
export const PROVISIONING_RETRY_BASE_MS = 30_000;
const PROVISIONING_RETRY_MAX_MS = 60 * 60_000;

export const provisioningRetryDelayMs = (attempt: number) => Math.min(PROVISIONING_RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), PROVISIONING_RETRY_MAX_MS);

type Logger = Pick<Console, "warn" | "error">;

export type RunProvisioningJobsOptions = {
  now?: Date;
  /** Jobs claimed in this run (default 20). */
  limit?: number;
  /** Chooses the module of a service (tests pass a failing one); default: the service's server's module. */
  module?: (service: ProvisionedService) => ProvisioningModule;
  log?: Logger;
};

export type RunProvisioningJobsResult = { done: number; retried: number; failed: number };

type ClaimedJob = { id: string; serviceId: string; operation: ProvisioningOperation; payload: Prisma.JsonValue; attempts: number; maxAttempts: number; requestedByUserId: string | null };

/** What a successful module call leaves for the recording transaction. */
type Success =
  | { operation: "create"; serverId: string; account: { username: string; domain: string; controlPanelUrl: string; webmailUrl: string }; password: string | null; productName: string }
  | { operation: "suspend"; reason: string }
  | { operation: "unsuspend" }
  | { operation: "terminate" }
  | { operation: "change_package"; productId: string; productName: string }
  | { operation: "reset_password"; password: string; account: { username: string; domain: string; controlPanelUrl: string; webmailUrl: string } | null; productName: string };

// Areas name their own audit actions; "services.*" is issue 5's (the AuditAction union lists areas
// by prefix and does not have this one yet: see the report to the lead).
const servicesAction = (name: string): AuditAction => `services.${name}`;

/**
 * Runs due provisioning jobs once (the worker ticks it every few seconds). Each job is claimed
 * with FOR UPDATE SKIP LOCKED (so any number of workers share the queue and none takes a job
 * twice), one job per service at a time in the order they were queued, including `running` jobs
 * whose worker died (older than STALE_RUNNING_MS). The module is called outside any transaction;
 * its result is recorded in one transaction fenced by the claim's attempt number, so a worker that
 * lost its claim records nothing. A crash between the call and the record re-runs the call:
 * every module call is idempotent (create returns the existing account), so a service never gets
 * a second account.
 */
export async function runDueProvisioningJobs(opts: RunProvisioningJobsOptions = {}): Promise<RunProvisioningJobsResult> {
  const now = opts.now ?? new Date();
  const limit = opts.limit ?? 20;
  const log = opts.log ?? console;
  const staleBefore = new Date(now.getTime() - STALE_RUNNING_MS);

  const claimed = await db.$transaction(async (tx) => {
    // Timestamps are UTC without time zone; `::timestamp` keeps a parameter's UTC wall time.
    const jobs = await tx.$queryRaw<ClaimedJob[]>`
      UPDATE "ProvisioningJob" AS j
      SET "status" = 'running', "attempts" = j."attempts" + 1, "updatedAt" = ${now}::timestamp
      FROM (
        SELECT c."id" FROM "ProvisioningJob" c
        WHERE ((c."status" IN ('queued', 'retrying') AND c."runAfter" <= ${now}::timestamp)
            OR (c."status" = 'running' AND c."updatedAt" <= ${staleBefore}::timestamp))
          AND NOT EXISTS (
            SELECT 1 FROM "ProvisioningJob" o
            WHERE o."serviceId" = c."serviceId" AND o."id" <> c."id"
              AND o."status" IN ('queued', 'retrying', 'running')
              AND (o."createdAt", o."id") < (c."createdAt", c."id"))
        ORDER BY c."runAfter", c."createdAt"
        LIMIT ${limit}
        FOR UPDATE OF c SKIP LOCKED
      ) AS due
      WHERE j."id" = due."id"
      RETURNING j."id", j."serviceId", j."operation", j."payload", j."attempts", j."maxAttempts", j."requestedByUserId"`;
    if (jobs.length) await tx.service.updateMany({ where: { id: { in: jobs.map((j) => j.serviceId) } }, data: { provisioningState: "running" } });
    return jobs;
  });

  const result: RunProvisioningJobsResult = { done: 0, retried: 0, failed: 0 };
  for (const job of claimed) {
    let success: Success;
    try {
      success = await callModule(job, opts.module);
    } catch (error) {
      const outcome = await recordFailure(job, error, now);
      if (outcome === "failed") {
        result.failed++;
        log.error(`[provisioning] job ${job.id} (${job.operation} of service ${job.serviceId}) failed for good:`, errorText(error));
      } else if (outcome === "retrying") {
        result.retried++;
        log.warn(`[provisioning] job ${job.id} (${job.operation} of service ${job.serviceId}) will be retried: ${errorText(error)}`);
      }
      continue;
    }
    if (await recordSuccess(job, success, now)) result.done++;
  }
  return result;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

const payloadOf = (job: ClaimedJob): Record<string, unknown> => (job.payload && typeof job.payload === "object" && !Array.isArray(job.payload) ? (job.payload as Record<string, unknown>) : {});

async function loadService(serviceId: string) {
  const service = await db.service.findUnique({
    where: { id: serviceId },
    select: {
      id: true,
      kind: true,
      name: true,
      label: true,
      domain: true,
      username: true,
      serverId: true,
      options: true,
      customerId: true,
      product: { select: { id: true, name: true, slug: true, packageName: true, serverId: true, diskQuotaMb: true, bandwidthQuotaMb: true, maxFtpAccounts: true, maxDatabases: true, maxMailboxes: true, maxSubdomains: true } },
    },
  });
  if (!service) throw new ProvisioningError("not_found", `service ${serviceId} does not exist`, false);
  return service;
}

type LoadedService = Awaited<ReturnType<typeof loadService>>;
type ProductForPackage = NonNullable<LoadedService["product"]>;

/** The package of `product`, plus the extra disk of the options chosen at order time (Service.options). */
async function packageOf(product: ProductForPackage, options: Prisma.JsonValue): Promise<PackageSpec> {
  let extraDiskMb = 0;
  const chosen = Array.isArray(options) ? options.filter((o): o is { option: string; choice: string } => typeof o === "object" && o !== null && typeof (o as { option?: unknown }).option === "string" && typeof (o as { choice?: unknown }).choice === "string") : [];
  if (chosen.length) {
    const choices = await db.productOptionChoice.findMany({
      where: { option: { productId: product.id }, OR: chosen.map((c) => ({ code: c.choice, option: { code: c.option } })) },
      select: { extraDiskMb: true },
    });
    extraDiskMb = choices.reduce((sum, c) => sum + c.extraDiskMb, 0);
  }
  return {
    packageName: product.packageName ?? product.slug,
    diskQuotaMb: product.diskQuotaMb === null ? null : product.diskQuotaMb + extraDiskMb,
    bandwidthQuotaMb: product.bandwidthQuotaMb,
    maxFtpAccounts: product.maxFtpAccounts,
    maxDatabases: product.maxDatabases,
    maxMailboxes: product.maxMailboxes,
    maxSubdomains: product.maxSubdomains,
  };
}

const DOMAIN_LIKE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** The module call of one job, outside any transaction. */
async function callModule(job: ClaimedJob, override: RunProvisioningJobsOptions["module"]): Promise<Success> {
  const service = await loadService(job.serviceId);
  const payload = payloadOf(job);

  if (job.operation === "create") {
    if (!service.product) throw new ProvisioningError("invalid_input", `service ${service.id} has no product to create it from`, false);
    // The modules automate hosting accounts only; a server, a rack unit or a trunk is set up by people.
    if (service.kind !== "hosting") throw new ProvisioningError("invalid_input", `${service.kind} services are set up by hand: mark this job done once the service is ready`, false);
    const serverId =
      service.serverId ??
      service.product.serverId ??
      (await db.server.findFirst({ where: { module: "builtin" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } }))?.id;
    if (!serverId) throw new ProvisioningError("not_found", "there is no server to create the account on (Product.serverId, or a server with the builtin module)", false);
    const domain = (service.domain ?? service.label ?? "").trim().toLowerCase();
    if (!DOMAIN_LIKE.test(domain)) throw new ProvisioningError("invalid_input", `service ${service.id} has no domain to create the account for`, false);
    const target: ProvisionedService = { id: service.id, kind: service.kind, serverId };
    const panelModule = override ? override(target) : await moduleForServer(serverId);
    const password = generatePanelPassword();
    const outcome = await panelModule.create(target, { serverId, domain, usernameHint: domain, password, package: await packageOf(service.product, service.options) });
    const account = { username: outcome.username, domain: outcome.domain, controlPanelUrl: outcome.controlPanelUrl, webmailUrl: outcome.webmailUrl };
    if (outcome.created) return { operation: "create", serverId, account, password, productName: service.product.name };
    // The account was there already. Recorded before (a second create job): nothing more to do.
    // Not recorded (the run that made it died before recording): its password was lost with that
    // run, so the account gets a new one the customer can be shown.
    if (service.username === outcome.username) return { operation: "create", serverId, account, password: null, productName: service.product.name };
    await panelModule.resetPassword(target, password);
    return { operation: "create", serverId, account, password, productName: service.product.name };
  }

  const target: ProvisionedService = { id: service.id, kind: service.kind, serverId: service.serverId };
  const panelModule = override ? override(target) : moduleFor(target);
  switch (job.operation) {
    case "suspend": {
      const reason = typeof payload.reason === "string" && payload.reason ? payload.reason : "staff";
      await panelModule.suspend(target, reason);
      return { operation: "suspend", reason };
    }
    case "unsuspend":
      await panelModule.unsuspend(target);
      return { operation: "unsuspend" };
    case "terminate":
      await panelModule.terminate(target);
      return { operation: "terminate" };
    case "change_package": {
      const productId = typeof payload.productId === "string" ? payload.productId : "";
      const product = productId
        ? await db.product.findUnique({ where: { id: productId }, select: { id: true, name: true, slug: true, packageName: true, serverId: true, diskQuotaMb: true, bandwidthQuotaMb: true, maxFtpAccounts: true, maxDatabases: true, maxMailboxes: true, maxSubdomains: true } })
        : null;
      if (!product) throw new ProvisioningError("invalid_input", `change_package job ${job.id} names no existing product`, false);
      await panelModule.changePackage(target, await packageOf(product, service.options));
      return { operation: "change_package", productId: product.id, productName: product.name };
    }
    case "reset_password": {
      const password = generatePanelPassword();
      await panelModule.resetPassword(target, password);
      const info = await panelModule.accountInfo(target);
      const account = info ? { username: info.username, domain: info.domain, controlPanelUrl: info.controlPanelUrl, webmailUrl: info.webmailUrl } : null;
      return { operation: "reset_password", password, account, productName: service.product?.name ?? service.name };
    }
    default:
      throw new ProvisioningError("invalid_input", `unknown provisioning operation ${String(job.operation)}`, false);
  }
}

/** Service changes a finished operation implies (also applied when staff mark a job done by hand). */
async function applyServiceEffects(tx: Prisma.TransactionClient, serviceId: string, operation: ProvisioningOperation, now: Date, payload: Record<string, unknown>): Promise<void> {
  if (operation === "create") {
    await tx.service.updateMany({ where: { id: serviceId, status: "pending" }, data: { status: "active" } });
    // The order the service came from is complete once all its services are up.
    await completeOrderOfService(tx, serviceId);
  } else if (operation === "suspend") {
    const reason = typeof payload.reason === "string" && payload.reason ? payload.reason : "staff";
    await tx.service.updateMany({ where: { id: serviceId, status: "active" }, data: { status: "suspended", suspendReason: reason, suspendedAt: now } });
  } else if (operation === "unsuspend") {
    await tx.service.updateMany({ where: { id: serviceId, status: "suspended", terminatedAt: null }, data: { status: "active", suspendReason: null, suspendedAt: null } });
  } else if (operation === "terminate") {
    await tx.service.updateMany({ where: { id: serviceId, status: { in: ["active", "suspended", "pending"] } }, data: { status: "terminated", terminatedAt: now } });
  } else if (operation === "change_package" && typeof payload.productId === "string") {
    const product = await tx.product.findUnique({ where: { id: payload.productId }, select: { id: true, name: true } });
    if (product) await tx.service.update({ where: { id: serviceId }, data: { productId: product.id, name: product.name } });
  }
}

async function recordSuccess(job: ClaimedJob, success: Success, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.provisioningJob.updateMany({
      where: { id: job.id, status: "running", attempts: job.attempts },
      data: { status: "done", finishedAt: now, lastError: null },
    });
    // Another worker took the job over (this one was presumed dead): it records the result.
    if (count === 0) return false;

    const service = await tx.service.findUniqueOrThrow({ where: { id: job.serviceId }, select: { id: true, customerId: true } });
    await applyServiceEffects(tx, service.id, job.operation, now, success.operation === "suspend" ? { reason: success.reason } : payloadOf(job));
    const data: Prisma.ServiceUpdateInput = { provisioningState: "done", provisioningError: null };
    if (success.operation === "create") {
      Object.assign(data, { username: success.account.username, domain: success.account.domain, server: { connect: { id: success.serverId } } });
      if (success.password) data.initialPasswordEnc = encryptSecret(success.password);
    }
    if (success.operation === "reset_password") data.initialPasswordEnc = encryptSecret(success.password);
    await tx.service.update({ where: { id: service.id }, data });

    if (success.operation === "create" && success.password) {
      await queueServiceWelcomeEmails(tx, { customerId: service.customerId, serviceId: service.id, eventKey: job.id, account: { product: success.productName, ...success.account } });
    }
    if (success.operation === "reset_password" && success.account) {
      await queueServiceWelcomeEmails(tx, { customerId: service.customerId, serviceId: service.id, eventKey: job.id, kind: "password_reset", account: { product: success.productName, ...success.account } });
    }
    await recordAuditEvent(
      {
        action: servicesAction(`provisioning.${job.operation}.done`),
        actorUserId: job.requestedByUserId,
        customerId: service.customerId,
        targetType: "service",
        targetId: service.id,
        data: { jobId: job.id, attempts: job.attempts, ...(success.operation === "create" ? { username: success.account.username, serverId: success.serverId } : {}) },
      },
      tx,
    );
    return true;
  });
}

async function recordFailure(job: ClaimedJob, error: unknown, now: Date): Promise<"retrying" | "failed" | "lost"> {
  const retryable = !(error instanceof ProvisioningError) || error.retryable;
  const giveUp = !retryable || job.attempts >= job.maxAttempts;
  const message = errorText(error);
  return db.$transaction(async (tx) => {
    const { count } = await tx.provisioningJob.updateMany({
      where: { id: job.id, status: "running", attempts: job.attempts },
      data: giveUp
        ? { status: "failed", lastError: message, finishedAt: now }
        : { status: "retrying", lastError: message, runAfter: new Date(now.getTime() + provisioningRetryDelayMs(job.attempts)) },
    });
    if (count === 0) return "lost";
    const service = await tx.service.update({
      where: { id: job.serviceId },
      data: { provisioningState: giveUp ? "failed" : "retrying", provisioningError: message.slice(0, 500) },
      select: { customerId: true },
    });
    if (giveUp) {
      await recordAuditEvent(
        {
          action: servicesAction(`provisioning.${job.operation}.failed`),
          actorUserId: job.requestedByUserId,
          customerId: service.customerId,
          targetType: "service",
          targetId: job.serviceId,
          data: { jobId: job.id, attempts: job.attempts, code: error instanceof ProvisioningError ? error.code : "error" },
        },
        tx,
      );
    }
    return giveUp ? "failed" : "retrying";
  });
}

// ───── staff ─────

/** A staff action on a job that cannot happen: `not_found` (no such job) or `invalid_state` (e.g. retrying a running job). */
export class ProvisioningJobError extends Error {
  constructor(
    readonly code: "not_found" | "invalid_state",
    message: string,
  ) {
    super(message);
    this.name = "ProvisioningJobError";
  }
}

function assertStaffServices(actor: StaffActor): void {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.services");
  assertCan(actor, "staff.services");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Puts a failed job back in the queue to run now, with its attempts counted from zero. */
export async function retryProvisioningJob(actor: StaffActor, jobId: string): Promise<{ jobId: string }> {
  assertStaffServices(actor);
  if (!UUID.test(jobId)) throw new ProvisioningJobError("not_found", `provisioning job ${jobId} does not exist`);
  return db.$transaction(async (tx) => {
    const job = await tx.provisioningJob.findUnique({ where: { id: jobId }, select: { id: true, status: true, operation: true, service: { select: { id: true, customerId: true } } } });
    if (!job) throw new ProvisioningJobError("not_found", `provisioning job ${jobId} does not exist`);
    const { count } = await tx.provisioningJob.updateMany({
      where: { id: jobId, status: "failed" },
      data: { status: "queued", attempts: 0, runAfter: new Date(), finishedAt: null },
    });
    if (count === 0) throw new ProvisioningJobError("invalid_state", `provisioning job ${jobId} is ${job.status}; only a failed job can be retried`);
    await tx.service.update({ where: { id: job.service.id }, data: { provisioningState: "queued", provisioningError: null } });
    await recordAuditEvent(
      { action: servicesAction("provisioning.retried"), actorUserId: actor.userId, customerId: job.service.customerId, targetType: "service", targetId: job.service.id, data: { jobId, operation: job.operation } },
      tx,
    );
    return { jobId };
  });
}

/**
 * Staff did the job by hand on the panel: the job ends as `done_manually` and the service gets the
 * state the operation implies (a create makes the service active). Not for a job running right now.
 */
export async function markProvisioningJobDone(actor: StaffActor, jobId: string, note?: string): Promise<{ jobId: string }> {
  assertStaffServices(actor);
  if (!UUID.test(jobId)) throw new ProvisioningJobError("not_found", `provisioning job ${jobId} does not exist`);
  const trimmedNote = note?.trim().slice(0, 1000) || null;
  return db.$transaction(async (tx) => {
    const job = await tx.provisioningJob.findUnique({ where: { id: jobId }, select: { id: true, status: true, operation: true, payload: true, service: { select: { id: true, customerId: true } } } });
    if (!job) throw new ProvisioningJobError("not_found", `provisioning job ${jobId} does not exist`);
    const now = new Date();
    const { count } = await tx.provisioningJob.updateMany({
      where: { id: jobId, status: { in: ["failed", "retrying", "queued"] } },
      data: { status: "done_manually", finishedAt: now },
    });
    if (count === 0) throw new ProvisioningJobError("invalid_state", `provisioning job ${jobId} is ${job.status}; it cannot be marked done`);
    const payload = job.payload && typeof job.payload === "object" && !Array.isArray(job.payload) ? (job.payload as Record<string, unknown>) : {};
    await applyServiceEffects(tx, job.service.id, job.operation, now, payload);
    await tx.service.update({ where: { id: job.service.id }, data: { provisioningState: "done", provisioningError: null } });
    await recordAuditEvent(
      {
        action: servicesAction("provisioning.marked_done"),
        actorUserId: actor.userId,
        customerId: job.service.customerId,
        targetType: "service",
        targetId: job.service.id,
        data: { jobId, operation: job.operation, previousStatus: job.status, ...(trimmedNote ? { note: trimmedNote } : {}) },
      },
      tx,
    );
    return { jobId };
  });
}

// ───── customer ─────

/**
 * The hosting account's password, once: returns it and clears the sealed copy in the same
 * statement, so a second call (another tab, a replayed request) gets null. Needs services.manage;
 * another customer's service is null like a missing one. Audited without the secret.
 */
export async function getInitialPasswordOnce(actor: CustomerActor, serviceId: string): Promise<string | null> {
  const customerId = customerScope(actor, "services.manage");
  if (!UUID.test(serviceId)) return null;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ sealed: string }[]>`
      UPDATE "Service" AS s SET "initialPasswordEnc" = NULL
      FROM (
        SELECT "id", "initialPasswordEnc" FROM "Service"
        WHERE "id" = ${serviceId}::uuid AND "customerId" = ${customerId}::uuid AND "initialPasswordEnc" IS NOT NULL
        FOR UPDATE
      ) AS old
      WHERE s."id" = old."id"
      RETURNING old."initialPasswordEnc" AS sealed`;
    if (rows.length === 0) return null;
    await recordAuditEvent(
      { action: servicesAction("password.shown"), actorUserId: actor.userId, customerId, targetType: "service", targetId: serviceId, data: {} },
      tx,
    );
    return decryptSecret(rows[0].sealed);
  });
}
