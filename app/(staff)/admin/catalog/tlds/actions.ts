"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import type { StaffActor } from "@/lib/auth/actor-types";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { TldCatalogError, createTld, saveTldPrices, setTldActive, updateTldSettings } from "@/lib/domains/tld-catalog";
import { tldActiveSchema, tldCreateSchema, tldPriceGridSchema, tldSettingsSchema } from "@/lib/domains/tld-catalog-schemas";

// Staff writes for the TLD catalog (`staff.catalog`); lib/domains/tld-catalog checks again and audits.

/** A TldCatalogError becomes the form's error, next to its field when it names one; anything else is a bug. */
function tldAction<I, T>(run: (actor: StaffActor, input: I) => Promise<ActionResult<T>>) {
  return async (actor: StaffActor, input: I): Promise<ActionResult<T>> => {
    try {
      return await run(actor, input);
    } catch (error) {
      if (error instanceof TldCatalogError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
      throw error;
    }
  };
}

function refreshTlds(id?: string) {
  revalidatePath("/admin/catalog/tlds");
  if (id) revalidatePath(`/admin/catalog/tlds/${id}`);
}

export const createTldAction = staffAction(
  tldCreateSchema,
  "staff.catalog",
  tldAction(async (actor, input) => {
    const created = await createTld(actor, input, await currentRequestInfo());
    refreshTlds(created.id);
    return ok(created);
  }),
);

export const updateTldSettingsAction = staffAction(
  tldSettingsSchema,
  "staff.catalog",
  tldAction(async (actor, input) => {
    await updateTldSettings(actor, input, await currentRequestInfo());
    refreshTlds(input.id);
    return ok(undefined);
  }),
);

export const setTldActiveAction = staffAction(
  tldActiveSchema,
  "staff.catalog",
  tldAction(async (actor, input) => {
    await setTldActive(actor, input, await currentRequestInfo());
    refreshTlds(input.id);
    return ok(undefined);
  }),
);

export const saveTldPricesAction = staffAction(
  tldPriceGridSchema,
  "staff.catalog",
  tldAction(async (actor, input) => {
    const result = await saveTldPrices(actor, input, await currentRequestInfo());
    refreshTlds(input.tldId);
    return ok(result);
  }),
);
