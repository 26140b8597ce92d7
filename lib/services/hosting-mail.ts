import "server-only";
import type { Actor } from "@/lib/auth/actor-types";
import type { MailAliasInfo, MailboxInfo } from "@/lib/integrations/provisioning";
import { type HostingOptions, type HostingView, HostingError, assertBelowLimit, changeHosting, readHosting } from "./hosting-access";
import {
  type AliasInput,
  type AutoReplyInput,
  type CreateAliasInput,
  type CreateMailboxValues,
  type MailboxInput,
  type MailboxPasswordInput,
  type MailboxQuotaValues,
  aliasInputSchema,
  autoReplySchema,
  createAliasSchema,
  createMailboxSchema,
  mailboxInputSchema,
  mailboxPasswordSchema,
  mailboxQuotaSchema,
} from "./hosting-schemas";

// Mail of a hosting service: mailboxes (password, quota, auto-responder) and aliases (forwarders).
// Same rules as lib/services/hosting.ts: services.view to read, services.manage to change, the
// service's own customer, through the module; passwords go to the panel only.

export type MailData = { mailboxes: MailboxInfo[]; aliases: MailAliasInfo[] };

export function getHostingMail(actor: Actor, serviceId: string, opts: HostingOptions = {}): Promise<HostingView<MailData> | null> {
  return readHosting(
    actor,
    serviceId,
    async ({ panel, target }) => {
      const [mailboxes, aliases] = await Promise.all([panel.listMailboxes(target), panel.listAliases(target)]);
      return { mailboxes, aliases };
    },
    opts,
  );
}

/** One mailbox of the service for its settings page; null (404) when the service or the mailbox is not the actor's. */
export async function getHostingMailbox(actor: Actor, serviceId: string, mailboxId: string, opts: HostingOptions = {}): Promise<HostingView<MailboxInfo> | null> {
  const view = await readHosting(actor, serviceId, async ({ panel, target }) => (await panel.listMailboxes(target)).find((m) => m.id === mailboxId) ?? null, opts);
  if (!view) return null;
  if (view.errorKey !== null) return view;
  return view.data ? { ...view, data: view.data } : null;
}

async function mailboxOf(list: Promise<MailboxInfo[]>, mailboxId: string): Promise<MailboxInfo> {
  const mailbox = (await list).find((m) => m.id === mailboxId);
  if (!mailbox) throw new HostingError("errors.resourceGone");
  return mailbox;
}

export async function createHostingMailbox(actor: Actor, input: CreateMailboxValues, opts: HostingOptions = {}): Promise<MailboxInfo> {
  const { serviceId, localPart, password, quotaMb } = createMailboxSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "mailbox.create",
    async ({ panel, target, service }) => {
      assertBelowLimit((await panel.listMailboxes(target)).length, service.limits.mailboxes, "errors.mailboxLimit");
      if (quotaMb !== null && service.limits.diskMb !== null && quotaMb > service.limits.diskMb) throw new HostingError("errors.quotaAboveDisk", "quotaMb");
      const mailbox = await panel.createMailbox(target, { localPart, password, quotaMb });
      return { result: mailbox, audit: { resourceId: mailbox.id, data: { address: mailbox.address, quotaMb: mailbox.quotaMb } } };
    },
    opts,
  );
}

export async function changeHostingMailboxPassword(actor: Actor, input: MailboxPasswordInput, opts: HostingOptions = {}): Promise<void> {
  const { serviceId, mailboxId, password } = mailboxPasswordSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "mailbox.password",
    async ({ panel, target }) => {
      const mailbox = await mailboxOf(panel.listMailboxes(target), mailboxId);
      await panel.updateMailbox(target, mailbox.id, { password });
      return { result: undefined, audit: { resourceId: mailbox.id, data: { address: mailbox.address } } };
    },
    opts,
  );
}

export async function changeHostingMailboxQuota(actor: Actor, input: MailboxQuotaValues, opts: HostingOptions = {}): Promise<MailboxInfo> {
  const { serviceId, mailboxId, quotaMb } = mailboxQuotaSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "mailbox.quota",
    async ({ panel, target, service }) => {
      const mailbox = await mailboxOf(panel.listMailboxes(target), mailboxId);
      if (quotaMb !== null && service.limits.diskMb !== null && quotaMb > service.limits.diskMb) throw new HostingError("errors.quotaAboveDisk", "quotaMb");
      if (quotaMb !== null && quotaMb < mailbox.usedMb) throw new HostingError("errors.quotaBelowUsed", "quotaMb");
      const updated = await panel.updateMailbox(target, mailbox.id, { quotaMb });
      return { result: updated, audit: { resourceId: mailbox.id, data: { address: mailbox.address, from: mailbox.quotaMb, to: updated.quotaMb } } };
    },
    opts,
  );
}

/** Turns the mailbox's auto-responder on (with subject, message and an optional last day) or off. */
export async function setHostingAutoReply(actor: Actor, input: AutoReplyInput, opts: HostingOptions = {}): Promise<MailboxInfo> {
  const { serviceId, mailboxId, enabled, subject, body, until } = autoReplySchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "mailbox.autoReply",
    async ({ panel, target }) => {
      const mailbox = await mailboxOf(panel.listMailboxes(target), mailboxId);
      const updated = await panel.updateMailbox(target, mailbox.id, { autoReply: { enabled, subject: subject || null, body: body || null, until: until || null } });
      return { result: updated, audit: { resourceId: mailbox.id, data: { address: mailbox.address, enabled, until: until || null } } };
    },
    opts,
  );
}

export async function deleteHostingMailbox(actor: Actor, input: MailboxInput, opts: HostingOptions = {}): Promise<void> {
  const { serviceId, mailboxId } = mailboxInputSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "mailbox.delete",
    async ({ panel, target }) => {
      const mailbox = await mailboxOf(panel.listMailboxes(target), mailboxId);
      await panel.deleteMailbox(target, mailbox.id);
      return { result: undefined, audit: { resourceId: mailbox.id, data: { address: mailbox.address } } };
    },
    opts,
  );
}

export async function createHostingAlias(actor: Actor, input: CreateAliasInput, opts: HostingOptions = {}): Promise<MailAliasInfo> {
  const { serviceId, localPart, destination } = createAliasSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "alias.create",
    async ({ panel, target, row }) => {
      if (row.domain && destination === `${localPart}@${row.domain.toLowerCase()}`) throw new HostingError("errors.aliasSelf", "destination");
      const alias = await panel.createAlias(target, { localPart, destination });
      return { result: alias, audit: { resourceId: alias.id, data: { source: alias.source, destination: alias.destination } } };
    },
    opts,
  );
}

export async function deleteHostingAlias(actor: Actor, input: AliasInput, opts: HostingOptions = {}): Promise<void> {
  const { serviceId, aliasId } = aliasInputSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "alias.delete",
    async ({ panel, target }) => {
      const alias = (await panel.listAliases(target)).find((a) => a.id === aliasId);
      if (!alias) throw new HostingError("errors.resourceGone");
      await panel.deleteAlias(target, alias.id);
      return { result: undefined, audit: { resourceId: alias.id, data: { source: alias.source, destination: alias.destination } } };
    },
    opts,
  );
}
