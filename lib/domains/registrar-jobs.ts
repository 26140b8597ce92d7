import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { decryptSecret } from "@/lib/auth/crypto";
import { db } from "@/lib/db";
import type { Prisma, RegistrarOperation } from "@/lib/generated/prisma/client";
import { type ContactSet, type Nameserver, RegistrarError, type RegistrarModule, registrarByKey } from "@/lib/integrations/registrar";
import { afterDomainOrderSettled } from "./domain-orders";

// Registrar calls as jobs (issue 6), like provisioning jobs for servers (ADR 0008): a RegistrarJob
// row per call, claimed with SKIP LOCKED, the registry called outside any transaction, the outcome
// recorded in one transaction fenced by the attempt number. Retryable failures back off; a
// registry's "no" (taken, wrong auth code, rejected transfer) ends the job and says why on the domain.
// A transfer in waits at the registry: its job asks again when the losing side's answer is due.

/** Operations whose outcome can end a paid registration or transfer. */
const SETTLING = new Set<RegistrarOperation>(["register", "transfer", "sync"]);

export const REGISTRAR_STALE_RUNNING_MS = 5 * 60_000;
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
export const registrarRetryDelayMs = (attempt: number) => Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_MS);

type Tx = Prisma.TransactionClient;
type Logger = Pick<Console, "warn" | "error">;

export type EnqueueRegistrarInput = {
  domainId: string;
  operation: RegistrarOperation;
  /** Once per purpose: "register:<orderItemId>", "renew:<invoiceLineId>"; a second enqueue returns the first job. */
  idempotencyKey?: string;
  payload?: Prisma.InputJsonValue;
  requestedByUserId?: string | null;
  runAfter?: Date;
};

