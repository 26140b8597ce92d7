import "server-only";
import { randomUUID } from "node:crypto";
import { type CustomerActor, can, customerScope } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type ProvisionedService, type ProvisioningModule, ProvisioningError, moduleFor } from "@/lib/integrations/provisioning";
import { type DnsZoneLink, dnsZoneOf } from "./hosting";
import { enqueueProvisioningJob } from "./provisioning-queue";
import { serviceIdSchema } from "./schemas";
import { type ServiceTab, serviceTabs } from "./service-tabs";

// The customer's service page: the frame (name, status, tabs) and the overview with the control
// panel login, the show-once password and the password reset. Every read and change is scoped to
// the actor's customer; another customer's service is null, like a missing one.

export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** A refusal the page explains; `key` is a message key of "services". */
export class ServicePageError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = "ServicePageError";
  }
}

const frameSelect = { id: true, kind: true, name: true, label: true, status: true, username: true, terminatedAt: true } satisfies Prisma.ServiceSelect;

export type ServiceFrame = { id: string; name: string; label: string | null; status: Prisma.ServiceGetPayload<{ select: typeof frameSelect }>["status"]; tabs: ServiceTab[] };

/** The layout's data: the service and the tabs this user may open; null → 404. */
export async function getServiceFrame(actor: CustomerActor, serviceId: string): Promise<ServiceFrame | null> {
  const customerId = customerScope(actor, "services.view");
  if (!serviceIdSchema.safeParse(serviceId).success) return null;
  const row = await db.service.findFirst({ where: { id: serviceId, customerId }, select: frameSelect });
  if (!row) return null;
  const terminated = row.status === "terminated" || row.terminatedAt !== null;
  const tabs = serviceTabs({ id: row.id, kind: row.kind, hasPanelAccount: row.username !== null, terminated }, (p) => can(actor, p));
  return { id: row.id, name: row.name, label: row.label, status: row.status, tabs };
}

const overviewSelect = {
  id: true,
  kind: true,
  name: true,
  label: true,
  status: true,
  suspendReason: true,
  domain: true,
  username: true,
  billingCycle: true,
  recurringMinor: true,
  nextDueDate: true,
  cancelAt: true,
  provisioningState: true,
  provisioningError: true,
  initialPasswordEnc: true,
  terminatedAt: true,
  serverId: true,
  createdAt: true,
  customer: { select: { currency: true } },
  product: { select: { name: true } },
  server: { select: { name: true, hostname: true, location: true } },
  provisioningJobs: { where: { operation: "reset_password", status: { in: ["queued", "running", "retrying"] } }, select: { id: true }, take: 1 },
} satisfies Prisma.ServiceSelect;

export type ServiceOverview = {
  id: string;
  kind: Prisma.ServiceGetPayload<{ select: typeof overviewSelect }>["kind"];
  name: string;
  productName: string | null;
  status: Prisma.ServiceGetPayload<{ select: typeof overviewSelect }>["status"];
  suspendReason: string | null;
  provisioningState: Prisma.ServiceGetPayload<{ select: typeof overviewSelect }>["provisioningState"];
  provisioningError: string | null;
  billingCycle: Prisma.ServiceGetPayload<{ select: typeof overviewSelect }>["billingCycle"];
  price: { amountMinor: bigint; currency: string } | null;
  nextDueDate: Date | null;
  cancelAt: Date | null;
  createdAt: Date;
  server: { name: string; hostname: string; location: string | null } | null;
  /** The control panel's account (hosting with an account only). */
  login: { username: string; domain: string; controlPanelUrl: string; webmailUrl: string } | null;
  /** The user may log in to the panel, see the password once and reset it (services.manage). */
  canManage: boolean;
  /** The customer's domain of this service, for the link to its DNS zone (domains.view only). */
  dnsDomain: DnsZoneLink;
  /** The one-time password is waiting to be shown. */
  passwordWaiting: boolean;
  /** A password reset is queued or running. */
  resetPending: boolean;
};

