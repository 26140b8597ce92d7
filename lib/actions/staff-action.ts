import "server-only";
import type { z } from "zod";
import type { StaffActor } from "@/lib/auth/actor-types";
import { can } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import type { StaffPermission } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { type ActionResult, fail, fieldErrorsOf } from "./result";

/**
 * The staff twin of customerAction: the verified staff actor → the permission → the form's zod
 * schema → one lib function → a typed result. A customer session gets "forbidden", not a redirect.
 */
export function staffAction<S extends z.ZodType, T>(
  schema: S,
  permission: StaffPermission,
  run: (actor: StaffActor, input: z.infer<S>) => Promise<ActionResult<T>>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const actor = await requireActor();
    if (actor.kind !== "staff" || !can(actor, permission)) return fail("errors.forbidden");
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fail("errors.invalidForm", fieldErrorsOf(parsed.error));
    try {
      return await run(actor, parsed.data);
    } catch (error) {
      if (error instanceof PermissionDenied) return fail("errors.forbidden");
      throw error;
    }
  };
}
