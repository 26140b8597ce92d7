import "server-only";
import { type Actor, can, customerScope } from "@/lib/auth/actor-types";
import { type AuditAction, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type HostingPanel, type ProvisionedService, type ProvisioningErrorCode, type ProvisioningModule, ProvisioningError, moduleFor } from "@/lib/integrations/provisioning";

// The shared core of the hosting tools (lib/services/hosting.ts, hosting-mail.ts): which service
// an actor may work on, reading through the module, and a change with its refusals explained and
// its audit row. Passwords pass through to the module only: never stored, logged or audited here.

export type RequestMeta = { ip?: string | null; userAgent?: string | null };
/** `module`: tests hand in a module with a scripted outage; pages and actions use the service's own. */
export type HostingOptions = RequestMeta & { module?: ProvisioningModule };

/** A change the panel (or Portico) refused; `key` is a message key of "hosting", `field` the form field it belongs to. */
export class HostingError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "HostingError";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const quotaSelect = { diskQuotaMb: true, maxFtpAccounts: true, maxDatabases: true, maxMailboxes: true, maxSubdomains: true } as const;

const hostingServiceSelect = {
  id: true,
  kind: true,
  name: true,
  label: true,
  domain: true,
  username: true,
  status: true,
  serverId: true,
  customerId: true,
  panelAccount: { select: { suspended: true, ...quotaSelect } },
  product: { select: quotaSelect },
} satisfies Prisma.ServiceSelect;
type HostingRow = Prisma.ServiceGetPayload<{ select: typeof hostingServiceSelect }>;

/** What the hosting pages show about the service itself. Limits: null is unlimited. */
export type HostingService = {
  id: string;
  name: string;
  label: string | null;
  domain: string | null;
  username: string;
  suspended: boolean;
  /** The actor may change things (services.manage) and the account accepts changes (not suspended). */
  canManage: boolean;
  limits: { diskMb: number | null; ftpAccounts: number | null; databases: number | null; mailboxes: number | null; subdomains: number | null };
};

export type HostingTarget = { row: HostingRow; service: HostingService; target: ProvisionedService; panel: HostingPanel; customerId: string };

/**
 * The customer's hosting service with a control-panel account (the module set its username) that
 * is not terminated; null for anything else: another customer's, another kind, a malformed id.
 */
async function findHostingService(customerId: string, serviceId: string): Promise<HostingRow | null> {
  if (!UUID.test(serviceId)) return null;
  return db.service.findFirst({
    where: { id: serviceId, customerId, kind: "hosting", username: { not: null }, status: { not: "terminated" }, terminatedAt: null },
    select: hostingServiceSelect,
  });
}

function panelOf(target: ProvisionedService, module?: ProvisioningModule): HostingPanel {
  const panelModule = module ?? moduleFor(target);
  if (!panelModule.hosting) throw new ProvisioningError("unavailable", `the ${panelModule.name} module has no hosting resources`, false);
  return panelModule.hosting;
}

function toHostingService(actor: Actor, row: HostingRow): HostingService {
  // The panel account's quotas are the ones enforced; a module without local state falls back to the product's.
  const quotas = row.panelAccount ?? row.product;
  const suspended = row.status === "suspended" || Boolean(row.panelAccount?.suspended);
  return {
    id: row.id,
    name: row.name,
    label: row.label,
    domain: row.domain,
    username: row.username ?? "",
    suspended,
    canManage: can(actor, "services.manage") && !suspended,
    limits: {
      diskMb: quotas?.diskQuotaMb ?? null,
      ftpAccounts: quotas?.maxFtpAccounts ?? null,
      databases: quotas?.maxDatabases ?? null,
      mailboxes: quotas?.maxMailboxes ?? null,
      subdomains: quotas?.maxSubdomains ?? null,
    },
  };
}

async function hostingTarget(actor: Actor, serviceId: string, permission: "services.view" | "services.manage", module?: ProvisioningModule): Promise<HostingTarget | null> {
  const customerId = customerScope(actor, permission);
  const row = await findHostingService(customerId, serviceId);
  if (!row) return null;
  const target: ProvisionedService = { id: row.id, kind: row.kind, serverId: row.serverId };
  return { row, service: toHostingService(actor, row), target, panel: panelOf(target, module), customerId };
}

/** A page's data: the service, and what the panel answered (null with `errorKey` while it cannot answer). */
export type HostingView<T> = { service: HostingService; data: T; errorKey: null } | { service: HostingService; data: null; errorKey: string };

/**
 * A read (services.view): null when the service is not the actor's hosting service or the panel has
 * no account for it (404); a panel that is down gives the page a message instead of a list.
 */
export async function readHosting<T>(actor: Actor, serviceId: string, read: (t: HostingTarget) => Promise<T>, opts: { module?: ProvisioningModule } = {}): Promise<HostingView<T> | null> {
  const t = await hostingTarget(actor, serviceId, "services.view", opts.module);
  if (!t) return null;
  try {
    return { service: t.service, data: await read(t), errorKey: null };
  } catch (error) {
    if (!(error instanceof ProvisioningError)) throw error;
    if (error.code === "not_found" || error.code === "terminated") return null;
    return { service: t.service, data: null, errorKey: error.code === "unavailable" ? "errors.unavailable" : "errors.panelRefused" };
  }
}

