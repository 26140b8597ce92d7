import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { type Actor, type CustomerActor, type StaffActor, can } from "./actor-types";
import { auth } from "./auth";
import { type CustomerPermission, type StaffPermission, parseCustomerPermissions, parseStaffPermissions } from "./permissions";
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
    twoFactorEnabled: Boolean(u.totpEnabledAt),
  };
  if (u.staffRole) {
    const role = u.staffRole.key as StaffActor["role"];
    return { ...base, kind: "staff", role, permissions: new Set(parseStaffPermissions(u.staffRole.permissions)) };
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

/**
 * The session of this request, checked against the database every time (revocations, permission
 * changes and customer switches take effect on the next request). Cached per request.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  if (!session?.sid) return { status: "anonymous" };
  const row = await loadLiveSession(session.sid);
  if (!row) return { status: "anonymous" };
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt: new Date() } });
  }
  const who = { sessionId: row.id, userId: row.user.id, email: row.user.email };
  const stage = stageOf(row);
  if (stage === "password") return { status: "two_factor_required", ...who, staff: Boolean(row.user.staffRole) };
  if (stage === "enrol") return { status: "two_factor_enrolment_required", ...who, staff: Boolean(row.user.staffRole) };
  const actor = toActor(row);
  return actor ? { status: "active", actor } : { status: "no_access", ...who };
});

function redirectFor(state: Exclude<SessionState, { status: "active" }>): never {
  switch (state.status) {
    case "two_factor_required":
      redirect("/login/2fa");
    case "two_factor_enrolment_required":
      redirect("/login/2fa/setup");
    case "no_access":
      redirect("/login?error=no_access");
    default:
      redirect("/login");
  }
}

/** For pages and server actions: the signed-in, fully verified actor, or a redirect. */
export async function requireActor(): Promise<Actor> {
  const state = await getSessionState();
  if (state.status !== "active") redirectFor(state);
  return state.actor;
}

/** For route handlers, which answer 401 instead of redirecting. */
export async function getActor(): Promise<Actor | null> {
  const state = await getSessionState();
  return state.status === "active" ? state.actor : null;
}

export class PermissionDenied extends Error {
  constructor(readonly permission: string) {
    super(`permission ${permission} required`);
  }
}

/** Throws PermissionDenied; lib/<area> functions call it before touching data. */
export function assertCan(actor: Actor, permission: CustomerPermission | StaffPermission): void {
  if (!can(actor, permission)) throw new PermissionDenied(permission);
}

/**
 * For pages: a customer's person with the permission. Staff are sent to /admin; a contact without
 * the permission gets a 404, the same answer as for something that does not exist.
 */
export async function requireCustomerActor(permission?: CustomerPermission): Promise<CustomerActor> {
  const actor = await requireActor();
  if (actor.kind !== "customer") redirect("/admin");
  if (permission && !can(actor, permission)) notFound();
  return actor;
}

/** For staff pages: customers are sent to /dashboard; staff without the permission get a 404. */
export async function requireStaffActor(permission: StaffPermission = "staff.access"): Promise<StaffActor> {
  const actor = await requireActor();
  if (actor.kind !== "staff") redirect("/dashboard");
  if (!can(actor, permission)) notFound();
  return actor;
}