/** Queues a registrar call in the caller's transaction (so it exists exactly when the change that needs it commits). */
export async function enqueueRegistrarJob(tx: Tx, input: EnqueueRegistrarInput): Promise<{ jobId: string; created: boolean }> {
  const rows = await tx.registrarJob.createManyAndReturn({
    data: [
      {
        domainId: input.domainId,
        operation: input.operation,
        idempotencyKey: input.idempotencyKey ?? null,
        payload: input.payload,
        requestedByUserId: input.requestedByUserId ?? null,
        runAfter: input.runAfter ?? new Date(),
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (rows.length) return { jobId: rows[0].id, created: true };
  const existing = await tx.registrarJob.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey! }, select: { id: true } });
  return { jobId: existing.id, created: false };
}

type ClaimedJob = { id: string; domainId: string; operation: RegistrarOperation; payload: Prisma.JsonValue; attempts: number; maxAttempts: number; requestedByUserId: string | null };

/** What a registry call leaves for the recording transaction. */
type Outcome =
  | { kind: "domain"; data: Prisma.DomainUpdateInput; audit?: string }
  /** The registry has not answered yet: ask again at `at` (not a failure, not counted against the attempts). */
  | { kind: "wait"; at: Date; data: Prisma.DomainUpdateInput };

export type RunRegistrarJobsResult = { done: number; waiting: number; retried: number; failed: number };

const payloadOf = (job: ClaimedJob): Record<string, unknown> => (job.payload && typeof job.payload === "object" && !Array.isArray(job.payload) ? (job.payload as Record<string, unknown>) : {});

async function contactsOf(domainId: string): Promise<ContactSet | null> {
  const rows = await db.domainContact.findMany({ where: { domainId } });
  const byRole = Object.fromEntries(rows.map((r) => [r.role, { name: r.name, organization: r.organization, email: r.email, phone: r.phone, street: r.street, city: r.city, postcode: r.postcode, country: r.country }]));
  return byRole.registrant && byRole.admin && byRole.tech && byRole.billing ? (byRole as ContactSet) : null;
}

async function callRegistrar(job: ClaimedJob, registrarOf: (registrar: string) => RegistrarModule, now: Date): Promise<Outcome> {
  const domain = await db.domain.findUniqueOrThrow({ where: { id: job.domainId }, select: { name: true, registrar: true, status: true, expiresAt: true, nameservers: true } });
  const registrar = registrarOf(domain.registrar);
  const payload = payloadOf(job);
  const years = typeof payload.years === "number" ? payload.years : 1;
  const nameservers = (Array.isArray(payload.nameservers) ? payload.nameservers : domain.nameservers) as Nameserver[];

  switch (job.operation) {
    case "register": {
      const contacts = await contactsOf(job.domainId);
      if (!contacts) throw new RegistrarError("invalid_input", `${domain.name} has no complete set of contacts`, false);
      const { expiresAt } = await registrar.register(domain.name, { years, nameservers, contacts });
      return { kind: "domain", data: { status: "active", expiresAt, failureReason: null, nameservers, locked: true, lastSyncedAt: now }, audit: "registered" };
    }
    case "transfer": {
      const sealed = typeof payload.authCodeEnc === "string" ? payload.authCodeEnc : null;
      if (domain.status === "pending_transfer" && !sealed) return waitOrFinish(await registrar.transferState(domain.name), now);
      if (!sealed) throw new RegistrarError("invalid_input", `the transfer of ${domain.name} has no auth code`, false);
      const state = await registrar.requestTransfer(domain.name, { authCode: decryptSecret(sealed), years });
      return waitOrFinish(state, now, { status: "pending_transfer", transferRequestedAt: now });
    }
    case "renew": {
      if (!domain.expiresAt) throw new RegistrarError("invalid_input", `${domain.name} has no expiry date to renew from`, false);
      const expected = typeof payload.expectedExpiresAt === "string" ? new Date(payload.expectedExpiresAt) : domain.expiresAt;
      const { expiresAt } = await registrar.renew(domain.name, { years, expectedExpiresAt: expected });
      return { kind: "domain", data: { expiresAt, status: "active", lastSyncedAt: now }, audit: "renewed" };
    }
    case "set_nameservers":
      await registrar.setNameservers(domain.name, nameservers);
      return { kind: "domain", data: { nameservers, lastSyncedAt: now }, audit: "nameservers.changed" };
    case "set_contacts": {
      const contacts = await contactsOf(job.domainId);
      if (!contacts) throw new RegistrarError("invalid_input", `${domain.name} has no complete set of contacts`, false);
      await registrar.setContacts(domain.name, contacts);
      return { kind: "domain", data: { lastSyncedAt: now }, audit: "contacts.changed" };
    }
    case "lock":
    case "unlock":
      await registrar.setLock(domain.name, job.operation === "lock");
      return { kind: "domain", data: { locked: job.operation === "lock", lastSyncedAt: now }, audit: job.operation === "lock" ? "locked" : "unlocked" };
    case "sync": {
      if (domain.status === "pending_transfer") return waitOrFinish(await registrar.transferState(domain.name), now);
      const info = await registrar.info(domain.name);
      if (!info) return { kind: "domain", data: { status: domain.status === "active" || domain.status === "expired" ? "deleted" : domain.status, lastSyncedAt: now } };
      if (info.holder === "away") return { kind: "domain", data: { status: "transferred_away", lastSyncedAt: now }, audit: "transferred_away" };
      const status = info.expiresAt <= now ? "expired" : "active";
      return { kind: "domain", data: { status, expiresAt: info.expiresAt, locked: info.locked, nameservers: info.nameservers, lastSyncedAt: now } };
    }
  }
}

function waitOrFinish(state: Awaited<ReturnType<RegistrarModule["transferState"]>>, now: Date, extra: Prisma.DomainUpdateInput = {}): Outcome {
  if (state.state === "pending") return { kind: "wait", at: new Date(Math.max(state.dueAt.getTime(), now.getTime()) + 1_000), data: extra };
  if (state.state === "completed") return { kind: "domain", data: { ...extra, status: "active", expiresAt: state.expiresAt, failureReason: null, locked: true, lastSyncedAt: now }, audit: "transferred_in" };
  return { kind: "domain", data: { status: "cancelled", failureReason: "rejected", lastSyncedAt: now }, audit: "transfer.rejected" };
}

/** Runs due registrar jobs once; one job per domain at a time, in the order queued (like runDueProvisioningJobs). */
export async function runDueRegistrarJobs(opts: { now?: Date; limit?: number; registrar?: (key: string) => RegistrarModule; log?: Logger } = {}): Promise<RunRegistrarJobsResult> {
  const now = opts.now ?? new Date();
  const limit = opts.limit ?? 20;
  const log = opts.log ?? console;
  const staleBefore = new Date(now.getTime() - REGISTRAR_STALE_RUNNING_MS);
  const claimed = await db.$queryRaw<ClaimedJob[]>`
    UPDATE "RegistrarJob" AS j
    SET "status" = 'running', "attempts" = j."attempts" + 1, "updatedAt" = ${now}::timestamp
    FROM (
      SELECT c."id" FROM "RegistrarJob" c
      WHERE ((c."status" IN ('queued', 'retrying') AND c."runAfter" <= ${now}::timestamp)
          OR (c."status" = 'running' AND c."updatedAt" <= ${staleBefore}::timestamp))
        AND NOT EXISTS (
          SELECT 1 FROM "RegistrarJob" o
          WHERE o."domainId" = c."domainId" AND o."id" <> c."id"
            AND o."status" IN ('queued', 'retrying', 'running')
            AND (o."createdAt", o."id") < (c."createdAt", c."id"))
      ORDER BY c."runAfter", c."createdAt"
      LIMIT ${limit}
      FOR UPDATE OF c SKIP LOCKED
    ) AS due
    WHERE j."id" = due."id"
    RETURNING j."id", j."domainId", j."operation", j."payload", j."attempts", j."maxAttempts", j."requestedByUserId"`;

  const result: RunRegistrarJobsResult = { done: 0, waiting: 0, retried: 0, failed: 0 };
  for (const job of claimed) {
    let outcome: Outcome;
    try {
      outcome = await callRegistrar(job, opts.registrar ?? registrarByKey, now);
    } catch (error) {
      const recorded = await recordFailure(job, error, now);
      if (recorded !== "lost") result[recorded === "failed" ? "failed" : "retried"]++;
      if (recorded === "failed") log.error(`[registrar] job ${job.id} (${job.operation} of domain ${job.domainId}) failed for good: ${errorText(error)}`);
      continue;
    }
    const recorded = await recordOutcome(job, outcome, now);
    if (recorded) result[outcome.kind === "wait" ? "waiting" : "done"]++;
  }
  return result;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

async function audit(tx: Tx, job: ClaimedJob, action: string, data: Record<string, unknown>) {
  const domain = await tx.domain.findUniqueOrThrow({ where: { id: job.domainId }, select: { customerId: true, name: true } });
  await recordAuditEvent({ action: `domains.${action}`, actorUserId: job.requestedByUserId, customerId: domain.customerId, targetType: "domain", targetId: job.domainId, data: { name: domain.name, jobId: job.id, ...data } }, tx);
}

async function recordOutcome(job: ClaimedJob, outcome: Outcome, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // The auth code is not kept once the registry has it.
    const payload = payloadOf(job);
    const { authCodeEnc: _sealed, ...rest } = payload;
    const { count } = await tx.registrarJob.updateMany({
      where: { id: job.id, status: "running", attempts: job.attempts },
      data:
        outcome.kind === "wait"
          ? { status: "retrying", runAfter: outcome.at, attempts: job.attempts - 1, lastError: null, payload: rest as Prisma.InputJsonValue }
          : { status: "done", finishedAt: now, lastError: null, payload: rest as Prisma.InputJsonValue },
    });
    if (count === 0) return false;
    await tx.domain.update({ where: { id: job.domainId }, data: outcome.data });
    if (outcome.kind === "domain" && outcome.audit) await audit(tx, job, outcome.audit, { operation: job.operation });
    // A registration or transfer that ended (here or through a sync) settles its order: refund if cancelled, order complete.
    if (outcome.kind === "domain" && SETTLING.has(job.operation)) await afterDomainOrderSettled(tx, job.domainId, now);
    return true;
  });
}

