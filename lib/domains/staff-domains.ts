import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type Actor, type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { PermissionDenied } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import { DomainStatus } from "@/lib/generated/prisma/enums";
import type { Prisma, RegistrarOperation } from "@/lib/generated/prisma/client";
import { enqueueRegistrarJob } from "./registrar-jobs";

// Staff's view of every customer's domains (issue 6, /admin/domains, staff.customers): search,
// filters (status, pending transfers with when each was asked for, expiring soon), the registrar
// jobs in flight, and registrar actions: a sync with the registry, lock / unlock, and another try
// of a failed registrar job. Every action is audited for the customer.

export const STAFF_DOMAINS_PAGE_SIZE = 50;
export const STAFF_DOMAIN_FILTERS = ["any", ...Object.values(DomainStatus), "expiring"] as const;

export const staffDomainListParamsSchema = z.object({
  q: z.string().trim().toLowerCase().max(100).catch(""),
  status: z.enum(STAFF_DOMAIN_FILTERS).catch("any"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type StaffDomainListParams = z.infer<typeof staffDomainListParamsSchema>;

export const syncDomainSchema = z.object({ domainId: z.guid({ message: "errors.notFound" }) });
export const staffLockSchema = z.object({ domainId: z.guid({ message: "errors.notFound" }), locked: z.boolean() });
export const retryRegistrarJobSchema = z.object({ jobId: z.guid({ message: "errors.jobNotFound" }) });

/** The list row's buttons: one form, the pressed button says which action (`intent`). */
export const registrarRowActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sync"), domainId: z.guid({ message: "errors.notFound" }) }),
  z.object({ intent: z.literal("lock"), domainId: z.guid({ message: "errors.notFound" }) }),
  z.object({ intent: z.literal("unlock"), domainId: z.guid({ message: "errors.notFound" }) }),
  z.object({ intent: z.literal("retry"), jobId: z.guid({ message: "errors.jobNotFound" }) }),
]);
export type RegistrarRowAction = z.infer<typeof registrarRowActionSchema>;

/** A registrar action that cannot happen now; `key` is a message key of "staffDomains". */
export class StaffDomainError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = "StaffDomainError";
  }
}

const OPEN_JOB_STATUSES = ["queued", "running", "retrying"] as const;

function assertStaffDomains(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.customers");
  assertCan(actor, "staff.customers");
}

export async function listDomainsForStaff(actor: Actor, params: StaffDomainListParams, now: Date = new Date()) {
  assertStaffDomains(actor);
  const where: Prisma.DomainWhereInput = {
    ...(params.q ? { OR: [{ name: { contains: params.q } }, { customer: { name: { contains: params.q, mode: "insensitive" } } }, { customer: { contractNumber: { equals: params.q.toUpperCase() } } }] } : {}),
    ...(params.status === "expiring" ? { status: "active", expiresAt: { lte: new Date(now.getTime() + 30 * 86_400_000) } } : params.status !== "any" ? { status: params.status } : {}),
  };
  // Pending transfers: the longest waiting first (not yet sent to the registry before those that were).
  const orderBy: Prisma.DomainOrderByWithRelationInput[] =
    params.status === "expiring"
      ? [{ expiresAt: "asc" }, { id: "asc" }]
      : params.status === "pending_transfer"
        ? [{ transferRequestedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }]
        : [{ name: "asc" }];
  const [items, total, pendingTransfers] = await Promise.all([
    db.domain.findMany({
      where,
      orderBy,
      // Customer and jobs in separate queries for the page's ids (joined, they would be looked up for every row before the offset).
      relationLoadStrategy: "query",
      skip: (params.page - 1) * STAFF_DOMAINS_PAGE_SIZE,
      take: STAFF_DOMAINS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        status: true,
        expiresAt: true,
        autoRenew: true,
        locked: true,
        failureReason: true,
        transferRequestedAt: true,
        lastSyncedAt: true,
        customer: { select: { id: true, name: true, contractNumber: true } },
        registrarJobs: { where: { status: { in: ["queued", "running", "retrying", "failed"] } }, orderBy: { createdAt: "desc" }, take: 1, select: { id: true, operation: true, status: true, lastError: true } },
      },
    }),
    db.domain.count({ where }),
    db.domain.count({ where: { status: "pending_transfer" } }),
  ]);
  return { items, total, page: params.page, pageSize: STAFF_DOMAINS_PAGE_SIZE, pendingTransfers };
}

const auditStaff = (tx: Prisma.TransactionClient, actor: StaffActor, domain: { id: string; name: string; customerId: string }, action: string, data: Record<string, unknown>) =>
  recordAuditEvent({ action: `domains.${action}`, actorUserId: actor.userId, customerId: domain.customerId, targetType: "domain", targetId: domain.id, data: { name: domain.name, byStaff: true, ...data } }, tx);

