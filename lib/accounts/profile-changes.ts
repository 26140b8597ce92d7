import "server-only";
import { type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { ProfileChangeStatus } from "@/lib/generated/prisma/client";
import { type Changes, ProfileError, type RequestMeta } from "./profile";
import { decideProfileChangeSchema } from "./profile-schemas";

// Staff's side of the profile change requests (staff.customers): the list, and approve (the
// requested values are written to the customer) or reject, with a note the customer sees.

export type ProfileChangeRow = {
  id: string;
  customerId: string;
  customerName: string;
  contractNumber: string;
  requestedBy: string | null;
  changes: Changes;
  status: ProfileChangeStatus;
  staffNote: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
};

/** Change requests, pending ones by default (oldest first, the queue order); `customerId` narrows to one customer (newest first). */
export async function listProfileChangeRequests(staffActor: StaffActor, opts: { status?: ProfileChangeStatus | "all"; customerId?: string; take?: number } = {}): Promise<ProfileChangeRow[]> {
  assertCan(staffActor, "staff.customers");
  const status = opts.status ?? "pending";
  const rows = await db.profileChangeRequest.findMany({
    where: { ...(status === "all" ? {} : { status }), ...(opts.customerId ? { customerId: opts.customerId } : {}) },
    orderBy: { createdAt: status === "pending" && !opts.customerId ? "asc" : "desc" },
    take: Math.min(opts.take ?? 100, 500),
    select: { id: true, customerId: true, requestedByUserId: true, changes: true, status: true, staffNote: true, createdAt: true, decidedAt: true, decidedByUserId: true, customer: { select: { name: true, contractNumber: true } } },
  });
  const userIds = [...new Set(rows.flatMap((r) => [r.requestedByUserId, r.decidedByUserId]).filter((id): id is string => id !== null))];
  const names = new Map((await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    customerName: r.customer.name,
    contractNumber: r.customer.contractNumber,
    requestedBy: r.requestedByUserId ? (names.get(r.requestedByUserId) ?? null) : null,
    changes: r.changes as Changes,
    status: r.status,
    staffNote: r.staffNote,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedByUserId ? (names.get(r.decidedByUserId) ?? null) : null,
  }));
}

/**
 * Approves (the requested values replace the customer's) or rejects a pending request, once; the
 * decision is audited in the customer's activity with old → new values and the note.
 */
export async function decideProfileChange(staffActor: StaffActor, input: { id: string; approve: boolean; note?: string }, meta: RequestMeta = {}): Promise<{ status: "approved" | "rejected" }> {
  assertCan(staffActor, "staff.customers");
  const parsed = decideProfileChangeSchema.safeParse(input);
  if (!parsed.success) throw new ProfileError(parsed.error.issues[0]?.message ?? "errors.invalid");
  const { id, approve, note } = parsed.data;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "ProfileChangeRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
    const request = await tx.profileChangeRequest.findUnique({ where: { id }, select: { customerId: true, status: true, changes: true } });
    if (!request) throw new ProfileError("errors.notFound");
    if (request.status !== "pending") throw new ProfileError("errors.alreadyDecided");
    const requested = request.changes as Changes;
    const status = approve ? "approved" : "rejected";
    let applied: Changes = {};
    if (approve) {
      const current = await tx.customer.findUniqueOrThrow({ where: { id: request.customerId }, select: { name: true, country: true, vatId: true } });
      const data: { name?: string; country?: string; vatId?: string | null } = {};
      for (const field of ["name", "country", "vatId"] as const) {
        const change = requested[field];
        if (!change) continue;
        if (field === "vatId") data.vatId = change.to;
        else if (change.to) data[field] = change.to;
        applied[field] = { from: current[field], to: change.to };
      }
      applied = Object.fromEntries(Object.entries(applied).filter(([, c]) => (c.from || null) !== (c.to || null)));
      if (Object.keys(data).length) await tx.customer.update({ where: { id: request.customerId }, data });
    }
    await tx.profileChangeRequest.update({ where: { id }, data: { status, staffNote: note || null, decidedAt: new Date(), decidedByUserId: staffActor.userId } });
    await recordAuditEvent(
      {
        action: `account.profile_change.${status}`,
        actorUserId: staffActor.userId,
        customerId: request.customerId,
        targetType: "profile_change",
        targetId: id,
        data: { changes: approve ? applied : requested, ...(note ? { note } : {}) },
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
    return { status };
  });
}
