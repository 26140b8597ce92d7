import "server-only";
import { type Actor, type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { type AuditAction, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma, ProvisioningJobStatus, ServiceStatus } from "@/lib/generated/prisma/client";
import { enqueueProvisioningJob } from "./provisioning-queue";
import {
  type ModuleActionInput,
  type ProvisioningFilter,
  STAFF_SERVICES_PAGE_SIZE,
  type StaffModuleOperation,
  type StaffServiceListParams,
  moduleActionSchema,
} from "./staff-services-schemas";

// The staff side of services (/admin/services). Every function takes the actor and refuses anyone
// but staff holding staff.services (customers included); staff see every customer's services.

/** Customers whose contract number or name matches a search; a search is meant to narrow things down. */
const SEARCH_CUSTOMER_LIMIT = 200;
const JOB_HISTORY_LIMIT = 50;
const AUDIT_LIMIT = 30;

/** A suspension by staff starts with this, so dunning (which lifts only "overdue") leaves it alone. */
export const STAFF_SUSPEND_PREFIX = "staff: ";

/** Job states in which the module call has not ended yet: a second request joins it. */
export const OPEN_JOB_STATUSES = ["queued", "running", "retrying"] as const satisfies readonly ProvisioningJobStatus[];

// AuditAction has no "services.*" member yet (the lead adds it); until then the names pass here.
const auditAction = (name: `services.${string}`): AuditAction => name;

export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** Throws PermissionDenied for anyone but staff with staff.services; every function here starts with it. */
export function assertStaffServices(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.services");
  assertCan(actor, "staff.services");
}

/** A module action that cannot happen now; `key` is a message key of "staffServices", `field` the form field it belongs to. */
export class StaffServicesError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "StaffServicesError";
  }
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

// ───────────── The list ─────────────

