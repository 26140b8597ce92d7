import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { type Actor, type CustomerActor, type StaffActor, assertCan } from "./actor-types";
import { PermissionDenied } from "./errors";

// Staff impersonation (issue 7): a staff member with staff.impersonate opens the portal as one of a
// customer's contacts. It is a session of its own (Session.impersonatorUserId/-SessionId), at most an
// hour long and never longer than the staff session; while it lives, the staff member's own session
// resolves to it (lib/auth/resolve-session.ts), so the cookie never changes hands (swapping session
// cookies races with requests already in flight). While impersonating, the portal
// shows a banner and refuses password, 2FA, security key and contact changes; the start, the end and
// everything done meanwhile are in the customer's activity log with the staff member's name.

export const IMPERSONATION_MAX_MS = 60 * 60_000;

/** The one refusal for changes an impersonating staff member may not make (passwords, 2FA, contacts). */
export class ImpersonationRefused extends PermissionDenied {
  constructor() {
    super("not-while-impersonating");
    this.name = "ImpersonationRefused";
  }
}

export function isImpersonating(actor: Actor): boolean {
  return actor.kind === "customer" && Boolean(actor.impersonator);
}

/** Call first in every lib function that changes a password, a second factor or a customer's contacts. */
export function assertNotImpersonating(actor: Actor): void {
  if (isImpersonating(actor)) throw new ImpersonationRefused();
}

export const startImpersonationSchema = z.object({ customerId: z.guid({ message: "errors.notFound" }), userId: z.guid({ message: "errors.notFound" }) });

export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/**
 * Opens an impersonation session for `userId` at `customerId` (the staff session acts as it from the
 * next request) and returns its id. The contact must be a member of that customer and not staff; the staff member needs
 * staff.impersonate (and may not impersonate from inside another impersonation).
 */
export async function startImpersonation(actor: StaffActor, raw: unknown, meta: RequestMeta = {}, now = new Date()): Promise<{ sessionId: string }> {
  assertCan(actor, "staff.impersonate");
  const { customerId, userId } = startImpersonationSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const staffSession = await tx.session.findUnique({ where: { id: actor.sessionId }, select: { expiresAt: true, revokedAt: true, impersonatorSessionId: true } });
    if (!staffSession || staffSession.revokedAt || staffSession.impersonatorSessionId) throw new PermissionDenied("staff.impersonate");
    const membership = await tx.membership.findUnique({
      where: { userId_customerId: { userId, customerId } },
      select: { user: { select: { name: true, email: true, staffRoleId: true, disabledAt: true } }, customer: { select: { name: true } } },
    });
    if (!membership || membership.user.staffRoleId || membership.user.disabledAt) throw new ImpersonationTargetMissing();
    const expiresAt = new Date(Math.min(now.getTime() + IMPERSONATION_MAX_MS, staffSession.expiresAt.getTime()));
    // One impersonation per staff session: a new one ends the one before.
    await tx.session.updateMany({ where: { impersonatorSessionId: actor.sessionId, revokedAt: null }, data: { revokedAt: now } });
    const session = await tx.session.create({
      data: {
        userId,
        activeCustomerId: customerId,
        expiresAt,
        twoFactorVerifiedAt: now,
        // Never "recently verified": sensitive actions ask for the contact's own password or code.
        reauthenticatedAt: new Date(0),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        impersonatorUserId: actor.userId,
        impersonatorSessionId: actor.sessionId,
      },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        action: "auth.impersonation.started",
        actorUserId: actor.userId,
        customerId,
        targetType: "user",
        targetId: userId,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
        data: { staffName: actor.name, contactName: membership.user.name, contactEmail: membership.user.email, impersonationSessionId: session.id },
      },
      tx,
    );
    return { sessionId: session.id };
  });
}

/** A contact that is not (or no longer) a member of the customer, or a staff account. */
export class ImpersonationTargetMissing extends Error {
  constructor() {
    super("errors.notFound");
    this.name = "ImpersonationTargetMissing";
  }
}

/** Ends the actor's impersonation session (the staff session is itself again); returns it and the customer for the staff page. */
export async function stopImpersonation(actor: CustomerActor, meta: RequestMeta = {}, now = new Date()): Promise<{ staffSessionId: string; customerId: string } | null> {
  if (!actor.impersonator) return null;
  return db.$transaction(async (tx) => {
    const session = await tx.session.findUnique({ where: { id: actor.sessionId }, select: { impersonatorSessionId: true, impersonatorUserId: true, revokedAt: true } });
    if (!session?.impersonatorSessionId) return null;
    if (!session.revokedAt) await tx.session.update({ where: { id: actor.sessionId }, data: { revokedAt: now } });
    await recordAuditEvent(
      {
        action: "auth.impersonation.ended",
        actorUserId: session.impersonatorUserId,
        customerId: actor.customerId,
        targetType: "user",
        targetId: actor.userId,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
        data: { staffName: actor.impersonator?.name ?? null, contactName: actor.name },
      },
      tx,
    );
    return { staffSessionId: session.impersonatorSessionId, customerId: actor.customerId };
  });
}
