import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type Actor, type CustomerActor, type StaffActor, assertCan, customerScope } from "@/lib/auth/actor-types";
import type { IsoDate } from "@/lib/billing/cycles";
import { getEnv } from "@/lib/env";
import { formatCalendarDate } from "@/lib/format/dates";
import type { CancellationStatus, CancellationTiming, Prisma } from "@/lib/generated/prisma/client";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { queueEmail } from "@/lib/notifications/queue-email";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import { type CancellationListParams, cancellationIdSchema, processCancellationSchema, requestCancellationSchema } from "./cancellation-schemas";
import { enqueueProvisioningJob } from "./provisioning-queue";
import { type RequestMeta, serviceAuditAction, todayOf } from "./upgrade";

type Tx = Prisma.TransactionClient;

const TX_OPTIONS = { timeout: 15_000, maxWait: 10_000 } as const;
export const CANCELLATIONS_PAGE_SIZE = 25;
/** Services in these states can be cancelled; a pending order is cancelled through its invoice. */
const CANCELLABLE = ["active", "suspended"] as const;

/** A cancellation cannot happen (already requested, processed…); `key` is a message key of "serviceChanges". */
export class CancellationError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = "CancellationError";
  }
}

const dateOnly = (iso: IsoDate) => new Date(`${iso}T00:00:00.000Z`);
const isoOf = (date: Date): IsoDate => date.toISOString().slice(0, 10);

/** Locks the service (every cancellation change of a service takes this lock first), scoped to the customer when given. */
async function lockService(tx: Tx, serviceId: string, customerId?: string): Promise<boolean> {
  const rows = customerId
    ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Service" WHERE "id" = ${serviceId}::uuid AND "customerId" = ${customerId}::uuid FOR UPDATE`
    : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Service" WHERE "id" = ${serviceId}::uuid FOR UPDATE`;
  return rows.length === 1;
}

export type CancellationView = {
  id: string;
  timing: CancellationTiming;
  reason: string;
  status: CancellationStatus;
  effectiveOn: Date;
  createdAt: Date;
  processedAt: Date | null;
  staffNote: string | null;
};

const requestViewSelect = { id: true, timing: true, reason: true, status: true, effectiveOn: true, createdAt: true, processedAt: true, staffNote: true } satisfies Prisma.CancellationRequestSelect;

export type CancellationState = {
  service: { id: string; name: string; label: string | null; status: string; nextDueDate: Date | null; cancelAt: Date | null };
  /** The first day without service for each timing (null: that timing is not available). */
  effectiveOn: Record<CancellationTiming, Date | null>;
  /** A request waiting for staff (the customer may withdraw it). */
  open: CancellationView | null;
  /** An approved request whose date has not come yet, or that is being carried out. */
  approved: CancellationView | null;
  /** Whether a new request can be made now. */
  canRequest: boolean;
};

/** What the cancel page shows. Null when the id is malformed or the service is another customer's. */
export async function getCancellationState(actor: Actor, serviceId: string, opts: { now?: Date } = {}): Promise<CancellationState | null> {
  const customerId = customerScope(actor, "services.manage");
  if (!requestCancellationSchema.shape.serviceId.safeParse(serviceId).success) return null;
  const service = await db.service.findFirst({
    where: { id: serviceId, customerId },
    select: {
      id: true,
      name: true,
      label: true,
      status: true,
      nextDueDate: true,
      cancelAt: true,
      cancellations: { where: { status: { in: ["requested", "processed"] } }, orderBy: { createdAt: "desc" }, take: 2, select: requestViewSelect },
    },
  });
  if (!service) return null;
  const today = dateOnly(todayOf(actor, opts.now));
  const open = service.cancellations.find((c) => c.status === "requested") ?? null;
  const approved = service.cancellations.find((c) => c.status === "processed") ?? null;
  const { cancellations: _omit, ...rest } = service;
  return {
    service: rest,
    effectiveOn: { immediate: today, end_of_period: endOfPeriodDate(service.nextDueDate, today) },
    open,
    approved,
    canRequest: !open && !approved && service.cancelAt === null && (CANCELLABLE as readonly string[]).includes(service.status),
  };
}

/** The first day after the paid period: the next due date, when it lies after today. */
function endOfPeriodDate(nextDueDate: Date | null, today: Date): Date | null {
  return nextDueDate && nextDueDate > today ? nextDueDate : null;
}