/** The overview of one service; null → 404. The panel is asked for the login links only for a hosting account. */
export async function getServiceOverview(actor: CustomerActor, serviceId: string, opts: { module?: ProvisioningModule } = {}): Promise<ServiceOverview | null> {
  const customerId = customerScope(actor, "services.view");
  if (!serviceIdSchema.safeParse(serviceId).success) return null;
  const row = await db.service.findFirst({ where: { id: serviceId, customerId }, select: overviewSelect });
  if (!row) return null;
  const terminated = row.status === "terminated" || row.terminatedAt !== null;
  let login: ServiceOverview["login"] = null;
  if (row.kind === "hosting" && row.username && !terminated) {
    const target: ProvisionedService = { id: row.id, kind: row.kind, serverId: row.serverId };
    const info = await (opts.module ?? moduleFor(target)).accountInfo(target).catch((error: unknown) => {
      // A panel that is down must not take the page with it: the login box says so instead.
      if (error instanceof ProvisioningError) return null;
      throw error;
    });
    login = { username: row.username, domain: info?.domain ?? row.domain ?? "", controlPanelUrl: info?.controlPanelUrl ?? "", webmailUrl: info?.webmailUrl ?? "" };
  }
  const dnsDomain = await dnsZoneOf(actor, customerId, row.domain);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    productName: row.product?.name ?? null,
    status: row.status,
    suspendReason: row.suspendReason,
    provisioningState: row.provisioningState,
    provisioningError: row.provisioningError,
    billingCycle: row.billingCycle,
    price: row.recurringMinor === null ? null : { amountMinor: row.recurringMinor, currency: row.customer.currency },
    nextDueDate: row.nextDueDate,
    cancelAt: row.cancelAt,
    createdAt: row.createdAt,
    server: row.server,
    login,
    canManage: can(actor, "services.manage"),
    dnsDomain,
    passwordWaiting: row.initialPasswordEnc !== null && can(actor, "services.manage"),
    resetPending: row.provisioningJobs.length > 0,
  };
}

/** A hosting service of the actor's customer whose control-panel account can be worked on now. */
async function manageableHosting(tx: Prisma.TransactionClient, customerId: string, serviceId: string, lock: boolean) {
  if (!serviceIdSchema.safeParse(serviceId).success) throw new ServicePageError("errors.notFound");
  if (lock) await tx.$executeRaw`SELECT 1 FROM "Service" WHERE "id" = ${serviceId}::uuid AND "customerId" = ${customerId}::uuid FOR UPDATE`;
  const row = await tx.service.findFirst({ where: { id: serviceId, customerId }, select: { id: true, kind: true, status: true, username: true, serverId: true, terminatedAt: true } });
  if (!row) throw new ServicePageError("errors.notFound");
  if (row.kind !== "hosting" || !row.username || row.terminatedAt || row.status === "terminated") throw new ServicePageError("errors.noAccount");
  if (row.status !== "active") throw new ServicePageError("errors.notActive");
  return row;
}

/**
 * A one-time single-sign-on link into the control panel (services.manage, an active hosting
 * account of the actor's customer). Audited without the link: it is a credential for a minute.
 */
export async function issueControlPanelLogin(actor: CustomerActor, serviceId: string, meta: RequestMeta = {}, opts: { module?: ProvisioningModule } = {}): Promise<{ url: string; expiresAt: Date }> {
  const customerId = customerScope(actor, "services.manage");
  const row = await manageableHosting(db, customerId, serviceId, false);
  const target: ProvisionedService = { id: row.id, kind: row.kind, serverId: row.serverId };
  let link: { url: string; expiresAt: Date };
  try {
    link = await (opts.module ?? moduleFor(target)).ssoUrl(target);
  } catch (error) {
    if (error instanceof ProvisioningError) throw new ServicePageError(error.code === "suspended" ? "errors.notActive" : "errors.panelUnavailable");
    throw error;
  }
  await recordAuditEvent({
    action: "services.sso.issued",
    actorUserId: actor.userId,
    customerId,
    targetType: "service",
    targetId: row.id,
    data: { expiresAt: link.expiresAt.toISOString() },
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return link;
}

/**
 * Queues a new control-panel password (services.manage). The worker sets it through the module,
 * seals it for the show-once box and emails that it changed. One reset at a time per service: the
 * service row is locked while looking for an open one.
 */
export async function requestPasswordReset(actor: CustomerActor, serviceId: string, meta: RequestMeta = {}): Promise<{ jobId: string }> {
  const customerId = customerScope(actor, "services.manage");
  return db.$transaction(async (tx) => {
    const row = await manageableHosting(tx, customerId, serviceId, true);
    const open = await tx.provisioningJob.findFirst({ where: { serviceId: row.id, operation: "reset_password", status: { in: ["queued", "running", "retrying"] } }, select: { id: true } });
    if (open) throw new ServicePageError("errors.resetPending");
    const { jobId } = await enqueueProvisioningJob(tx, { serviceId: row.id, operation: "reset_password", idempotencyKey: `reset_password:${randomUUID()}`, requestedByUserId: actor.userId });
    await recordAuditEvent(
      { action: "services.password.reset_requested", actorUserId: actor.userId, customerId, targetType: "service", targetId: row.id, data: { jobId }, ip: meta.ip, userAgent: meta.userAgent },
      tx,
    );
    return { jobId };
  });
}
