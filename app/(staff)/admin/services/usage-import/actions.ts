"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { UsageImportError, importUsageCsv } from "@/lib/services/usage-import";
import { usageImportSchema } from "@/lib/services/usage-schemas";

// The staff usage import (staff.services): staffAction (actor → permission → schema) → one lib
// function (which checks again, validates every row and audits) → a typed result.

export const importUsageAction = staffAction(usageImportSchema, "staff.services", async (actor, input) => {
  try {
    const result = await importUsageCsv(actor, input, await currentRequestInfo());
    if (result.ok) revalidatePath(`/admin/services/${input.serviceId}`);
    return ok(result.ok ? { status: "imported" as const, rows: result.rows, inserted: result.inserted, duplicates: result.duplicates } : { status: "invalid" as const, errors: result.errors });
  } catch (error) {
    if (error instanceof UsageImportError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
    throw error;
  }
});
