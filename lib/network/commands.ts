import "server-only";
import type { Actor } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { KbError, type RequestMeta } from "@/lib/kb/commands";
import { safeTimeZone } from "@/i18n/locales";
import { notifyAffectedCustomers } from "./notify";
import { assertNetworkManager } from "./queries";
import { CLOSED_STATUSES, type NetworkIssueInput, type NetworkStatusUpdateInput, statusFitsKind } from "./schemas";
import { zonedLocalToUtc } from "./zoned-time";

/**
 * Posts a new issue (it is public at once) or updates one when `input.id` is set. The times in the
 * form are the staff member's wall clock. With `notify`, the contacts of affected customers are
 * emailed in the same transaction (once per person and issue; see notifyAffectedCustomers).
 */
export async function saveNetworkIssue(actor: Actor, input: NetworkIssueInput, meta: RequestMeta = {}): Promise<{ id: string; queued: number }> {
  assertNetworkManager(actor);
  const zone = safeTimeZone(actor.timeZone);
  const startsAt = zonedLocalToUtc(input.startsAt, zone);
  const endsAt = input.endsAt ? zonedLocalToUtc(input.endsAt, zone) : null;
  return db.$transaction(async (tx) => {
    const serverIds = [...new Set(input.serverIds)];
    const known = await tx.server.count({ where: { id: { in: serverIds } } });
    if (known !== serverIds.length) throw new KbError("errors.invalidChoice", "serverIds");
    const servers = serverIds.map((id) => ({ id }));
    const fields = { kind: input.kind, title: input.title, body: input.body, status: input.status, startsAt, endsAt };
    let id: string;
    if (input.id) {
      const existing = await tx.networkIssue.findUnique({ where: { id: input.id }, select: { id: true } });
      if (!existing) throw new KbError("errors.notFound");
      id = (await tx.networkIssue.update({ where: { id: input.id }, data: { ...fields, servers: { set: servers } }, select: { id: true } })).id;
    } else {
      id = (await tx.networkIssue.create({ data: { ...fields, servers: { connect: servers } }, select: { id: true } })).id;
    }
    const audit = { actorUserId: actor.userId, targetType: "network_issue", targetId: id, ...meta };
    await recordAuditEvent({ action: input.id ? "network.issue.updated" : "network.issue.posted", ...audit, data: { kind: input.kind, title: input.title, status: input.status, servers: serverIds.length } }, tx);
    let queued = 0;
    if (input.notify) {
      const result = await notifyAffectedCustomers(tx, id);
      queued = result.queued;
      await recordAuditEvent({ action: "network.issue.notified", ...audit, data: result }, tx);
    }
    return { id, queued };
  });
}

/**
 * A status update in the issue's timeline; the issue takes the new status. Closing it (completed /
 * resolved) ends it now unless it already ended earlier.
 */
export async function postNetworkStatusUpdate(actor: Actor, input: NetworkStatusUpdateInput, meta: RequestMeta = {}): Promise<{ id: string }> {
  assertNetworkManager(actor);
  return db.$transaction(async (tx) => {
    // The row lock orders two updates posted at once, so the issue ends with the later status.
    await tx.$executeRaw`SELECT 1 FROM "NetworkIssue" WHERE id = ${input.issueId}::uuid FOR UPDATE`;
    const issue = await tx.networkIssue.findUnique({ where: { id: input.issueId }, select: { id: true, kind: true, endsAt: true } });
    if (!issue) throw new KbError("errors.notFound");
    if (!statusFitsKind(issue.kind, input.status)) throw new KbError("errors.statusForKind", "status");
    const now = new Date();
    const closes = (CLOSED_STATUSES as readonly string[]).includes(input.status);
    const update = await tx.networkIssueUpdate.create({ data: { issueId: issue.id, status: input.status, body: input.body, createdAt: now }, select: { id: true } });
    await tx.networkIssue.update({
      where: { id: issue.id },
      data: { status: input.status, ...(closes && (!issue.endsAt || issue.endsAt > now) ? { endsAt: now } : {}) },
    });
    await recordAuditEvent(
      { action: "network.issue.status_updated", actorUserId: actor.userId, targetType: "network_issue", targetId: issue.id, data: { status: input.status }, ...meta },
      tx,
    );
    return update;
  });
}

export async function deleteNetworkIssue(actor: Actor, id: string, meta: RequestMeta = {}): Promise<void> {
  assertNetworkManager(actor);
  await db.$transaction(async (tx) => {
    const issue = await tx.networkIssue.findUnique({ where: { id }, select: { title: true } });
    if (!issue) throw new KbError("errors.notFound");
    await tx.networkIssue.delete({ where: { id } });
    await recordAuditEvent({ action: "network.issue.deleted", actorUserId: actor.userId, targetType: "network_issue", targetId: id, data: { title: issue.title }, ...meta }, tx);
  });
}
