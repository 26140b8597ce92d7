import "server-only";
import { db } from "@/lib/db";
import type { CustomerActor } from "./actor-types";
import { hasTotp } from "./totp";
import { mayDisableTwoFactor } from "./two-factor";

/** What the security page shows about the actor's own login and the active customer's policy. */
export async function getSecurityOverview(actor: CustomerActor) {
  const [recoveryCodesLeft, customer, totpEnabled] = await Promise.all([
    db.recoveryCode.count({ where: { userId: actor.userId, usedAt: null } }),
    db.customer.findUniqueOrThrow({ where: { id: actor.customerId }, select: { requireTwoFactor: true } }),
    hasTotp(actor.userId),
  ]);
  return {
    /** Any second factor: TOTP or a security key. */
    twoFactorEnabled: actor.twoFactorEnabled,
    /** The authenticator app (TOTP) in particular. */
    totpEnabled,
    recoveryCodesLeft,
    customerRequiresTwoFactor: customer.requireTwoFactor,
    mayDisable: mayDisableTwoFactor(actor, customer.requireTwoFactor),
  };
}
