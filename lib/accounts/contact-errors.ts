import "server-only";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { isImpersonating } from "@/lib/auth/impersonation";

export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** A contacts change that cannot happen; `key` is a message key of "accountContacts", `field` the form field it belongs to. */
export class ContactError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "ContactError";
  }
}

/**
 * Staff opening the portal as a contact may look but not change who has access (issue 7). The same
 * rule as lib/auth/impersonation's, answered with this form's own message.
 */
export function assertNotImpersonating(actor: CustomerActor): void {
  if (isImpersonating(actor)) throw new ContactError("errors.impersonating");
}
