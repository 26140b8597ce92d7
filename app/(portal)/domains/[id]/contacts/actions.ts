"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { saveContactsSchema } from "@/lib/domains/contact-schemas";
import { DomainContactsError, saveDomainContacts } from "@/lib/domains/contacts";

// The contacts form's save (domains.manage); lib/domains/contacts scopes the domain to the actor's customer.

export const saveDomainContactsAction = customerAction(saveContactsSchema, "domains.manage", async (actor, input) => {
  try {
    const result = await saveDomainContacts(actor, input, await currentRequestInfo());
    revalidatePath(`/domains/${input.domainId}/contacts`);
    // The form's next save is a new save (its own registry update).
    return ok({ changed: result.changedRoles.length > 0, nextSaveId: randomUUID() });
  } catch (error) {
    if (error instanceof DomainContactsError) return fail(error.key, error.fieldErrors);
    throw error;
  }
});
