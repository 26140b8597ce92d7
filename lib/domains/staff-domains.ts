import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type Actor, type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { PermissionDenied } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import { DomainStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueRegistrarJob } from "./registrar-jobs";

// Staff's view of every customer's domains (issue 6, /admin/domains, staff.customers): search,
// filters (status, pending transfers, expiring soon), the registrar jobs in flight, and a sync
// with the registry on request.

export const STAFF_DOMAINS_PAGE_SIZE = 50;
export const STAFF_DOMAIN_FILTERS = ["any", ...Object.values(DomainStatus), "expiring"] as const;

export const staffDomainListParamsSchema = z.object({
  q: z.string().trim().toLowerCase().max(100).catch(""),
  status: z.enum(STAFF_DOMAIN_FILTERS).catch("any"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type StaffDomainListParams = z.infer<typeof staffDomainListParamsSchema>;

export const syncDomainSchema = z.object({ domainId: z.guid({ message: "errors.notFound" }) });

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
  const [items, total] = await Promise.all([
    db.domain.findMany({
      where,
      orderBy: params.status === "expiring" ? [{ expiresAt: "asc" }, { id: "asc" }] : [{ name: "asc" }],
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
        lastSyncedAt: true,
        customer: { select: { id: true, name: true, contractNumber: true } },
        registrarJobs: { where: { status: { in: ["queued", "running", "retrying", "failed"] } }, orderBy: { createdAt: "desc" }, take: 1, select: { operation: true, status: true, lastError: true } },
      },
    }),
    db.domain.count({ where }),
  ]);
  return { items, total, page: params.page, pageSize: STAFF_DOMAINS_PAGE_SIZE };
}

/** Asks the registry for the domain's state now (a sync job); audited for the customer. */
export async function requestDomainSync(actor: Actor, input: unknown): Promise<{ jobId: string }> {
  assertStaffDomains(actor);
  const { domainId } = syncDomainSchema.parse(input);
  return db.$transaction(async (tx) => {
    const domain = await tx.domain.findUnique({ where: { id: domainId }, select: { id: true, name: true, customerId: true } });
    if (!domain) throw new PermissionDenied("staff.customers");
    const { jobId } = await enqueueRegistrarJob(tx, { domainId, operation: "sync", idempotencyKey: `sync:${randomUUID()}`, requestedByUserId: actor.userId });
    await recordAuditEvent({ action: "domains.sync.requested", actorUserId: actor.userId, customerId: domain.customerId, targetType: "domain", targetId: domain.id, data: { name: domain.name, jobId } }, tx);
    return { jobId };
  });
}
