import "server-only";
import { type Actor, type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";

/** Throws PermissionDenied for anyone but staff with staff.billing; every admin-* read and write starts here. */
export function assertStaffBilling(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.billing");
  assertCan(actor, "staff.billing");
}

/** A staff billing operation that cannot happen; `key` is a message key of "staffBilling", `field` the form field it belongs to. */
export class AdminBillingError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "AdminBillingError";
  }
}