/**
 * The customer asks to cancel a service, now or when its paid period ends. Service.cancelAt is set at
 * once, so renewal billing stops for the periods from that day (lib/billing/billing-run.ts); staff
 * then approve or reject. One open request per service: the service row is locked while checking.
 */
export async function requestCancellation(
  actor: CustomerActor,
  input: { serviceId: string; timing: CancellationTiming; reason: string },
  opts: { now?: Date } & RequestMeta = {},
): Promise<{ requestId: string; effectiveOn: Date }> {
  const customerId = customerScope(actor, "services.manage");
  const parsed = requestCancellationSchema.safeParse(input);
  if (!parsed.success) throw new CancellationError(parsed.error.issues[0]?.message ?? "cancel.errors.notFound");
  const { serviceId, timing, reason } = parsed.data;
  const now = opts.now ?? new Date();
  const today = dateOnly(todayOf(actor, now));

  return db.$transaction(async (tx) => {
    if (!(await lockService(tx, serviceId, customerId))) throw new CancellationError("cancel.errors.notFound");
    const service = await tx.service.findUniqueOrThrow({ where: { id: serviceId }, select: { name: true, label: true, status: true, nextDueDate: true, cancelAt: true } });
    if (!(CANCELLABLE as readonly string[]).includes(service.status)) throw new CancellationError("cancel.errors.notCancellable");
    const existing = await tx.cancellationRequest.findFirst({ where: { serviceId, status: { in: ["requested", "processed"] } }, select: { id: true } });
    if (existing || service.cancelAt) throw new CancellationError("cancel.errors.alreadyRequested");
    const effectiveOn = timing === "immediate" ? today : endOfPeriodDate(service.nextDueDate, today);
    if (!effectiveOn) throw new CancellationError("cancel.errors.noPaidPeriod");

    const request = await tx.cancellationRequest.create({
      data: { serviceId, customerId, requestedByUserId: actor.userId, timing, reason, effectiveOn },
      select: { id: true },
    });
    await tx.service.update({ where: { id: serviceId }, data: { cancelAt: effectiveOn } });
    await recordAuditEvent(
      {
        action: serviceAuditAction("services.cancellation.requested"),
        actorUserId: actor.userId,
        customerId,
        targetType: "service",
        targetId: serviceId,
        ip: opts.ip ?? null,
        userAgent: opts.userAgent ?? null,
        data: { requestId: request.id, serviceName: service.name, timing, effectiveOn: isoOf(effectiveOn) },
      },
      tx,
    );
    await queueCancellationEmails(tx, { event: "requested", requestId: request.id, customerId, requesterId: actor.userId, service, timing, effectiveOn, note: null });
    return { requestId: request.id, effectiveOn };
  }, TX_OPTIONS);
}

/** The customer takes back a request staff have not processed yet; renewals resume. */
export async function withdrawCancellation(actor: CustomerActor, requestId: string, opts: { now?: Date } & RequestMeta = {}): Promise<void> {
  const customerId = customerScope(actor, "services.manage");
  if (!cancellationIdSchema.shape.requestId.safeParse(requestId).success) throw new CancellationError("cancel.errors.notFound");
  await db.$transaction(async (tx) => {
    const found = await tx.cancellationRequest.findFirst({ where: { id: requestId, customerId }, select: { serviceId: true } });
    if (!found || !(await lockService(tx, found.serviceId, customerId))) throw new CancellationError("cancel.errors.notFound");
    const request = await tx.cancellationRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, timing: true, service: { select: { name: true } } } });
    if (request.status !== "requested") throw new CancellationError("cancel.errors.notOpen");
    await tx.cancellationRequest.update({ where: { id: requestId }, data: { status: "withdrawn" } });
    await tx.service.update({ where: { id: found.serviceId }, data: { cancelAt: null } });
    await recordAuditEvent(
      {
        action: serviceAuditAction("services.cancellation.withdrawn"),
        actorUserId: actor.userId,
        customerId,
        targetType: "service",
        targetId: found.serviceId,
        ip: opts.ip ?? null,
        userAgent: opts.userAgent ?? null,
        data: { requestId, serviceName: request.service.name, timing: request.timing },
      },
      tx,
    );
  }, TX_OPTIONS);
}

// ───────────── Staff ─────────────

export type StaffCancellationItem = CancellationView & {
  service: { id: string; name: string; label: string | null; status: string };
  customer: { id: string; name: string; contractNumber: string };
  requestedBy: { name: string; email: string } | null;
};

