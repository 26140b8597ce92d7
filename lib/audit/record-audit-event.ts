import "server-only";
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
  | `dns.${string}`;

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
      data: input.data ?? {},
    },
  });
}
