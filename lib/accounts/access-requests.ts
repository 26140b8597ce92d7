import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { PRESETS, parseCustomerPermissions } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { AccessRequestStatus, Prisma } from "@/lib/generated/prisma/client";
import type { DecideAccessRequestInput } from "./access-request-schemas";
import { issueInvitation } from "./invitations";

// Access requests (/request-access, issue 7): someone of a customer without a login asks for access
// with the contract number and their email address.
//
// * The address is already known for that customer — the customer's own email on file, or the login
//   of one of its contacts — then an invitation goes out at once (a "re-invite"): a contact keeps the
//   permissions they have; the customer's email on file gets the Billing preset, since that address
//   already receives the invoices. (A customer with no owner yet makes whoever accepts first its
//   owner: see lib/accounts/invitations.ts.) Domain and ticket contact addresses are NOT trusted:
//   anyone can be put on a domain's WHOIS record or write a ticket, so they go to staff.
// * Anything else — unknown address, unknown contract number — is stored as pending for staff, who
//   approve with a preset (which sends an invitation) or reject.
// The page gives the same answer in every case, so the form cannot be used to test contract
// numbers or addresses; only the rate limit (per IP and per contract number) answers differently,
// and it counts known and unknown requests alike.

export const ACCESS_REQUEST_LIMIT = { windowMs: 60 * 60 * 1000, perIp: 5, perContract: 5 } as const;

export type RequestAccessResult = { ok: true } | { ok: false; reason: "throttled" };

export async function requestAccess(
  input: { contractNumber: string; email: string; name: string; message: string },
  meta: { ip: string; userAgent?: string | null },
  now = new Date(),
): Promise<RequestAccessResult> {
  const contractNumber = input.contractNumber.trim().toUpperCase();
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - ACCESS_REQUEST_LIMIT.windowMs);
  const [byIp, byContract] = await Promise.all([
    db.accessRequest.count({ where: { ip: meta.ip, createdAt: { gte: since } } }),
    db.accessRequest.count({ where: { contractNumber, createdAt: { gte: since } } }),
  ]);
  if (byIp >= ACCESS_REQUEST_LIMIT.perIp || byContract >= ACCESS_REQUEST_LIMIT.perContract) {
    await recordAuditEvent({ action: "account.access_request.throttled", ip: meta.ip, userAgent: meta.userAgent, data: { contractNumber } });
    return { ok: false, reason: "throttled" };
  }

  await db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { contractNumber }, select: { id: true, email: true } });
    const member = customer
      ? await tx.membership.findFirst({ where: { customerId: customer.id, user: { email, disabledAt: null, staffRoleId: null } }, select: { permissions: true, user: { select: { name: true } } } })
      : null;
    const known = Boolean(customer && (member || customer.email.trim().toLowerCase() === email));
    const request = await tx.accessRequest.create({
      data: { contractNumber, customerId: customer?.id ?? null, email, name: input.name.trim(), message: input.message.trim() || null, status: known ? "invited" : "pending", ip: meta.ip, createdAt: now, decidedAt: known ? now : null },
    });
    if (customer && known) {
      const permissions = member ? parseCustomerPermissions(member.permissions) : [...PRESETS.billing];
      await issueInvitation(tx, { customerId: customer.id, email, name: member?.user.name ?? input.name, permissions, invitedByUserId: null, now });
    }
    await recordAuditEvent(
      {
        action: "account.access_request.received",
        customerId: customer?.id ?? null,
        targetType: "access_request",
        targetId: request.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        data: { contractNumber, email, outcome: known ? "invited" : "pending" },
      },
      tx,
    );
  });
  return { ok: true };
}

// ───────────── Staff ─────────────

/** A decision that cannot be made; `key` is a message key of "accessRequests". */
export class AccessRequestError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = "AccessRequestError";
  }
}