/** Codes that end a registration or transfer: the domain is "cancelled" with the reason. */
const FINAL_FOR_ORDER: Partial<Record<RegistrarError["code"], string>> = { taken: "taken", reserved: "reserved", wrong_auth_code: "wrong_auth_code", locked: "locked", not_found: "not_found" };

async function recordFailure(job: ClaimedJob, error: unknown, now: Date): Promise<"retrying" | "failed" | "lost"> {
  const retryable = !(error instanceof RegistrarError) || error.retryable;
  const giveUp = !retryable || job.attempts >= job.maxAttempts;
  const message = errorText(error);
  return db.$transaction(async (tx) => {
    const payload = payloadOf(job);
    const { authCodeEnc: _sealed, ...rest } = payload;
    const { count } = await tx.registrarJob.updateMany({
      where: { id: job.id, status: "running", attempts: job.attempts },
      data: giveUp
        ? { status: "failed", lastError: message, finishedAt: now, payload: rest as Prisma.InputJsonValue }
        : { status: "retrying", lastError: message, runAfter: new Date(now.getTime() + registrarRetryDelayMs(job.attempts)) },
    });
    if (count === 0) return "lost";
    if (giveUp) {
      const reason = error instanceof RegistrarError ? FINAL_FOR_ORDER[error.code] : undefined;
      if (reason && (job.operation === "register" || job.operation === "transfer")) {
        await tx.domain.update({ where: { id: job.domainId }, data: { status: "cancelled", failureReason: reason } });
        await afterDomainOrderSettled(tx, job.domainId, now);
      }
      await audit(tx, job, `${job.operation}.failed`, { attempts: job.attempts, code: error instanceof RegistrarError ? error.code : "error" });
    }
    return giveUp ? "failed" : "retrying";
  });
}
