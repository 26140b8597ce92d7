"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import type { StaffActor } from "@/lib/auth/actor-types";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { CatalogError, createTaxRate, deleteProduct, deleteTaxRate, saveProduct, saveProductPrices, setProductActive, updateTaxRate } from "@/lib/billing/catalog";
import { priceGridSchema, productActiveSchema, productIdSchema, productSchema, taxRateCountrySchema, taxRateSchema } from "@/lib/billing/catalog-schemas";

// Staff writes for the catalog (`staff.catalog`); lib/billing/catalog checks again and audits.

/** A CatalogError becomes the form's error, next to its field when it names one; anything else is a bug. */
function catalogAction<I, T>(run: (actor: StaffActor, input: I) => Promise<ActionResult<T>>) {
  return async (actor: StaffActor, input: I): Promise<ActionResult<T>> => {
    try {
      return await run(actor, input);
    } catch (error) {
      if (error instanceof CatalogError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
      throw error;
    }
  };
}

function refreshCatalog(productId?: string) {
  revalidatePath("/admin/catalog");
  if (productId) revalidatePath(`/admin/catalog/${productId}`);
}

export const saveProductAction = staffAction(
  productSchema,
  "staff.catalog",
  catalogAction(async (actor, input) => {
    const saved = await saveProduct(actor, input, await currentRequestInfo());
    refreshCatalog(saved.id);
    return ok(saved);
  }),
);

export const setProductActiveAction = staffAction(
  productActiveSchema,
  "staff.catalog",
  catalogAction(async (actor, input) => {
    await setProductActive(actor, input, await currentRequestInfo());
    refreshCatalog(input.id);
    return ok(undefined);
  }),
);

export const deleteProductAction = staffAction(
  productIdSchema,
  "staff.catalog",
  catalogAction(async (actor, { id }) => {
    await deleteProduct(actor, id, await currentRequestInfo());
    refreshCatalog();
    return ok(undefined);
  }),
);

export const saveProductPricesAction = staffAction(
  priceGridSchema,
  "staff.catalog",
  catalogAction(async (actor, input) => {
    const result = await saveProductPrices(actor, input, await currentRequestInfo());
    refreshCatalog(input.productId);
    return ok(result);
  }),
);

export const createTaxRateAction = staffAction(
  taxRateSchema,
  "staff.catalog",
  catalogAction(async (actor, input) => {
    await createTaxRate(actor, input, await currentRequestInfo());
    revalidatePath("/admin/catalog/tax-rates");
    return ok(undefined);
  }),
);

export const updateTaxRateAction = staffAction(
  taxRateSchema,
  "staff.catalog",
  catalogAction(async (actor, input) => {
    await updateTaxRate(actor, input, await currentRequestInfo());
    revalidatePath("/admin/catalog/tax-rates");
    return ok(undefined);
  }),
);

export const deleteTaxRateAction = staffAction(
  taxRateCountrySchema,
  "staff.catalog",
  catalogAction(async (actor, { country }) => {
    await deleteTaxRate(actor, country, await currentRequestInfo());
    revalidatePath("/admin/catalog/tax-rates");
    return ok(undefined);
  }),
);