/** Cancellation requests for staff (`staff.services`), newest first, by status. */
export async function listCancellationRequests(actor: StaffActor, params: CancellationListParams): Promise<{ items: StaffCancellationItem[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, "staff.services");
  const where = params.status === "any" ? {} : { status: params.status };
  const [rows, total] = await Promise.all([
    db.cancellationRequest.findMany({
      where,
      orderBy: [{ createdAt: params.status === "requested" ? "asc" : "desc" }, { id: "asc" }],
      skip: (params.page - 1) * CANCELLATIONS_PAGE_SIZE,
      take: CANCELLATIONS_PAGE_SIZE,
      select: {
        ...requestViewSelect,
        requestedByUserId: true,
        service: { select: { id: true, name: true, label: true, status: true, customer: { select: { id: true, name: true, contractNumber: true } } } },
      },
    }),
    db.cancellationRequest.count({ where }),
  ]);
  const userIds = [...new Set(rows.map((r) => r.requestedByUserId).filter((id): id is string => id !== null))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [];
  const byId = new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
  const items = rows.map(({ requestedByUserId, service: { customer, ...service }, ...r }) => ({
    ...r,
    service,
    customer,
    requestedBy: requestedByUserId ? (byId.get(requestedByUserId) ?? null) : null,
  }));
  return { items, total, page: params.page, pageSize: CANCELLATIONS_PAGE_SIZE };
}

/**
 * Staff approve or reject a request. Approving an immediate cancellation queues the module's
 * terminate now; an end-of-period one is terminated by runDueCancellations on its date. Rejecting
 * clears Service.cancelAt, so renewals resume. The requester and the owners are told either way.
 */
export async function processCancellation(
  actor: StaffActor,
  input: { requestId: string; decision: "approve" | "reject"; note: string },
  opts: { now?: Date } & RequestMeta = {},
): Promise<{ status: CancellationStatus; jobQueued: boolean }> {
  assertCan(actor, "staff.services");
  const parsed = processCancellationSchema.safeParse(input);
  if (!parsed.success) throw new CancellationError(parsed.error.issues[0]?.message ?? "staff.errors.notFound");
  const { requestId, decision, note } = parsed.data;
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const found = await tx.cancellationRequest.findUnique({ where: { id: requestId }, select: { serviceId: true } });
    if (!found || !(await lockService(tx, found.serviceId))) throw new CancellationError("staff.errors.notFound");
    const request = await tx.cancellationRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { status: true, timing: true, effectiveOn: true, customerId: true, requestedByUserId: true, service: { select: { name: true, label: true, status: true } } },
    });
    if (request.status !== "requested") throw new CancellationError("staff.errors.alreadyProcessed");
    const status: CancellationStatus = decision === "approve" ? "processed" : "rejected";
    await tx.cancellationRequest.update({ where: { id: requestId }, data: { status, processedAt: now, processedByUserId: actor.userId, staffNote: note || null } });
    let jobQueued = false;
    if (decision === "reject") {
      await tx.service.update({ where: { id: found.serviceId }, data: { cancelAt: null } });
    } else if (request.timing === "immediate") {
      const job = await enqueueProvisioningJob(tx, { serviceId: found.serviceId, operation: "terminate", idempotencyKey: `cancel:${requestId}`, requestedByUserId: actor.userId, now });
      jobQueued = job.created;
    }
    await recordAuditEvent(
      {
        action: serviceAuditAction(decision === "approve" ? "services.cancellation.approved" : "services.cancellation.rejected"),
        actorUserId: actor.userId,
        customerId: request.customerId,
        targetType: "service",
        targetId: found.serviceId,
        ip: opts.ip ?? null,
        userAgent: opts.userAgent ?? null,
        data: { requestId, serviceName: request.service.name, timing: request.timing, effectiveOn: isoOf(request.effectiveOn), note: note || null, terminateQueued: jobQueued },
      },
      tx,
    );
    await queueCancellationEmails(tx, {
      event: decision === "approve" ? "approved" : "rejected",
      requestId,
      customerId: request.customerId,
      requesterId: request.requestedByUserId,
      service: request.service,
      timing: request.timing,
      effectiveOn: request.effectiveOn,
      note: note || null,
    });
    return { status, jobQueued };
  }, TX_OPTIONS);
}

// ───────────── Job ─────────────

