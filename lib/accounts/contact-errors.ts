import "server-only";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";

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
 * Staff opening the portal as a contact may look but not change who has access (issue 7). The
 * session row says whether it is an impersonation; it is read here, not taken from the actor, so
 * the check holds whatever the actor was built from.
 */
export async function assertNotImpersonating(actor: CustomerActor): Promise<void> {
  const session = await db.session.findUnique({ where: { id: actor.sessionId }, select: { impersonatorUserId: true } });
  if (session?.impersonatorUserId) throw new ContactError("errors.impersonating");
}
