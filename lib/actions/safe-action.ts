import "server-only";
import type { z } from "zod";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { can } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import type { CustomerPermission } from "@/lib/auth/permissions";
import { requireCustomerActor } from "@/lib/auth/session";
import { runAsImpersonation } from "@/lib/audit/record-audit-event";
import { type ActionResult, fail, fieldErrorsOf } from "./result";

/**
 * The one pipeline for a customer's server action (STYLE.md §3): the verified actor (or a redirect
 * to sign-in) → the permission → the form's zod schema → one lib function → a typed result.
 */
export function customerAction<S extends z.ZodType, T>(
  schema: S,
  permission: CustomerPermission | null,
  run: (actor: CustomerActor, input: z.infer<S>) => Promise<ActionResult<T>>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const actor = await requireCustomerActor();
    if (permission && !can(actor, permission)) return fail("errors.forbidden");
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
    try {
      // Audit rows written while a staff member impersonates this contact name them (lib/audit).
      const impersonator = actor.impersonator ? { impersonatorUserId: actor.impersonator.userId, impersonatorName: actor.impersonator.name } : null;
      return await runAsImpersonation(impersonator, () => run(actor, parsed.data));
    } catch (error) {
      if (error instanceof PermissionDenied) return fail("errors.forbidden");
      throw error;
    }
  };
}
