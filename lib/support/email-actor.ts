import "server-only";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { parseCustomerPermissions } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type Client = Pick<Prisma.TransactionClient, "user">;

/**
 * Session id of actors built for inbound mail. Nothing looks a session up by it; it only says, in
 * anything that records the actor, that no login was involved.
 */
export const EMAIL_ACTOR_SESSION_ID = "inbound-email";

/**
 * The CustomerActor of a contact who wrote in by email, acting for `customerId`: the same shape a
 * session of theirs would have (lib/auth/resolve-session.ts), read from their Membership now, so a
 * permission change applies to the very next message. Null when the user is disabled or is not a
 * member of that customer. The mail's sender address is not proof of identity, so callers must
 * still check what the actor may do (tickets.create) before acting on the mail.
 */
export async function contactActorFor(userId: string, customerId: string, client: Client = db): Promise<CustomerActor | null> {
  const user = await client.user.findFirst({
    where: { id: userId, disabledAt: null },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      timeZone: true,
      totpEnabledAt: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { customerId: true, isOwner: true, permissions: true, customer: { select: { name: true, contractNumber: true } } },
      },
    },
  });
  const membership = user?.memberships.find((m) => m.customerId === customerId);
  if (!user || !membership) return null;
  return {
    kind: "customer",
    userId: user.id,
    sessionId: EMAIL_ACTOR_SESSION_ID,
    email: user.email,
    name: user.name,
    locale: user.locale,
    timeZone: user.timeZone,
    twoFactorEnabled: Boolean(user.totpEnabledAt),
    customerId,
    customerName: membership.customer.name,
    contractNumber: membership.customer.contractNumber,
    isOwner: membership.isOwner,
    permissions: new Set(parseCustomerPermissions(membership.permissions)),
    memberships: user.memberships.map((m) => ({ customerId: m.customerId, customerName: m.customer.name, contractNumber: m.customer.contractNumber })),
  };
}
