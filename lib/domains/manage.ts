import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyPassword } from "@/lib/auth/password";
import { consumeTotpCode } from "@/lib/auth/totp";
import { db } from "@/lib/db";
import { nameserverProblems } from "@/lib/dns/records";
import type { Prisma } from "@/lib/generated/prisma/client";
import { RegistrarError, type RegistrarModule, registrarByKey } from "@/lib/integrations/registrar";
import { enqueueRegistrarJob } from "./registrar-jobs";

// A customer's changes to a domain (issue 6, domains.manage): auto-renew, the registrar lock and
// the nameservers (queued as registrar jobs, shown as pending until the registry has them), and
// the EPP code, revealed only after the user confirms their password or a 2FA code in the same
// request, and audited without the code.

export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** A change that cannot happen; `key` is a message key of "domainManage". */
export class DomainChangeError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "DomainChangeError";
  }
}

const domainId = z.guid({ message: "errors.notFound" });
export const autoRenewSchema = z.object({ domainId, autoRenew: z.boolean() });
export const lockSchema = z.object({ domainId, locked: z.boolean() });
export const nameserversSchema = z.object({
  domainId,
  nameservers: z
    .array(z.object({ host: z.string().trim().toLowerCase().max(253), addresses: z.array(z.string().trim()).max(4).default([]) }))
    .max(13, { message: "errors.nsTooMany" }),
});
export const revealEppSchema = z.object({ domainId, password: z.string().max(1024).default(""), code: z.string().trim().max(12).default("") });

const OPEN = ["queued", "running", "retrying"] as const;

async function activeDomain(tx: Prisma.TransactionClient, customerId: string, id: string) {
  if (!domainId.safeParse(id).success) throw new DomainChangeError("errors.notFound");
  const domain = await tx.domain.findFirst({ where: { id, customerId }, select: { id: true, name: true, status: true, registrar: true, locked: true, autoRenew: true } });
  if (!domain) throw new DomainChangeError("errors.notFound");
  if (domain.status !== "active") throw new DomainChangeError("errors.notActive");
  return domain;
}

const audit = (tx: Prisma.TransactionClient, actor: CustomerActor, domain: { id: string; name: string }, action: string, data: Record<string, unknown>, meta: RequestMeta) =>
  recordAuditEvent({ action: `domains.${action}`, actorUserId: actor.userId, customerId: actor.customerId, targetType: "domain", targetId: domain.id, data: { name: domain.name, ...data }, ip: meta.ip, userAgent: meta.userAgent }, tx);

/** Auto-renew is Portico's own setting (the renewal invoice job reads it): no registry call. */
export async function setAutoRenew(actor: CustomerActor, input: unknown, meta: RequestMeta = {}): Promise<void> {
  const customerId = customerScope(actor, "domains.manage");
  const { domainId: id, autoRenew } = autoRenewSchema.parse(input);
  await db.$transaction(async (tx) => {
    const domain = await activeDomain(tx, customerId, id);
    if (domain.autoRenew === autoRenew) return;
    await tx.domain.update({ where: { id: domain.id }, data: { autoRenew } });
    await audit(tx, actor, domain, autoRenew ? "auto_renew.enabled" : "auto_renew.disabled", {}, meta);
  });
}

/** Queues a lock or unlock at the registry; one change of a kind at a time. */
export async function requestLockChange(actor: CustomerActor, input: unknown, meta: RequestMeta = {}): Promise<{ jobId: string }> {
  const customerId = customerScope(actor, "domains.manage");
  const { domainId: id, locked } = lockSchema.parse(input);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Domain" WHERE "id" = ${id}::uuid AND "customerId" = ${customerId}::uuid FOR UPDATE`;
    const domain = await activeDomain(tx, customerId, id);
    if (await tx.registrarJob.findFirst({ where: { domainId: domain.id, operation: { in: ["lock", "unlock"] }, status: { in: [...OPEN] } }, select: { id: true } })) throw new DomainChangeError("errors.changePending");
    if (domain.locked === locked) throw new DomainChangeError(locked ? "errors.alreadyLocked" : "errors.alreadyUnlocked");
    const { jobId } = await enqueueRegistrarJob(tx, { domainId: domain.id, operation: locked ? "lock" : "unlock", idempotencyKey: `lock:${randomUUID()}`, requestedByUserId: actor.userId });
    await audit(tx, actor, domain, locked ? "lock.requested" : "unlock.requested", { jobId }, meta);
    return { jobId };
  });
}

