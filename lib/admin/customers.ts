import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type Actor, type StaffActor, assertCan, can } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { presetOf } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { customerNoteSchema } from "./customer-note-schema";

// Staff's view of customers (issue 7, /admin/customers, staff.customers): search by name, contract
// number, VAT ID or any contact's email; one page per customer with its contacts, services,
// domains, invoices, tickets, staff notes and audit trail, and the way into impersonation.

export const STAFF_CUSTOMERS_PAGE_SIZE = 50;

export const staffCustomerListParamsSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type StaffCustomerListParams = z.infer<typeof staffCustomerListParamsSchema>;

export { customerNoteSchema, type CustomerNoteInput } from "./customer-note-schema";

function assertStaffCustomers(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.customers");
  assertCan(actor, "staff.customers");
}

/** Customers matching the search, newest first (or every customer without one). */
export async function listCustomersForStaff(actor: Actor, params: StaffCustomerListParams) {
  assertStaffCustomers(actor);
  const q = params.q;
  const where: Prisma.CustomerWhereInput = q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" } },
          { contractNumber: { contains: q, mode: "insensitive" } },
          { email: { contains: q, mode: "insensitive" } },
          { vatId: { contains: q.replace(/\s/g, ""), mode: "insensitive" } },
          { memberships: { some: { user: { OR: [{ email: { contains: q.toLowerCase() } }, { name: { contains: q, mode: "insensitive" } }] } } } },
        ],
      }
    : {};
  const [items, total] = await Promise.all([
    db.customer.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (params.page - 1) * STAFF_CUSTOMERS_PAGE_SIZE,
      take: STAFF_CUSTOMERS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        contractNumber: true,
        email: true,
        country: true,
        currency: true,
        createdAt: true,
        _count: { select: { services: true, domains: true, memberships: true } },
      },
    }),
    db.customer.count({ where }),
  ]);
  return { items, total, page: params.page, pageSize: STAFF_CUSTOMERS_PAGE_SIZE };
}

const RECENT = 20;

/** One customer with everything staff look at first; null for an unknown id. */
export async function getCustomerForStaff(actor: Actor, customerId: string) {
  assertStaffCustomers(actor);
  if (!z.guid().safeParse(customerId).success) return null;
  const customer = await db.customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      name: true,
      contractNumber: true,
      email: true,
      phone: true,
      addressLine1: true,
      addressLine2: true,
      city: true,
      postcode: true,
      country: true,
      vatId: true,
      currency: true,
      requireTwoFactor: true,
      createdAt: true,
      memberships: {
        orderBy: [{ isOwner: "desc" }, { createdAt: "asc" }],
        select: { isOwner: true, permissions: true, createdAt: true, user: { select: { id: true, name: true, email: true, totpEnabledAt: true, lastLoginAt: true, disabledAt: true } } },
      },
      services: { orderBy: { createdAt: "desc" }, take: RECENT, select: { id: true, name: true, label: true, kind: true, status: true, nextDueDate: true } },
      domains: { orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }], take: RECENT, select: { id: true, name: true, status: true, expiresAt: true } },
      invoices: { where: { status: { not: "draft" } }, orderBy: { issuedAt: "desc" }, take: RECENT, select: { id: true, number: true, status: true, totalMinor: true, currency: true, dueDate: true } },
      tickets: { orderBy: { createdAt: "desc" }, take: RECENT, select: { number: true, subject: true, status: true, createdAt: true } },
      notes: { orderBy: { createdAt: "desc" }, take: 50, select: { id: true, body: true, createdAt: true, authorUserId: true } },
      _count: { select: { services: true, domains: true, invoices: true, tickets: true } },
    },
  });
  if (!customer) return null;
  const authorIds = [...new Set(customer.notes.flatMap((n) => (n.authorUserId ? [n.authorUserId] : [])))];
  const [authors, audit, pendingAccessRequests, pendingProfileChanges] = await Promise.all([
    db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }),
    db.auditEvent.findMany({ where: { customerId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 30, select: { id: true, action: true, createdAt: true, actorUserId: true, ip: true, data: true } }),
    db.accessRequest.count({ where: { customerId, status: "pending" } }),
    db.profileChangeRequest.count({ where: { customerId, status: "pending" } }),
  ]);
  const actorIds = [...new Set(audit.flatMap((a) => (a.actorUserId ? [a.actorUserId] : [])))];
  const actors = new Map((await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const authorName = new Map(authors.map((a) => [a.id, a.name]));
  return {
    ...customer,
    contacts: customer.memberships.map((m) => ({ ...m.user, isOwner: m.isOwner, preset: m.isOwner ? "owner" : presetOf(m.permissions), permissions: m.permissions, since: m.createdAt })),
    notes: customer.notes.map((n) => ({ ...n, author: n.authorUserId ? (authorName.get(n.authorUserId) ?? null) : null })),
    audit: audit.map((a) => ({ id: a.id.toString(), action: a.action, createdAt: a.createdAt, ip: a.ip, actor: a.actorUserId ? (actors.get(a.actorUserId) ?? null) : null, impersonator: impersonatorOf(a.data) })),
    pendingAccessRequests,
    pendingProfileChanges,
    mayImpersonate: can(actor, "staff.impersonate"),
  };
}
export type StaffCustomerView = NonNullable<Awaited<ReturnType<typeof getCustomerForStaff>>>;

function impersonatorOf(data: Prisma.JsonValue): string | null {
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const name = (data as Record<string, unknown>).impersonatorName;
  return typeof name === "string" ? name : null;
}

/** A staff note on the customer (never shown in the portal); audited without its text. */
export async function addCustomerNote(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertStaffCustomers(actor);
  const input = customerNoteSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const exists = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!exists) throw new PermissionDenied("staff.customers");
    const note = await tx.customerNote.create({ data: { customerId: input.customerId, authorUserId: actor.userId, body: input.body }, select: { id: true } });
    await recordAuditEvent({ action: "staff.customer.note_added", actorUserId: actor.userId, targetType: "customer", targetId: input.customerId, data: { noteId: note.id } }, tx);
    return note;
  });
}