/** Asks the registry for the domain's state now (a sync job); audited for the customer. */
export async function requestDomainSync(actor: Actor, input: unknown): Promise<{ jobId: string; created: boolean }> {
  assertStaffDomains(actor);
  const { domainId } = syncDomainSchema.parse(input);
  return db.$transaction(async (tx) => {
    const domain = await tx.domain.findUnique({ where: { id: domainId }, select: { id: true, name: true, customerId: true } });
    if (!domain) throw new StaffDomainError("errors.notFound");
    const { jobId } = await enqueueRegistrarJob(tx, { domainId, operation: "sync", idempotencyKey: `sync:${randomUUID()}`, requestedByUserId: actor.userId });
    await recordAuditEvent({ action: "domains.sync.requested", actorUserId: actor.userId, customerId: domain.customerId, targetType: "domain", targetId: domain.id, data: { name: domain.name, jobId } }, tx);
    return { jobId, created: true };
  });
}

/**
 * Locks or unlocks the domain at the registry for the customer (a lock / unlock job, as the
 * customer's own switch queues); only an active domain, one lock change at a time.
 */
export async function requestStaffLockChange(actor: Actor, input: unknown): Promise<{ jobId: string; created: boolean }> {
  assertStaffDomains(actor);
  const { domainId, locked } = staffLockSchema.parse(input);
  return db.$transaction(async (tx) => {
    // The row lock makes two clicks (or staff and the customer at once) queue one change.
    await tx.$executeRaw`SELECT 1 FROM "Domain" WHERE "id" = ${domainId}::uuid FOR UPDATE`;
    const domain = await tx.domain.findUnique({ where: { id: domainId }, select: { id: true, name: true, customerId: true, status: true, locked: true } });
    if (!domain) throw new StaffDomainError("errors.notFound");
    if (domain.status !== "active") throw new StaffDomainError("errors.notActive");
    if (await tx.registrarJob.findFirst({ where: { domainId, operation: { in: ["lock", "unlock"] }, status: { in: [...OPEN_JOB_STATUSES] } }, select: { id: true } })) throw new StaffDomainError("errors.changePending");
    if (domain.locked === locked) throw new StaffDomainError(locked ? "errors.alreadyLocked" : "errors.alreadyUnlocked");
    const { jobId } = await enqueueRegistrarJob(tx, { domainId, operation: locked ? "lock" : "unlock", idempotencyKey: `lock:${randomUUID()}`, requestedByUserId: actor.userId });
    await auditStaff(tx, actor, domain, locked ? "lock.requested" : "unlock.requested", { jobId });
    return { jobId, created: true };
  });
}

/** Operations that replace each other: a later one of the same family makes an older failed one moot. */
const FAMILY: Record<RegistrarOperation, RegistrarOperation[]> = {
  register: ["register"],
  transfer: ["transfer"],
  renew: ["renew"],
  set_nameservers: ["set_nameservers"],
  set_contacts: ["set_contacts"],
  lock: ["lock", "unlock"],
  unlock: ["lock", "unlock"],
  sync: ["sync"],
};

/**
 * Runs a failed registrar job again from its first attempt (the registry was down longer than the
 * retries lasted, or staff fixed what it refused). Not a registration or transfer that was settled
 * (cancelled and refunded), nor a transfer whose auth code is gone before the registry had it, nor
 * a job a later one of its kind has replaced.
 */
export async function retryRegistrarJob(actor: Actor, input: unknown): Promise<{ jobId: string; created: boolean }> {
  assertStaffDomains(actor);
  const { jobId } = retryRegistrarJobSchema.parse(input);
  return db.$transaction(async (tx) => {
    const job = await tx.registrarJob.findUnique({
      where: { id: jobId },
      select: { id: true, operation: true, status: true, createdAt: true, domain: { select: { id: true, name: true, customerId: true, status: true, transferRequestedAt: true } } },
    });
    if (!job) throw new StaffDomainError("errors.jobNotFound");
    if (job.status !== "failed") throw new StaffDomainError("errors.jobNotFailed");
    const { domain } = job;
    if (job.operation === "register" && domain.status !== "pending_registration") throw new StaffDomainError("errors.jobSettled");
    if (job.operation === "transfer" && domain.status !== "pending_transfer") throw new StaffDomainError("errors.jobSettled");
    // The auth code is kept only until the registry has the request; without it there is nothing to send.
    if (job.operation === "transfer" && !domain.transferRequestedAt) throw new StaffDomainError("errors.transferNeedsCode");
    const newer = await tx.registrarJob.findFirst({ where: { domainId: domain.id, operation: { in: FAMILY[job.operation] }, createdAt: { gt: job.createdAt } }, select: { id: true } });
    if (newer) throw new StaffDomainError("errors.jobSuperseded");
    const { count } = await tx.registrarJob.updateMany({
      where: { id: jobId, status: "failed" },
      data: { status: "queued", attempts: 0, runAfter: new Date(), finishedAt: null, lastError: null },
    });
    if (count === 0) throw new StaffDomainError("errors.jobNotFailed");
    await auditStaff(tx, actor, domain, "job.retried", { jobId, operation: job.operation });
    return { jobId, created: true };
  });
}

/** The list row's buttons. */
export async function runRegistrarRowAction(actor: Actor, input: RegistrarRowAction): Promise<{ jobId: string; created: boolean }> {
  switch (input.intent) {
    case "sync":
      return requestDomainSync(actor, { domainId: input.domainId });
    case "lock":
    case "unlock":
      return requestStaffLockChange(actor, { domainId: input.domainId, locked: input.intent === "lock" });
    case "retry":
      return retryRegistrarJob(actor, { jobId: input.jobId });
  }
}