/** Queues new nameservers (2–13, glue only under the domain); the form's problems come back by field. */
export async function requestNameserverChange(actor: CustomerActor, input: unknown, meta: RequestMeta = {}): Promise<{ jobId: string }> {
  const customerId = customerScope(actor, "domains.manage");
  const parsed = nameserversSchema.safeParse(input);
  if (!parsed.success) throw new DomainChangeError(parsed.error.issues[0]?.message ?? "errors.invalid");
  const nameservers = parsed.data.nameservers.filter((ns) => ns.host !== "").map((ns) => ({ host: ns.host.replace(/\.$/, ""), addresses: ns.addresses.filter(Boolean) }));
  return db.$transaction(async (tx) => {
    const domain = await activeDomain(tx, customerId, parsed.data.domainId);
    const [problem] = nameserverProblems(domain.name, nameservers);
    if (problem) {
      const [key, index] = problem.split(":");
      throw new DomainChangeError(key, index === undefined ? "nameservers" : `nameservers.${index}`);
    }
    const payload = nameservers.map((ns) => (ns.addresses.length ? ns : { host: ns.host }));
    const { jobId } = await enqueueRegistrarJob(tx, { domainId: domain.id, operation: "set_nameservers", payload: { nameservers: payload }, idempotencyKey: `ns:${randomUUID()}`, requestedByUserId: actor.userId });
    await audit(tx, actor, domain, "nameservers.requested", { jobId, nameservers: payload.map((ns) => ns.host) }, meta);
    return { jobId };
  });
}

/**
 * The EPP (auth) code for moving the domain to another registrar. The user confirms with their
 * password, or a current 2FA code when 2FA is on; a wrong answer is audited too. The code itself
 * is never stored or logged by Portico.
 */
export async function revealEppCode(actor: CustomerActor, input: unknown, meta: RequestMeta = {}, opts: { registrar?: (key: string) => RegistrarModule } = {}): Promise<{ code: string }> {
  const customerId = customerScope(actor, "domains.manage");
  const { domainId: id, password, code } = revealEppSchema.parse(input);
  const domain = await activeDomain(db, customerId, id);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true, totpEnabledAt: true } });
  const confirmed = code && user.totpEnabledAt ? await consumeTotpCode(actor.userId, code) : password ? await verifyPassword(user.passwordHash, password) : false;
  if (!confirmed) {
    await audit(db, actor, domain, "epp_code.refused", {}, meta);
    throw new DomainChangeError(code ? "errors.wrongCode" : "errors.wrongPassword", code ? "code" : "password");
  }
  try {
    const authCode = await (opts.registrar ?? registrarByKey)(domain.registrar).getAuthCode(domain.name);
    await audit(db, actor, domain, "epp_code.revealed", {}, meta);
    return { code: authCode };
  } catch (error) {
    if (error instanceof RegistrarError) throw new DomainChangeError(error.retryable ? "errors.registryUnavailable" : "errors.registryRefused");
    throw error;
  }
}

export type DomainControls = { autoRenew: boolean; locked: boolean; nameservers: { host: string; addresses?: string[] }[]; lockPending: boolean; nameserversPending: boolean; twoFactor: boolean };

/** What the domain page's controls show (domains.manage on an active domain); null when the user may not change it. */
export async function getDomainControls(actor: CustomerActor, id: string): Promise<DomainControls | null> {
  if (!domainId.safeParse(id).success || !actor.permissions.has("domains.manage")) return null;
  const [domain, user] = await Promise.all([
    db.domain.findFirst({
      where: { id, customerId: actor.customerId, status: "active" },
      select: { autoRenew: true, locked: true, nameservers: true, registrarJobs: { where: { status: { in: [...OPEN] }, operation: { in: ["lock", "unlock", "set_nameservers"] } }, select: { operation: true } } },
    }),
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } }),
  ]);
  if (!domain) return null;
  return {
    autoRenew: domain.autoRenew,
    locked: domain.locked,
    nameservers: (domain.nameservers as DomainControls["nameservers"] | null) ?? [],
    lockPending: domain.registrarJobs.some((j) => j.operation !== "set_nameservers"),
    nameserversPending: domain.registrarJobs.some((j) => j.operation === "set_nameservers"),
    twoFactor: user.totpEnabledAt !== null,
  };
}
