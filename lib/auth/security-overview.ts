import "server-only";
import { db } from "@/lib/db";
import type { CustomerActor } from "./actor-types";
import { mayDisableTwoFactor } from "./two-factor";

/** What the security page shows about the actor's own login and the active customer's policy. */
export async function getSecurityOverview(actor: CustomerActor) {
  const [recoveryCodesLeft, customer] = await Promise.all([
    db.recoveryCode.count({ where: { userId: actor.userId, usedAt: null } }),
    db.customer.findUniqueOrThrow({ where: { id: actor.customerId }, select: { requireTwoFactor: true } }),
  ]);
  return {
    twoFactorEnabled: actor.twoFactorEnabled,
    recoveryCodesLeft,
    customerRequiresTwoFactor: customer.requireTwoFactor,
    mayDisable: mayDisableTwoFactor(actor, customer.requireTwoFactor),
  };
}
