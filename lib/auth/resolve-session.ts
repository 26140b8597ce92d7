import "server-only";
import { db } from "@/lib/db";
import type { Actor, StaffActor } from "./actor-types";
import { parseCustomerPermissions, parseStaffPermissions, ticketDepartmentsOf } from "./permissions";
import { hasSecondFactor } from "./second-factor";
import { type LiveSession, activeMembership, loadLiveSession, stageOf } from "./session-stage";

export type SessionState =
  | { status: "anonymous" }
  | { status: "two_factor_required" | "two_factor_enrolment_required"; sessionId: string; userId: string; email: string; staff: boolean }
  | { status: "no_access"; sessionId: string; userId: string; email: string }
  | { status: "active"; actor: Actor };

const TOUCH_EVERY_MS = 60_000;

function toActor(row: LiveSession): Actor | null {
  const u = row.user;
  const base = {
    userId: u.id,
    sessionId: row.id,
    email: u.email,
    name: u.name,
    locale: u.locale,
    timeZone: u.timeZone,
    // TOTP or a security key (lib/auth/second-factor.ts).
    twoFactorEnabled: hasSecondFactor(u),
  };
  if (u.staffRole) {
    const role = u.staffRole.key as StaffActor["role"];
    return { ...base, kind: "staff", role, permissions: new Set(parseStaffPermissions(u.staffRole.permissions)), ticketDepartments: ticketDepartmentsOf(u.staffRole.ticketDepartments) };
  }
  const m = activeMembership(row);
  if (!m) return null;
  return {
    ...base,
    kind: "customer",
    customerId: m.customerId,
    customerName: m.customer.name,
    contractNumber: m.customer.contractNumber,
    isOwner: m.isOwner,
    permissions: new Set(parseCustomerPermissions(m.permissions)),
    memberships: u.memberships.map((x) => ({ customerId: x.customerId, customerName: x.customer.name, contractNumber: x.customer.contractNumber })),
  };
}

/** The newest live impersonation session opened from a staff session, loaded like any session. */
async function liveImpersonationOf(staffSessionId: string) {
  const child = await db.session.findFirst({
    where: { impersonatorSessionId: staffSessionId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return child ? loadLiveSession(child.id) : null;
}

/** Where a session id stands right now, read from the database (no request context needed). */
export async function resolveSessionState(sessionId: string | undefined | null): Promise<SessionState> {
  if (!sessionId) return { status: "anonymous" };
  const own = await loadLiveSession(sessionId);
  if (!own) return { status: "anonymous" };
  // A verified staff session with a live impersonation acts as that contact (lib/auth/impersonation.ts);
  // the cookie never changes, so nothing in the browser has to be swapped and swapped back.
  const row = (own.user.staffRole && own.twoFactorVerifiedAt ? await liveImpersonationOf(own.id) : null) ?? own;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt: new Date() } });
  }
  const who = { sessionId: row.id, userId: row.user.id, email: row.user.email };
  const stage = stageOf(row);
  if (stage === "password") return { status: "two_factor_required", ...who, staff: Boolean(row.user.staffRole) };
  if (stage === "enrol") return { status: "two_factor_enrolment_required", ...who, staff: Boolean(row.user.staffRole) };
  const actor = toActor(row);
  if (actor?.kind === "customer" && row.impersonatorUserId) {
    const staff = await db.user.findUnique({ where: { id: row.impersonatorUserId }, select: { id: true, name: true } });
    actor.impersonator = staff ? { userId: staff.id, name: staff.name } : null;
  }
  return actor ? { status: "active", actor } : { status: "no_access", ...who };
}

