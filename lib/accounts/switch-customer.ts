import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CustomerActor } from "@/lib/auth/actor-types";

type RequestInfo = { ip?: string | null; userAgent?: string | null };

/**
 * Makes another of the user's customers the active one, for this session only. The membership is
 * checked in the database (not against the actor's cached list); a customer the user is not a
 * member of is "not found". getSessionState reads activeCustomerId on every request, so the switch
 * — and a later removal of the membership — takes effect on the next request.
 */
export async function switchActiveCustomer(
  actor: CustomerActor,
  customerId: string,
  info: RequestInfo = {},
): Promise<{ ok: true } | { ok: false; reason: "not_found" }> {
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_customerId: { userId: actor.userId, customerId } },
      select: { customerId: true },
    });
    if (!membership) return { ok: false as const, reason: "not_found" as const };
    const updated = await tx.session.updateMany({
      where: { id: actor.sessionId, userId: actor.userId, revokedAt: null },
      data: { activeCustomerId: membership.customerId },
    });
    if (updated.count !== 1) return { ok: false as const, reason: "not_found" as const };
    await recordAuditEvent(
      {
        action: "account.customer.switched",
        actorUserId: actor.userId,
        customerId: membership.customerId,
        targetType: "customer",
        targetId: membership.customerId,
        ip: info.ip,
        userAgent: info.userAgent,
        data: { from: actor.customerId, to: membership.customerId },
      },
      tx,
    );
    return { ok: true as const };
  });
}
