import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "auth.login.succeeded"
  | "auth.login.failed"
  | "auth.login.throttled"
  | "auth.logout"
  | "auth.2fa.challenge.succeeded"
  | "auth.2fa.challenge.failed"
  | "auth.2fa.enrolled"
  | "auth.2fa.disabled"
  | "auth.2fa.recovery_code.used"
  | "auth.2fa.recovery_codes.regenerated"
  | "auth.session.revoked"
  | "auth.password.changed"
  | "account.customer.switched"
  | "account.2fa_requirement.changed"
  | "account.permissions.changed"
  // Areas name their own actions ("support.ticket.assigned", "kb.article.published", …).
  | `support.${string}`
  | `kb.${string}`
  | `announcements.${string}`
  | `network.${string}`
  | `billing.${string}`
  | `quotes.${string}`
  | `catalog.${string}`
  | `services.${string}`
  | `orders.${string}`
  | `domains.${string}`
  | `dns.${string}`
  // Issue 7: the account and security centre and staff's side of it.
  | `auth.${string}`
  | `account.${string}`
  | `staff.${string}`;

export type AuditInput = {
  action: AuditAction;
  actorUserId?: string | null;
  customerId?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  userAgent?: string | null;
  data?: Prisma.InputJsonValue;
};

type Tx = Pick<typeof db, "auditEvent">;

/**
 * Who is really acting in this request when it is not the signed-in user: a staff member
 * impersonating a contact (lib/auth/impersonation.ts). Set by the action pipeline for the duration
 * of one server action; every audit row written meanwhile names them.
 */
const actingFor = new AsyncLocalStorage<{ impersonatorUserId: string; impersonatorName: string }>();

export function runAsImpersonation<T>(impersonator: { impersonatorUserId: string; impersonatorName: string } | null, run: () => Promise<T>): Promise<T> {
  return impersonator ? actingFor.run(impersonator, run) : run();
}

function withImpersonator(data: Prisma.InputJsonValue | undefined): Prisma.InputJsonValue {
  const impersonator = actingFor.getStore();
  if (!impersonator) return data ?? {};
  const base = data && typeof data === "object" && !Array.isArray(data) ? data : { value: data ?? null };
  return { ...base, impersonatorUserId: impersonator.impersonatorUserId, impersonatorName: impersonator.impersonatorName };
}

/** Appends one audit row; pass the transaction client so the row commits with the change it records. */
export async function recordAuditEvent(input: AuditInput, tx: Tx = db): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: input.action,
      actorUserId: input.actorUserId ?? null,
      customerId: input.customerId ?? null,
      targetType: input.targetType,
      targetId: input.targetId,
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
      data: withImpersonator(input.data),
    },
  });
}
