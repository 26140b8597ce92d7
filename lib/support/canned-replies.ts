import "server-only";
import type { z } from "zod";
import type { Actor, StaffActor } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { staffTicketScope } from "./access";
import type { cannedReplySchema, updateCannedReplySchema } from "./canned-reply-schemas";
import { type CannedReplyContext, renderCannedReply } from "./render-canned-reply";
import { assertStaffTickets } from "./access";

// Canned replies: staff-written Markdown answers with placeholders, offered on the ticket page of
// their department (or of every department when the reply has none).

export { type CannedReplyContext, escapeMarkdownText, renderCannedReply } from "./render-canned-reply";

/** A refusal shown next to a field or above the form; the key is under "staffTickets". */
export class CannedReplyError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "CannedReplyError";
  }
}

const cannedSelect = {
  id: true,
  title: true,
  body: true,
  departmentId: true,
  updatedAt: true,
  department: { select: { name: true } },
} satisfies Prisma.CannedReplySelect;

/** A global reply shows in every department, so only staff who handle every department edit it. */
function mayManage(actor: StaffActor, departmentSlug: string | null): boolean {
  if (!actor.ticketDepartments) return true;
  return departmentSlug !== null && actor.ticketDepartments.includes(departmentSlug);
}

/**
 * For the management page: the global replies and those of the actor's departments, each with
 * whether the actor may change it.
 */
export async function listCannedReplies(actor: Actor) {
  assertStaffTickets(actor);
  staffTicketScope(actor);
  const rows = await db.cannedReply.findMany({
    where: actor.ticketDepartments ? { OR: [{ departmentId: null }, { department: { slug: { in: [...actor.ticketDepartments] } } }] } : {},
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: { ...cannedSelect, department: { select: { name: true, slug: true } } },
  });
  return rows.map(({ department, ...row }) => ({
    ...row,
    departmentName: department?.name ?? null,
    editable: mayManage(actor, department?.slug ?? null),
  }));
}
export type CannedReplyRow = Awaited<ReturnType<typeof listCannedReplies>>[number];

/**
 * The replies offered on a ticket of `departmentId` (its own and the global ones), rendered for
 * this ticket, so the picker inserts finished text. Only for a department the actor handles.
 */
export async function cannedRepliesForTicket(actor: Actor, departmentId: string, context: CannedReplyContext) {
  assertStaffTickets(actor);
  const department = await db.department.findFirst({ where: { id: departmentId, ...(actor.ticketDepartments ? { slug: { in: [...actor.ticketDepartments] } } : {}) }, select: { id: true } });
  if (!department) return [];
  const rows = await db.cannedReply.findMany({
    where: { OR: [{ departmentId: null }, { departmentId: department.id }] },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: { id: true, title: true, body: true },
  });
  return rows.map((row) => ({ id: row.id, title: row.title, body: renderCannedReply(row.body, context) }));
}

type CannedInput = z.output<typeof cannedReplySchema>;

/** The department the reply is to belong to, checked against the actor's scope. */
async function resolveDepartment(actor: StaffActor, departmentId: string): Promise<{ id: string; slug: string } | null> {
  if (!departmentId) {
    if (!mayManage(actor, null)) throw new CannedReplyError("errors.globalNotAllowed", "departmentId");
    return null;
  }
  const department = await db.department.findUnique({ where: { id: departmentId }, select: { id: true, slug: true } });
  if (!department || !mayManage(actor, department.slug)) throw new CannedReplyError("errors.invalidChoice", "departmentId");
  return department;
}

/** An existing reply the actor may change; another department's looks like a missing one. */
async function findManageable(actor: StaffActor, id: string) {
  const row = await db.cannedReply.findUnique({ where: { id }, select: { id: true, title: true, department: { select: { slug: true } } } });
  if (!row || !mayManage(actor, row.department?.slug ?? null)) throw new CannedReplyError("errors.notFound");
  return row;
}

export async function createCannedReply(actor: Actor, input: CannedInput) {
  assertStaffTickets(actor);
  const department = await resolveDepartment(actor, input.departmentId);
  return db.$transaction(async (tx) => {
    const row = await tx.cannedReply.create({ data: { title: input.title, body: input.body, departmentId: department?.id ?? null }, select: { id: true } });
    await recordAuditEvent({ action: "support.canned_reply.created", actorUserId: actor.userId, targetType: "canned_reply", targetId: row.id, data: { title: input.title, department: department?.slug ?? null } }, tx);
    return row;
  });
}

export async function updateCannedReply(actor: Actor, input: z.output<typeof updateCannedReplySchema>) {
  assertStaffTickets(actor);
  await findManageable(actor, input.id);
  const department = await resolveDepartment(actor, input.departmentId);
  await db.$transaction(async (tx) => {
    await tx.cannedReply.update({ where: { id: input.id }, data: { title: input.title, body: input.body, departmentId: department?.id ?? null } });
    await recordAuditEvent({ action: "support.canned_reply.updated", actorUserId: actor.userId, targetType: "canned_reply", targetId: input.id, data: { title: input.title, department: department?.slug ?? null } }, tx);
  });
}

export async function deleteCannedReply(actor: Actor, id: string) {
  assertStaffTickets(actor);
  const row = await findManageable(actor, id);
  await db.$transaction(async (tx) => {
    await tx.cannedReply.delete({ where: { id: row.id } });
    await recordAuditEvent({ action: "support.canned_reply.deleted", actorUserId: actor.userId, targetType: "canned_reply", targetId: row.id, data: { title: row.title } }, tx);
  });
}
