"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { createServer, deleteServer, updateServer } from "@/lib/services/staff-servers";
import { createServerSchema, serverIdInputSchema, updateServerSchema } from "@/lib/services/staff-servers-schemas";
import { StaffServicesError } from "@/lib/services/staff-services";

// Server writes (staff.settings): staffAction (actor → permission → schema) → one lib/services
// function (which checks the permission again, validates again and audits) → revalidate.

async function attempt<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    // A refusal that belongs to a field shows there; the form's top says to look at the marked fields.
    if (error instanceof StaffServicesError) return error.field ? fail("errors.invalidForm", { [error.field]: error.key }) : fail(error.key);
    throw error;
  }
}

function refresh() {
  revalidatePath("/admin/settings", "layout");
}

export const createServerAction = staffAction(createServerSchema, "staff.settings", (actor, input) =>
  attempt(async () => {
    const { id } = await createServer(actor, input, await currentRequestInfo());
    refresh();
    return ok({ id });
  }),
);

export const updateServerAction = staffAction(updateServerSchema, "staff.settings", (actor, input) =>
  attempt(async () => {
    await updateServer(actor, input, await currentRequestInfo());
    refresh();
    return ok(undefined);
  }),
);

export const deleteServerAction = staffAction(serverIdInputSchema, "staff.settings", (actor, { id }) =>
  attempt(async () => {
    await deleteServer(actor, id, await currentRequestInfo());
    refresh();
    return ok(undefined);
  }),
);
