import "server-only";
import { randomUUID } from "node:crypto";
import { type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { DomainStatus } from "@/lib/generated/prisma/client";
import type { ContactData } from "@/lib/integrations/registrar";
import { fieldErrorsOf } from "@/lib/actions/result";
import { CONTACT_ROLES, COPYABLE_ROLES, type ContactFormFields, type ContactRole, resolveContacts, saveContactsSchema, contactsFromCustomer } from "./contact-schemas";
import { enqueueRegistrarJob } from "./registrar-jobs";
import type { RequestMeta } from "./manage";

// A domain's four contacts (issue 6): registrant, admin, tech and billing. Reading needs
// domains.view; saving needs domains.manage on an active domain, writes the four rows in one
// transaction and queues one set_contacts registrar job (the job reads the rows when it runs).

/** A save that cannot happen; `key` is a message key of "domainContacts", `fieldErrors` by form path. */
export class DomainContactsError extends Error {
  constructor(
    readonly key: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(key);
    this.name = "DomainContactsError";
  }
}

const CONTACT_FIELDS = ["name", "organization", "email", "phone", "street", "city", "postcode", "country"] as const satisfies readonly (keyof ContactData)[];
const OPEN = ["queued", "running", "retrying"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { contactsFromCustomer };

const sameContact = (a: ContactData, b: ContactData) => CONTACT_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));
const formFields = (c: ContactData): ContactFormFields => ({ name: c.name, organization: c.organization ?? "", email: c.email, phone: c.phone, street: c.street, city: c.city, postcode: c.postcode, country: c.country });

export type DomainContactsView = {
  domain: { id: string; name: string; status: DomainStatus };
  /** The four roles; a role without a row yet shows the registrant's details (or the customer's). */
  contacts: Record<ContactRole, ContactFormFields>;
  /** Per copyable role: its details are the registrant's. */
  sameAsRegistrant: Record<(typeof COPYABLE_ROLES)[number], boolean>;
  /** All four rows exist (otherwise the page shows defaults to confirm). */
  stored: boolean;
  /** A set_contacts job is waiting or running at the registry. */
  pending: boolean;
  /** domains.manage and the domain is active. */
  canEdit: boolean;
};

/** The contacts page's data (domains.view); null for another customer's domain or an id that does not exist. */
export async function getDomainContacts(actor: CustomerActor, domainId: string): Promise<DomainContactsView | null> {
  const customerId = customerScope(actor, "domains.view");
  if (!UUID.test(domainId)) return null;
  const domain = await db.domain.findFirst({
    where: { id: domainId, customerId },
    select: {
      id: true,
      name: true,
      status: true,
      contacts: { select: { role: true, name: true, organization: true, email: true, phone: true, street: true, city: true, postcode: true, country: true } },
      registrarJobs: { where: { operation: "set_contacts", status: { in: [...OPEN] } }, select: { id: true }, take: 1 },
      customer: { select: { name: true, email: true, phone: true, addressLine1: true, city: true, postcode: true, country: true } },
    },
  });
  if (!domain) return null;
  const rows = new Map(domain.contacts.map(({ role, ...contact }) => [role, contact]));
  const registrant = rows.get("registrant") ?? contactsFromCustomer(domain.customer);
  const contactOf = (role: ContactRole) => rows.get(role) ?? registrant;
  return {
    domain: { id: domain.id, name: domain.name, status: domain.status },
    contacts: Object.fromEntries(CONTACT_ROLES.map((role) => [role, formFields(contactOf(role))])) as Record<ContactRole, ContactFormFields>,
    sameAsRegistrant: Object.fromEntries(COPYABLE_ROLES.map((role) => [role, sameContact(contactOf(role), registrant)])) as Record<(typeof COPYABLE_ROLES)[number], boolean>,
    stored: CONTACT_ROLES.every((role) => rows.has(role)),
    pending: domain.registrarJobs.length > 0,
    canEdit: actor.permissions.has("domains.manage") && domain.status === "active",
  };
}

export type SaveContactsResult = { changedRoles: ContactRole[]; jobId: string | null };

/**
 * Saves all four contacts (domains.manage, the customer's own active domain): the rows in one
 * transaction, one set_contacts job per save (the same saveId sent twice queues one job), and an
 * audit event naming the roles that changed with each changed field's old and new value.
 * A save that changes nothing queues nothing.
 */
export async function saveDomainContacts(actor: CustomerActor, input: unknown, meta: RequestMeta = {}): Promise<SaveContactsResult> {
  const customerId = customerScope(actor, "domains.manage");
  const parsed = saveContactsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    throw new DomainContactsError(fieldErrors.domainId ?? "errors.invalidForm", fieldErrors);
  }
  const { domainId, saveId } = parsed.data;
  const next = resolveContacts(parsed.data);

  return db.$transaction(async (tx) => {
    // One save of a domain's contacts at a time, so the audit's "old" values are the ones replaced.
    await tx.$executeRaw`SELECT 1 FROM "Domain" WHERE "id" = ${domainId}::uuid AND "customerId" = ${customerId}::uuid FOR UPDATE`;
    const domain = await tx.domain.findFirst({ where: { id: domainId, customerId }, select: { id: true, name: true, status: true } });
    if (!domain) throw new DomainContactsError("errors.notFound");
    if (domain.status !== "active") throw new DomainContactsError("errors.notActive");

    const rows = await tx.domainContact.findMany({ where: { domainId }, select: { role: true, name: true, organization: true, email: true, phone: true, street: true, city: true, postcode: true, country: true } });
    const before = new Map(rows.map(({ role, ...contact }) => [role, contact as ContactData]));
    const changes: Partial<Record<ContactRole, Record<string, { from: string | null; to: string | null }>>> = {};
    for (const role of CONTACT_ROLES) {
      const old = before.get(role);
      const fields = CONTACT_FIELDS.filter((f) => !old || (old[f] ?? null) !== (next[role][f] ?? null));
      if (fields.length) changes[role] = Object.fromEntries(fields.map((f) => [f, { from: old ? (old[f] ?? null) : null, to: next[role][f] ?? null }]));
    }
    const changedRoles = CONTACT_ROLES.filter((role) => changes[role]);
    const idempotencyKey = `contacts:${domainId}:${saveId}`;
    const earlier = await tx.registrarJob.findUnique({ where: { idempotencyKey }, select: { id: true } });
    // Nothing new: a repeated save (a double click, a retried request) finds the job the first one queued.
    if (changedRoles.length === 0) return { changedRoles, jobId: earlier?.id ?? null };

    for (const role of changedRoles) {
      const data = next[role];
      await tx.domainContact.upsert({ where: { domainId_role: { domainId, role } }, create: { domainId, role, ...data }, update: data });
    }
    // New details under a save id already used (a form kept open after saving) need a job of their own:
    // the earlier one may have sent the old details already.
    const { jobId } = await enqueueRegistrarJob(tx, { domainId, operation: "set_contacts", idempotencyKey: earlier ? `${idempotencyKey}:${randomUUID()}` : idempotencyKey, requestedByUserId: actor.userId });
    await recordAuditEvent(
      {
        action: "domains.contacts.requested",
        actorUserId: actor.userId,
        customerId,
        targetType: "domain",
        targetId: domain.id,
        data: { name: domain.name, jobId, roles: changedRoles, changes },
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
    return { changedRoles, jobId };
  });
}
