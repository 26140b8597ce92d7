"use server";

import { revalidatePath } from "next/cache";
import { ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { catchKbError } from "@/lib/kb/commands";
import { deleteNetworkIssue, postNetworkStatusUpdate, saveNetworkIssue } from "@/lib/network/commands";
import { networkIssueIdSchema, networkIssueSchema, networkStatusUpdateSchema } from "@/lib/network/schemas";

// Staff writes for network status (`staff.settings`); lib/network checks again and audits.

function refreshNetwork() {
  revalidatePath("/admin/network", "layout");
  revalidatePath("/support/network-status");
  revalidatePath("/dashboard");
}

export const saveNetworkIssueAction = staffAction(
  networkIssueSchema,
  "staff.settings",
  catchKbError(async (actor, input) => {
    const saved = await saveNetworkIssue(actor, input, await currentRequestInfo());
    refreshNetwork();
    return ok(saved);
  }),
);

export const postNetworkStatusUpdateAction = staffAction(
  networkStatusUpdateSchema,
  "staff.settings",
  catchKbError(async (actor, input) => {
    const update = await postNetworkStatusUpdate(actor, input, await currentRequestInfo());
    refreshNetwork();
    return ok(update);
  }),
);

export const deleteNetworkIssueAction = staffAction(
  networkIssueIdSchema,
  "staff.settings",
  catchKbError(async (actor, { id }) => {
    await deleteNetworkIssue(actor, id, await currentRequestInfo());
    refreshNetwork();
    return ok(undefined);
  }),
);