async function customerIdsMatching(text: string): Promise<string[]> {
  const rows = await db.customer.findMany({
    where: { OR: [{ contractNumber: { equals: text, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }] },
    take: SEARCH_CUSTOMER_LIMIT,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Service name, label, domain or control-panel username (parts of them), the service id, or the customer's contract number or name. */
async function searchWhere(q: string): Promise<Prisma.ServiceWhereInput | null> {
  const text = q.trim();
  if (!text) return null;
  const customers = await customerIdsMatching(text);
  const contains = { contains: text, mode: "insensitive" } as const;
  return {
    OR: [
      { name: contains },
      { label: contains },
      { domain: contains },
      { username: contains },
      ...(isUuid(text) ? [{ id: text.toLowerCase() }] : []),
      ...(customers.length ? [{ customerId: { in: customers } }] : []),
    ],
  };
}

const PROVISIONING_WHERE: Record<Exclude<ProvisioningFilter, "any">, Prisma.ServiceWhereInput> = {
  inProgress: { provisioningState: { in: ["queued", "running", "retrying"] } },
  failed: { provisioningState: "failed" },
  queued: { provisioningState: "queued" },
  running: { provisioningState: "running" },
  retrying: { provisioningState: "retrying" },
  done: { provisioningState: "done" },
  none: { provisioningState: "none" },
};

async function listWhere(params: StaffServiceListParams): Promise<Prisma.ServiceWhereInput> {
  const and: Prisma.ServiceWhereInput[] = [];
  if (params.status !== "any") and.push({ status: params.status });
  if (params.kind !== "any") and.push({ kind: params.kind });
  if (params.product) and.push({ productId: params.product });
  if (params.server) and.push({ serverId: params.server });
  if (params.customer) and.push({ customerId: params.customer });
  if (params.provisioning !== "any") and.push(PROVISIONING_WHERE[params.provisioning]);
  const search = await searchWhere(params.q);
  if (search) and.push(search);
  return and.length ? { AND: and } : {};
}

const ORDER: Record<StaffServiceListParams["sort"], Prisma.ServiceOrderByWithRelationInput[]> = {
  newest: [{ createdAt: "desc" }, { id: "desc" }],
  oldest: [{ createdAt: "asc" }, { id: "asc" }],
  name: [{ name: "asc" }, { createdAt: "desc" }, { id: "asc" }],
  dueAsc: [{ nextDueDate: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }, { id: "asc" }],
  dueDesc: [{ nextDueDate: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "asc" }],
};

const listSelect = {
  id: true,
  name: true,
  label: true,
  kind: true,
  status: true,
  domain: true,
  username: true,
  nextDueDate: true,
  provisioningState: true,
  suspendReason: true,
  createdAt: true,
  customer: { select: { id: true, name: true, contractNumber: true } },
  product: { select: { id: true, name: true } },
  server: { select: { id: true, name: true } },
} satisfies Prisma.ServiceSelect;

export type StaffServiceRow = Prisma.ServiceGetPayload<{ select: typeof listSelect }>;

/** The products and servers the list can be filtered by. */
async function filterOptions() {
  const [products, servers] = await Promise.all([
    db.product.findMany({ orderBy: [{ kind: "asc" }, { position: "asc" }, { name: "asc" }], select: { id: true, name: true, kind: true } }),
    db.server.findMany({ orderBy: [{ name: "asc" }, { hostname: "asc" }], select: { id: true, name: true, hostname: true } }),
  ]);
  return { products, servers };
}

/** One page (25) of the filtered services, with the choices of the product and server filters. */
export async function listServicesForStaff(actor: Actor, params: StaffServiceListParams) {
  assertStaffServices(actor);
  const where = await listWhere(params);
  const [items, total, options, customer] = await Promise.all([
    db.service.findMany({ where, select: listSelect, orderBy: ORDER[params.sort], skip: (params.page - 1) * STAFF_SERVICES_PAGE_SIZE, take: STAFF_SERVICES_PAGE_SIZE }),
    db.service.count({ where }),
    filterOptions(),
    params.customer ? db.customer.findUnique({ where: { id: params.customer }, select: { id: true, name: true, contractNumber: true } }) : null,
  ]);
  return { items, total, page: params.page, pageSize: STAFF_SERVICES_PAGE_SIZE, options, customer };
}

// ───────────── One service ─────────────

type ServiceState = { status: ServiceStatus };

/**
 * Why `operation` cannot run on a service in this state (a message key), or null when it can.
 * The module enforces the same rules; asking first keeps a pointless job out of the queue.
 */
export function moduleActionRefusal(service: ServiceState, operation: StaffModuleOperation): string | null {
  if (service.status === "terminated") return "errors.terminated";
  switch (operation) {
    case "create":
      return service.status === "pending" ? null : "errors.createNotPending";
    case "suspend":
      return service.status === "active" ? null : service.status === "suspended" ? "errors.alreadySuspended" : "errors.suspendNeedsActive";
    case "unsuspend":
      return service.status === "suspended" ? null : "errors.notSuspended";
    case "terminate":
      return null;
    case "change_package":
      return service.status === "active" ? null : "errors.changeNeedsActive";
  }
}

const detailSelect = {
  id: true,
  name: true,
  label: true,
  kind: true,
  status: true,
  domain: true,
  username: true,
  billingCycle: true,
  recurringMinor: true,
  nextDueDate: true,
  suspendReason: true,
  suspendedAt: true,
  terminatedAt: true,
  cancelAt: true,
  provisioningState: true,
  provisioningError: true,
  createdAt: true,
  productId: true,
  customer: { select: { id: true, name: true, contractNumber: true, currency: true } },
  product: { select: { id: true, name: true, kind: true, packageName: true } },
  server: { select: { id: true, name: true, hostname: true, location: true, module: true } },
  provisioningJobs: {
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: JOB_HISTORY_LIMIT,
    select: { id: true, operation: true, status: true, attempts: true, maxAttempts: true, lastError: true, requestedByUserId: true, runAfter: true, createdAt: true, updatedAt: true, finishedAt: true },
  },
  cancellations: {
    where: { status: "requested" },
    orderBy: { createdAt: "desc" },
    select: { id: true, timing: true, reason: true, effectiveOn: true, createdAt: true, requestedByUserId: true },
  },
} satisfies Prisma.ServiceSelect;

export type StaffAuditEntry = { id: string; action: string; createdAt: Date; actorName: string | null; data: unknown };

/** Everything the staff service page shows; null when the id is malformed or unknown (404). */
export async function getServiceForStaff(actor: Actor, id: string) {
  assertStaffServices(actor);
  if (!isUuid(id)) return null;
  const service = await db.service.findUnique({ where: { id }, select: detailSelect });
  if (!service) return null;
  const [audit, packages] = await Promise.all([
    db.auditEvent.findMany({
      where: { targetType: "service", targetId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: AUDIT_LIMIT,
      select: { id: true, action: true, createdAt: true, actorUserId: true, data: true },
    }),
    // Packages a change can move to: active products of the same kind.
    db.product.findMany({
      where: { kind: service.kind, active: true, ...(service.productId ? { id: { not: service.productId } } : {}) },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  const userIds = [
    ...new Set([...service.provisioningJobs.map((j) => j.requestedByUserId), ...service.cancellations.map((c) => c.requestedByUserId), ...audit.map((a) => a.actorUserId)].filter((v): v is string => Boolean(v))),
  ];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const nameOf = (userId: string | null) => (userId ? (users.find((u) => u.id === userId)?.name ?? null) : null);

  const { provisioningJobs, cancellations, ...rest } = service;
  return {
    ...rest,
    staffSuspension: Boolean(service.suspendReason?.startsWith(STAFF_SUSPEND_PREFIX)),
    jobs: provisioningJobs.map(({ requestedByUserId, ...job }) => ({
      ...job,
      requestedBy: nameOf(requestedByUserId),
      canRetry: job.status === "failed",
      canMarkDone: job.status === "failed" || job.status === "queued" || job.status === "retrying",
    })),
    cancellations: cancellations.map(({ requestedByUserId, ...c }) => ({ ...c, requestedBy: nameOf(requestedByUserId) })),
    audit: audit.map((a) => ({ id: a.id.toString(), action: a.action, createdAt: a.createdAt, actorName: nameOf(a.actorUserId), data: a.data })) satisfies StaffAuditEntry[],
    packages,
    refusals: Object.fromEntries(
      (["create", "suspend", "unsuspend", "terminate", "change_package"] as const).map((op) => [op, moduleActionRefusal(service, op)]),
    ) as Record<StaffModuleOperation, string | null>,
  };
}
export type StaffServiceDetail = NonNullable<Awaited<ReturnType<typeof getServiceForStaff>>>;

// ───────────── Module actions ─────────────

/** The job's payload: what the runner passes to the module besides the service. */
function payloadFor(operation: StaffModuleOperation, input: { reason?: string; productId?: string }): Prisma.InputJsonValue | undefined {
  if (operation === "suspend") return { reason: `${STAFF_SUSPEND_PREFIX}${input.reason}` };
  if (operation === "change_package") return { productId: input.productId! };
  return undefined;
}

/**
 * Queues one module call for a service (create, suspend, unsuspend, terminate or change package),
 * after checking the service's state. A second request while a job for the same operation has not
 * ended returns that job (`created: false`) instead of queueing another; "create" is once per
 * service ever, so a service is never provisioned twice. Audited with the customer's id.
 */
export async function requestModuleAction(actor: Actor, input: ModuleActionInput, meta: RequestMeta = {}, opts: { now?: Date } = {}): Promise<{ jobId: string; created: boolean }> {
  assertStaffServices(actor);
  const data = moduleActionSchema.parse(input);
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    // The row lock makes two concurrent requests for one service take turns, so the second sees the first's job.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Service" WHERE id = ${data.serviceId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new StaffServicesError("errors.notFound");
    const service = await tx.service.findUniqueOrThrow({ where: { id: data.serviceId }, select: { id: true, customerId: true, kind: true, status: true, productId: true } });

    const open = await tx.provisioningJob.findFirst({
      where: { serviceId: service.id, operation: data.operation, status: { in: [...OPEN_JOB_STATUSES] } },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (open) return { jobId: open.id, created: false };

    const refusal = moduleActionRefusal(service, data.operation);
    if (refusal) throw new StaffServicesError(refusal);

    let productId: string | undefined;
    if (data.operation === "change_package") {
      const product = await tx.product.findUnique({ where: { id: data.productId! }, select: { id: true, kind: true } });
      if (!product) throw new StaffServicesError("errors.productRequired", "productId");
      if (product.kind !== service.kind) throw new StaffServicesError("errors.productKind", "productId");
      if (product.id === service.productId) throw new StaffServicesError("errors.productSame", "productId");
      productId = product.id;
    }

    const { jobId, created } = await enqueueProvisioningJob(tx, {
      serviceId: service.id,
      operation: data.operation,
      idempotencyKey: data.operation === "create" ? `create:${service.id}` : undefined,
      payload: payloadFor(data.operation, { reason: data.reason, productId }),
      requestedByUserId: actor.userId,
      now,
    });
    if (created) {
      await recordAuditEvent(
        {
          action: auditAction("services.module.requested"),
          actorUserId: actor.userId,
          customerId: service.customerId,
          targetType: "service",
          targetId: service.id,
          ip: meta.ip ?? null,
          userAgent: meta.userAgent ?? null,
          data: { operation: data.operation, jobId, ...(data.operation === "suspend" ? { reason: data.reason! } : {}), ...(productId ? { productId } : {}) },
        },
        tx,
      );
    }
    return { jobId, created };
  });
}