export type AccessRequestRow = {
  id: string;
  contractNumber: string;
  customer: { id: string; name: string } | null;
  email: string;
  name: string;
  message: string | null;
  status: AccessRequestStatus;
  ip: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  /** The address already has a login (a contact of this or another customer). */
  hasLogin: boolean;
};

export const ACCESS_REQUESTS_PAGE_SIZE = 50;

export async function listAccessRequests(actor: StaffActor, params: { status: AccessRequestStatus | "any"; page: number }): Promise<{ items: AccessRequestRow[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, "staff.customers");
  const where: Prisma.AccessRequestWhereInput = params.status === "any" ? {} : { status: params.status };
  const [rows, total] = await Promise.all([
    db.accessRequest.findMany({
      where,
      // The queue: oldest pending first; history: newest first.
      orderBy: params.status === "pending" ? { createdAt: "asc" } : { createdAt: "desc" },
      skip: (params.page - 1) * ACCESS_REQUESTS_PAGE_SIZE,
      take: ACCESS_REQUESTS_PAGE_SIZE,
      select: { id: true, contractNumber: true, email: true, name: true, message: true, status: true, ip: true, createdAt: true, decidedAt: true, decidedByUserId: true, customer: { select: { id: true, name: true } } },
    }),
    db.accessRequest.count({ where }),
  ]);
  const [users, deciders] = await Promise.all([
    db.user.findMany({ where: { email: { in: [...new Set(rows.map((r) => r.email))] } }, select: { email: true } }),
    db.user.findMany({ where: { id: { in: rows.map((r) => r.decidedByUserId).filter((x): x is string => Boolean(x)) } }, select: { id: true, name: true } }),
  ]);
  const withLogin = new Set(users.map((u) => u.email));
  const deciderName = new Map(deciders.map((u) => [u.id, u.name]));
  return {
    items: rows.map(({ decidedByUserId, ...r }) => ({ ...r, decidedBy: decidedByUserId ? (deciderName.get(decidedByUserId) ?? null) : null, hasLogin: withLogin.has(r.email) })),
    total,
    page: params.page,
    pageSize: ACCESS_REQUESTS_PAGE_SIZE,
  };
}

/** Approve (an invitation with the chosen preset goes to the address) or reject a pending request. */
export async function decideAccessRequest(actor: StaffActor, input: DecideAccessRequestInput, meta: { ip?: string | null; userAgent?: string | null } = {}, now = new Date()): Promise<{ invitationId: string | null }> {
  assertCan(actor, "staff.customers");
  return db.$transaction(async (tx) => {
    const request = await tx.accessRequest.findUnique({ where: { id: input.requestId }, select: { id: true, status: true, customerId: true, email: true, name: true, contractNumber: true } });
    if (!request) throw new AccessRequestError("errors.notFound");
    if (request.status !== "pending") throw new AccessRequestError("errors.alreadyDecided");
    if (input.decision === "approve" && !request.customerId) throw new AccessRequestError("errors.noCustomer");
    const taken = await tx.accessRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: { status: input.decision === "approve" ? "approved" : "rejected", decidedAt: now, decidedByUserId: actor.userId },
    });
    if (taken.count !== 1) throw new AccessRequestError("errors.alreadyDecided");
    let invitationId: string | null = null;
    if (input.decision === "approve" && request.customerId) {
      const issued = await issueInvitation(tx, { customerId: request.customerId, email: request.email, name: request.name, permissions: [...PRESETS[input.preset]], invitedByUserId: actor.userId, now, locale: actor.locale });
      invitationId = issued.invitationId;
    }
    await recordAuditEvent(
      {
        action: input.decision === "approve" ? "staff.access_request.approved" : "staff.access_request.rejected",
        actorUserId: actor.userId,
        customerId: request.customerId,
        targetType: "access_request",
        targetId: request.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        data: { email: request.email, contractNumber: request.contractNumber, ...(input.decision === "approve" ? { preset: input.preset, permissions: [...PRESETS[input.preset]] } : {}) },
      },
      tx,
    );
    return { invitationId };
  });
}