/**
 * Queues the module's terminate for approved end-of-period cancellations whose first day without
 * service has come (UTC date of `now`). The idempotency key "cancel:<requestId>" (and the NOT EXISTS
 * on it) makes a second run, or two workers at once, queue nothing more. For the job schedule.
 */
export async function runDueCancellations(now: Date = new Date()): Promise<{ queued: number }> {
  const today = isoOf(now);
  const due = await db.$queryRaw<{ id: string; serviceId: string; customerId: string }[]>`
    SELECT r."id", r."serviceId", r."customerId" FROM "CancellationRequest" r
    JOIN "Service" s ON s."id" = r."serviceId"
    WHERE r."status" = 'processed' AND r."timing" = 'end_of_period' AND r."effectiveOn" <= ${today}::date
      AND s."status" <> 'terminated'
      AND NOT EXISTS (SELECT 1 FROM "ProvisioningJob" j WHERE j."idempotencyKey" = 'cancel:' || r."id"::text)
    ORDER BY r."effectiveOn", r."id"
    LIMIT 500`;
  let queued = 0;
  for (const request of due) {
    const created = await db.$transaction(async (tx) => {
      const job = await enqueueProvisioningJob(tx, { serviceId: request.serviceId, operation: "terminate", idempotencyKey: `cancel:${request.id}`, now });
      if (job.created) {
        await recordAuditEvent(
          { action: serviceAuditAction("services.cancellation.terminate_queued"), customerId: request.customerId, targetType: "service", targetId: request.serviceId, data: { requestId: request.id, jobId: job.jobId } },
          tx,
        );
      }
      return job.created;
    }, TX_OPTIONS);
    if (created) queued++;
  }
  return { queued };
}

// ───────────── Emails ─────────────

type CancellationEmailEvent = "requested" | "approved" | "rejected";

export function renderCancellationEmail(input: {
  locale: string;
  recipientName: string;
  event: CancellationEmailEvent;
  service: { name: string; label: string | null };
  timing: CancellationTiming;
  effectiveOn: Date;
  note: string | null;
  url: string;
}) {
  const { locale, t } = emailTranslator(input.locale);
  const service = input.service.label ? `${input.service.name} (${input.service.label})` : input.service.name;
  const lastDay = new Date(input.effectiveOn.getTime() - 86_400_000);
  const values = { service, timing: input.timing, lastDay: formatCalendarDate(lastDay, locale, "long"), effectiveOn: formatCalendarDate(input.effectiveOn, locale, "long") };
  const blocks = [
    t("layout.greeting", { name: input.recipientName }),
    t(`serviceCancellation.${input.event}.body`, values),
    ...(input.note ? [t("serviceCancellation.note", { note: input.note })] : []),
    t("serviceCancellation.link", { url: input.url }),
    t("layout.signature"),
  ];
  return { subject: t(`serviceCancellation.${input.event}.subject`, values), text: blocks.join("\n\n"), html: renderEmailHtml({ locale, blocks, links: [input.url] }) };
}

/**
 * The requester and the customer's owners hear about their cancellation (the confirmation, then the
 * decision), in their language, queued in the transaction of the change. Not filtered by the
 * "services" preference: it confirms something they asked for.
 */
async function queueCancellationEmails(
  tx: Tx,
  input: {
    event: CancellationEmailEvent;
    requestId: string;
    customerId: string;
    requesterId: string | null;
    service: { name: string; label: string | null };
    timing: CancellationTiming;
    effectiveOn: Date;
    note: string | null;
  },
): Promise<void> {
  const members = await tx.membership.findMany({
    where: { customerId: input.customerId, user: { disabledAt: null }, OR: [{ isOwner: true }, ...(input.requesterId ? [{ userId: input.requesterId }] : [])] },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  const serviceId = (await tx.cancellationRequest.findUniqueOrThrow({ where: { id: input.requestId }, select: { serviceId: true } })).serviceId;
  const url = `${getEnv().APP_URL.replace(/\/+$/, "")}/services/${serviceId}/cancel`;
  for (const { user } of members) {
    const email = renderCancellationEmail({ locale: user.locale, recipientName: user.name, event: input.event, service: input.service, timing: input.timing, effectiveOn: input.effectiveOn, note: input.note, url });
    await queueEmail(tx, { to: user.email, ...email, category: "services", customerId: input.customerId, userId: user.id, dedupeKey: `cancellation:${input.requestId}:${input.event}:${user.id}` });
  }
}
