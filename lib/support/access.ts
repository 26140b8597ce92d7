import "server-only";
import { type Actor, type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The `where` that limits tickets to what `actor` may see: a customer's own tickets (tickets.view),
 * or for staff (staff.tickets) the departments of their role (a billing clerk: Sales & Billing).
 * Every ticket read and write in lib/support starts from it.
 */
export function ticketScope(actor: Actor): Prisma.TicketWhereInput {
  if (actor.kind === "customer") {
    assertCan(actor, "tickets.view");
    return { customerId: actor.customerId };
  }
  return staffTicketScope(actor);
}

export function staffTicketScope(actor: StaffActor): Prisma.TicketWhereInput {
  assertCan(actor, "staff.tickets");
  return actor.ticketDepartments ? { department: { slug: { in: [...actor.ticketDepartments] } } } : {};
}

/** Staff may move a ticket only into a department they handle. */
export function assertStaffDepartment(actor: StaffActor, departmentSlug: string): void {
  if (actor.ticketDepartments && !actor.ticketDepartments.includes(departmentSlug)) throw new PermissionDenied("staff.tickets");
}

/** Throws PermissionDenied for anyone but staff with staff.tickets (staff-only reads and writes). */
export function assertStaffTickets(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.tickets");
  assertCan(actor, "staff.tickets");
}
