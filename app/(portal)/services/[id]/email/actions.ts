"use server";

import { customerAction } from "@/lib/actions/safe-action";
import { runHostingAction } from "@/lib/services/hosting-action";
import {
  changeHostingMailboxPassword,
  changeHostingMailboxQuota,
  createHostingAlias,
  createHostingMailbox,
  deleteHostingAlias,
  deleteHostingMailbox,
  setHostingAutoReply,
} from "@/lib/services/hosting-mail";
import {
  aliasInputSchema,
  autoReplySchema,
  createAliasSchema,
  createMailboxSchema,
  mailboxInputSchema,
  mailboxPasswordSchema,
  mailboxQuotaSchema,
} from "@/lib/services/hosting-schemas";

// Mailboxes, auto-responders and aliases of a hosting service (services.manage); mailbox
// passwords go to the panel only.

export const createMailboxAction = customerAction(createMailboxSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "email", (meta) => createHostingMailbox(actor, input, meta), (mailbox) => ({ id: mailbox.id, address: mailbox.address })),
);

export const changeMailboxPasswordAction = customerAction(mailboxPasswordSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "email", (meta) => changeHostingMailboxPassword(actor, input, meta), () => undefined),
);

export const changeMailboxQuotaAction = customerAction(mailboxQuotaSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "email", (meta) => changeHostingMailboxQuota(actor, input, meta), () => undefined),
);

export const setAutoReplyAction = customerAction(autoReplySchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "email", (meta) => setHostingAutoReply(actor, input, meta), () => undefined),
);

export const deleteMailboxAction = customerAction(mailboxInputSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "email", (meta) => deleteHostingMailbox(actor, input, meta), () => undefined),
);

export const createAliasAction = customerAction(createAliasSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "email", (meta) => createHostingAlias(actor, input, meta), (alias) => ({ id: alias.id, source: alias.source })),
);

export const deleteAliasAction = customerAction(aliasInputSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "email", (meta) => deleteHostingAlias(actor, input, meta), () => undefined),
);
