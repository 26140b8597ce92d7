"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { ContactError } from "@/lib/accounts/contact-errors";
import { invitationIdSchema, inviteContactSchema, membershipIdSchema, permissionsOf, transferOwnershipSchema, updateContactPermissionsSchema } from "@/lib/accounts/contact-schemas";
import { removeContact, transferOwnership, updateContactPermissions } from "@/lib/accounts/contacts";
import { inviteContact, resendInvitation, revokeInvitation } from "@/lib/accounts/invitations";
import { currentRequestInfo } from "@/lib/auth/request-info";

// /account/contacts (contacts.manage): customerAction (actor → permission → schema) → one
// lib/accounts function (which checks again, scopes by customer and audits) → revalidate.

async function settle<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await run();
    revalidatePath("/account/contacts");
    return ok(data);
  } catch (error) {
    if (error instanceof ContactError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
    throw error;
  }
}

export const inviteContactAction = customerAction(inviteContactSchema, "contacts.manage", async (actor, input) =>
  settle(async () => {
    await inviteContact(actor, { email: input.email, name: input.name, permissions: permissionsOf(input) }, await currentRequestInfo());
  }),
);

export const updateContactPermissionsAction = customerAction(updateContactPermissionsSchema, "contacts.manage", async (actor, input) =>
  settle(async () => updateContactPermissions(actor, { membershipId: input.membershipId, permissions: permissionsOf(input) }, await currentRequestInfo())),
);

export const removeContactAction = customerAction(membershipIdSchema, "contacts.manage", async (actor, { membershipId }) =>
  settle(async () => removeContact(actor, membershipId, await currentRequestInfo())),
);

export const transferOwnershipAction = customerAction(transferOwnershipSchema, "contacts.manage", async (actor, input) =>
  settle(async () => transferOwnership(actor, input, await currentRequestInfo())),
);

export const resendInvitationAction = customerAction(invitationIdSchema, "contacts.manage", async (actor, { invitationId }) =>
  settle(async () => resendInvitation(actor, invitationId, await currentRequestInfo())),
);

export const revokeInvitationAction = customerAction(invitationIdSchema, "contacts.manage", async (actor, { invitationId }) =>
  settle(async () => revokeInvitation(actor, invitationId, await currentRequestInfo())),
);