/** The operations whose refusals are explained (and named in the audit log). */
export type HostingOperation =
  | "backup.create"
  | "backup.restore"
  | "backup.download"
  | "ftp.create"
  | "ftp.password"
  | "ftp.delete"
  | "database.create"
  | "database.password"
  | "database.delete"
  | "mailbox.create"
  | "mailbox.password"
  | "mailbox.quota"
  | "mailbox.autoReply"
  | "mailbox.delete"
  | "alias.create"
  | "alias.delete"
  | "subdomain.create"
  | "subdomain.delete";

type Explanation = readonly [key: string, field?: string];

const GENERAL: Record<ProvisioningErrorCode, Explanation> = {
  not_found: ["errors.resourceGone"],
  terminated: ["errors.terminated"],
  invalid_state: ["errors.invalidState"],
  unavailable: ["errors.unavailable"],
  suspended: ["errors.suspended"],
  quota_exceeded: ["errors.quotaExceeded"],
  name_taken: ["errors.nameTaken"],
  invalid_input: ["errors.invalidInput"],
};

const SPECIFIC: Partial<Record<HostingOperation, Partial<Record<ProvisioningErrorCode, Explanation>>>> = {
  "backup.create": { invalid_state: ["errors.backupBusy"] },
  "backup.restore": { invalid_state: ["errors.backupNotReady"] },
  "backup.download": { invalid_state: ["errors.backupNotReady"] },
  "ftp.create": { quota_exceeded: ["errors.ftpLimit"], name_taken: ["errors.ftpTaken", "name"] },
  "database.create": { quota_exceeded: ["errors.diskFull"], name_taken: ["errors.databaseTaken", "name"] },
  "mailbox.create": { quota_exceeded: ["errors.diskFull"], name_taken: ["errors.addressTaken", "localPart"] },
  "mailbox.quota": { quota_exceeded: ["errors.mailboxQuota", "quotaMb"] },
  "alias.create": { name_taken: ["errors.addressTaken", "localPart"] },
  "subdomain.create": { quota_exceeded: ["errors.subdomainLimit"], name_taken: ["errors.subdomainTaken", "label"] },
};

/** The panel's refusal in the user's words: a message key, on a field when it is about one. */
export function explainRefusal(error: ProvisioningError, operation: HostingOperation): HostingError {
  const [key, field] = SPECIFIC[operation]?.[error.code] ?? GENERAL[error.code];
  return new HostingError(key, field);
}

const AUDIT_ACTIONS: Record<HostingOperation, AuditAction> = {
  "backup.create": "services.backup.created",
  "backup.restore": "services.backup.restored",
  "backup.download": "services.backup.download_link_issued",
  "ftp.create": "services.ftp.created",
  "ftp.password": "services.ftp.password_changed",
  "ftp.delete": "services.ftp.deleted",
  "database.create": "services.database.created",
  "database.password": "services.database.password_changed",
  "database.delete": "services.database.deleted",
  "mailbox.create": "services.mailbox.created",
  "mailbox.password": "services.mailbox.password_changed",
  "mailbox.quota": "services.mailbox.quota_changed",
  "mailbox.autoReply": "services.mailbox.auto_reply_changed",
  "mailbox.delete": "services.mailbox.deleted",
  "alias.create": "services.alias.created",
  "alias.delete": "services.alias.deleted",
  "subdomain.create": "services.subdomain.created",
  "subdomain.delete": "services.subdomain.deleted",
};

/** What a change tells the audit log: the resource it touched, never a password. */
export type AuditFacts = { resourceId?: string; data: Record<string, string | number | boolean | null> };

/**
 * A change (services.manage): the actor's hosting service or HostingError "errors.notFound"; a
 * suspended service is refused before the panel is asked (the panel refuses it too); the panel's
 * refusals become HostingError; the audit row follows the panel's success.
 */
export async function changeHosting<T>(
  actor: Actor,
  serviceId: string,
  operation: HostingOperation,
  run: (t: HostingTarget) => Promise<{ result: T; audit: AuditFacts }>,
  opts: HostingOptions = {},
): Promise<T> {
  const t = await hostingTarget(actor, serviceId, "services.manage", opts.module);
  if (!t) throw new HostingError("errors.notFound");
  if (t.service.suspended) throw new HostingError("errors.suspended");
  let outcome: { result: T; audit: AuditFacts };
  try {
    outcome = await run(t);
  } catch (error) {
    if (error instanceof ProvisioningError) throw explainRefusal(error, operation);
    throw error;
  }
  await recordAuditEvent({
    action: AUDIT_ACTIONS[operation],
    actorUserId: actor.userId,
    customerId: t.customerId,
    targetType: "service",
    targetId: t.row.id,
    ip: opts.ip ?? null,
    userAgent: opts.userAgent ?? null,
    data: { serviceId: t.row.id, ...(outcome.audit.resourceId ? { resourceId: outcome.audit.resourceId } : {}), ...outcome.audit.data },
  });
  return outcome.result;
}

/** Refuses a create once the package's limit is reached (the panel checks again under its lock). */
export function assertBelowLimit(count: number, limit: number | null, key: string): void {
  if (limit !== null && count >= limit) throw new HostingError(key);
}
