import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { type Actor, type CustomerActor, type StaffActor, assertCan, can, customerScope } from "./actor-types";
import { auth } from "./auth";
import type { CustomerPermission, StaffPermission } from "./permissions";
import { PermissionDenied } from "./errors";
import { type SessionState, resolveSessionState } from "./resolve-session";

export type { SessionState };

/**
 * The session of this request, checked against the database every time (revocations, permission
 * changes and customer switches take effect on the next request). Cached per request.
 */
export const getSessionState = cache(async (): Promise<SessionState> => resolveSessionState((await auth())?.sid));

/** Where a request in this state belongs: the next sign-in step, or the actor's home. */
export function landingPathFor(state: SessionState): string {
  switch (state.status) {
    case "two_factor_required":
      return "/login/2fa";
    case "two_factor_enrolment_required":
      return "/login/2fa/setup";
    case "no_access":
      return "/login?error=no_access";
    case "active":
      return state.actor.kind === "staff" ? "/admin" : "/dashboard";
    default:
      return "/login";
  }
}

/** For pages and server actions: the signed-in, fully verified actor, or a redirect. */
export async function requireActor(): Promise<Actor> {
  const state = await getSessionState();
  if (state.status !== "active") redirect(landingPathFor(state));
  return state.actor;
}

/** For route handlers, which answer 401 instead of redirecting. */
export async function getActor(): Promise<Actor | null> {
  const state = await getSessionState();
  return state.status === "active" ? state.actor : null;
}

export { PermissionDenied, assertCan, customerScope };


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
