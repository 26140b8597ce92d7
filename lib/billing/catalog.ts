import "server-only";
import type { Actor, StaffActor } from "@/lib/auth/actor-types";
import { assertCan } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  type CatalogFilter,
  PRODUCT_KINDS,
  type PriceCellValue,
  type PriceGridInput,
  type ProductInput,
  type ProductKind,
  type TaxRateInput,
  basisPointsToPercent,
  parsePriceCell,
  percentToBasisPoints,
} from "./catalog-schemas";
import { BILLING_CYCLES, type BillingCycle } from "./cycles";
import { SUPPORTED_CURRENCIES, type Currency, isSupportedCurrency, toDecimalString } from "./money";

// The staff catalog (`staff.catalog`): products, their prices per currency and cycle, and the VAT
// rate of each country. A price change applies to new orders only: a running service keeps the
// amount its customer agreed to (Service.recurringMinor), so nothing here touches services.

/** A refusal shown next to a field (or above the form); `key` is under the "catalog" namespace. */
export class CatalogError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "CatalogError";
  }
}

/** Where a staff change came from, for the audit log. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** Only staff whose role has `staff.catalog`; customers never (they cannot hold staff permissions). */
export function assertCatalogStaff(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.catalog");
  assertCan(actor, "staff.catalog");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

type Tx = Prisma.TransactionClient;

/** Locks the product row: a service being created for it (its foreign key) waits until we commit. */
async function lockProduct(tx: Tx, id: string) {
  await tx.$executeRaw`SELECT 1 FROM "Product" WHERE id = ${id}::uuid FOR UPDATE`;
  return tx.product.findUnique({ where: { id }, select: { id: true, slug: true, kind: true, name: true, description: true, active: true, position: true } });
}

// ───────────── Reads ─────────────

export type CatalogPrice = { currency: string; cycle: BillingCycle; amountMinor: bigint; setupFeeMinor: bigint };

const productListSelect = {
  id: true,
  slug: true,
  kind: true,
  name: true,
  description: true,
  active: true,
  position: true,
  prices: { select: { currency: true, cycle: true, amountMinor: true, setupFeeMinor: true } },
  _count: { select: { services: true } },
} satisfies Prisma.ProductSelect;

const cycleOrder = (cycle: BillingCycle) => BILLING_CYCLES.indexOf(cycle);
const currencyOrder = (currency: string) => (isSupportedCurrency(currency) ? SUPPORTED_CURRENCIES.indexOf(currency) : SUPPORTED_CURRENCIES.length);

function sortPrices<P extends { currency: string; cycle: BillingCycle }>(prices: P[]): P[] {
  return [...prices].sort((a, b) => currencyOrder(a.currency) - currencyOrder(b.currency) || a.currency.localeCompare(b.currency) || cycleOrder(a.cycle) - cycleOrder(b.cycle));
}

/**
 * The catalog list: products grouped by kind (in PRODUCT_KINDS order), each group by position then
 * name; only the groups that have products. `filter` picks active, inactive or every product.
 */
export async function listCatalog(actor: Actor, filter: CatalogFilter = "all") {
  assertCatalogStaff(actor);
  const rows = await db.product.findMany({
    where: filter === "all" ? {} : { active: filter === "active" },
    orderBy: [{ position: "asc" }, { name: "asc" }, { id: "asc" }],
    select: productListSelect,
  });
  const groups = PRODUCT_KINDS.map((kind) => ({
    kind,
    products: rows
      .filter((row) => row.kind === kind)
      .map(({ _count, prices, ...row }) => ({ ...row, kind: row.kind as ProductKind, serviceCount: _count.services, prices: sortPrices(prices) })),
  })).filter((group) => group.products.length > 0);
  return { groups, total: rows.length };
}
export type CatalogGroup = Awaited<ReturnType<typeof listCatalog>>["groups"][number];
export type CatalogProductRow = CatalogGroup["products"][number];

/** One product with its prices and how many services use it; null for a missing (or malformed) id. */
export async function getProductForStaff(actor: Actor, id: string) {
  assertCatalogStaff(actor);
  if (!UUID.test(id)) return null;
  const row = await db.product.findUnique({ where: { id }, select: { ...productListSelect, createdAt: true, updatedAt: true } });
  if (!row) return null;
  const { _count, prices, ...product } = row;
  const activeServiceCount = _count.services ? await db.service.count({ where: { productId: id, status: { in: ["pending", "active", "suspended"] } } }) : 0;
  return { ...product, kind: product.kind as ProductKind, serviceCount: _count.services, activeServiceCount, prices: sortPrices(prices) };
}
export type StaffProduct = NonNullable<Awaited<ReturnType<typeof getProductForStaff>>>;

// ───────────── Products ─────────────

function productFields(input: ProductInput) {
  return { slug: input.slug, kind: input.kind, name: input.name, description: input.description || null, active: input.active, position: input.position };
}

/**
 * Creates a product, or updates it when `input.id` is set. A slug another product has is refused
 * next to the slug field (checked first for the message, and by the unique index for two saves
 * at once).
 */
export async function saveProduct(actor: Actor, input: ProductInput, meta: RequestMeta = {}): Promise<{ id: string }> {
  assertCatalogStaff(actor);
  const fields = productFields(input);
  try {
    return await db.$transaction(async (tx) => {
      const clash = await tx.product.findUnique({ where: { slug: fields.slug }, select: { id: true } });
      if (clash && clash.id !== input.id) throw new CatalogError("errors.slugTaken", "slug");
      const audit = { actorUserId: actor.userId, targetType: "product", ...meta };
      if (!input.id) {
        const created = await tx.product.create({ data: fields, select: { id: true } });
        await recordAuditEvent({ action: "catalog.product.created", ...audit, targetId: created.id, data: { ...fields } }, tx);
        return created;
      }
      const before = await lockProduct(tx, input.id);
      if (!before) throw new CatalogError("errors.notFound");
      await tx.product.update({ where: { id: before.id }, data: fields });
      const changes = Object.fromEntries(
        (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => before[key] !== fields[key]).map((key) => [key, { from: before[key], to: fields[key] }]),
      );
      if (Object.keys(changes).length) await recordAuditEvent({ action: "catalog.product.updated", ...audit, targetId: before.id, data: { slug: fields.slug, changes } }, tx);
      return { id: before.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new CatalogError("errors.slugTaken", "slug");
    throw error;
  }
}

/** Takes a product off (or back on) the order form; what services use it stays as it is. */
export async function setProductActive(actor: Actor, input: { id: string; active: boolean }, meta: RequestMeta = {}): Promise<void> {
  assertCatalogStaff(actor);
  await db.$transaction(async (tx) => {
    const before = await lockProduct(tx, input.id);
    if (!before) throw new CatalogError("errors.notFound");
    if (before.active === input.active) return;
    await tx.product.update({ where: { id: before.id }, data: { active: input.active } });
    await recordAuditEvent(
      { action: "catalog.product.updated", actorUserId: actor.userId, targetType: "product", targetId: before.id, data: { slug: before.slug, changes: { active: { from: before.active, to: input.active } } }, ...meta },
      tx,
    );
  });
}

/**
 * Deletes a product no service has ever used (its prices go with it). A product with services is
 * refused: it is what those services were sold as, so staff deactivate it instead.
 */
export async function deleteProduct(actor: Actor, id: string, meta: RequestMeta = {}): Promise<void> {
  assertCatalogStaff(actor);
  if (!UUID.test(id)) throw new CatalogError("errors.notFound");
  await db.$transaction(async (tx) => {
    const product = await lockProduct(tx, id);
    if (!product) throw new CatalogError("errors.notFound");
    const services = await tx.service.count({ where: { productId: id } });
    if (services > 0) throw new CatalogError("errors.productInUse");
    await tx.product.delete({ where: { id } });
    await recordAuditEvent({ action: "catalog.product.deleted", actorUserId: actor.userId, targetType: "product", targetId: id, data: { slug: product.slug, name: product.name, kind: product.kind }, ...meta }, tx);
  });
}

// ───────────── Prices ─────────────

const cellKey = (currency: string, cycle: BillingCycle) => `${currency}:${cycle}`;
const money = (value: PriceCellValue, currency: Currency) => ({ amount: toDecimalString(value.amountMinor, currency), setupFee: toDecimalString(value.setupFeeMinor, currency) });

/**
 * Replaces the product's whole price grid (the supported currencies × every cycle) in one
 * transaction: filled cells are set, empty cells stop being offered. Any bad cell refuses the
 * whole grid before anything is written. Audited with each changed cell, old → new.
 */
export async function saveProductPrices(actor: Actor, input: PriceGridInput, meta: RequestMeta = {}): Promise<{ changed: number }> {
  assertCatalogStaff(actor);
  const wanted = new Map<string, { currency: Currency; cycle: BillingCycle; value: PriceCellValue }>();
  for (const currency of SUPPORTED_CURRENCIES) {
    for (const cycle of BILLING_CYCLES) {
      const cell = input.prices[currency]?.[cycle];
      if (!cell) throw new CatalogError("errors.invalidForm");
      const parsed = parsePriceCell(cell, currency);
      if (parsed.kind === "invalid") {
        const [field, key] = Object.entries(parsed.errors)[0];
        throw new CatalogError(key, `prices.${currency}.${cycle}.${field}`);
      }
      if (parsed.kind === "price") wanted.set(cellKey(currency, cycle), { currency, cycle, value: parsed.value });
    }
  }

  return db.$transaction(async (tx) => {
    // The row lock makes two grids saved at once apply one after the other, never mixed.
    const product = await lockProduct(tx, input.productId);
    if (!product) throw new CatalogError("errors.notFound");
    const existing = await tx.price.findMany({ where: { productId: product.id, currency: { in: [...SUPPORTED_CURRENCIES] } }, select: { id: true, currency: true, cycle: true, amountMinor: true, setupFeeMinor: true } });
    const current = new Map(existing.map((row) => [cellKey(row.currency, row.cycle), row]));
    const changes: { currency: Currency; cycle: BillingCycle; from: ReturnType<typeof money> | null; to: ReturnType<typeof money> | null }[] = [];

    for (const currency of SUPPORTED_CURRENCIES) {
      for (const cycle of BILLING_CYCLES) {
        const key = cellKey(currency, cycle);
        const before = current.get(key);
        const after = wanted.get(key);
        if (before && !after) {
          await tx.price.delete({ where: { id: before.id } });
        } else if (after && !before) {
          await tx.price.create({ data: { productId: product.id, currency, cycle, ...after.value } });
        } else if (after && before && (before.amountMinor !== after.value.amountMinor || before.setupFeeMinor !== after.value.setupFeeMinor)) {
          await tx.price.update({ where: { id: before.id }, data: after.value });
        } else {
          continue;
        }
        changes.push({ currency, cycle, from: before ? money(before, currency) : null, to: after ? money(after.value, currency) : null });
      }
    }
    if (changes.length) {
      await recordAuditEvent({ action: "catalog.prices.updated", actorUserId: actor.userId, targetType: "product", targetId: product.id, data: { slug: product.slug, changes }, ...meta }, tx);
    }
    return { changed: changes.length };
  });
}

// ───────────── VAT rates ─────────────

/** Every country's rate, by country code. */
export async function listTaxRates(actor: Actor) {
  assertCatalogStaff(actor);
  const rows = await db.taxRate.findMany({ orderBy: { country: "asc" } });
  return rows.map((row) => ({ country: row.country, rateBp: row.rateBp, percent: basisPointsToPercent(row.rateBp) }));
}
export type TaxRateRow = Awaited<ReturnType<typeof listTaxRates>>[number];

function rateBpOf(input: TaxRateInput): number {
  const rateBp = percentToBasisPoints(input.rate);
  if (rateBp === null) throw new CatalogError("errors.rateFormat", "rate");
  if (rateBp > 10_000) throw new CatalogError("errors.rateRange", "rate");
  return rateBp;
}

/** Adds a country's rate; a country that has one already is refused next to the country field. */
export async function createTaxRate(actor: Actor, input: TaxRateInput, meta: RequestMeta = {}): Promise<void> {
  assertCatalogStaff(actor);
  const rateBp = rateBpOf(input);
  try {
    await db.$transaction(async (tx) => {
      if (await tx.taxRate.findUnique({ where: { country: input.country } })) throw new CatalogError("errors.countryExists", "country");
      await tx.taxRate.create({ data: { country: input.country, rateBp } });
      await recordAuditEvent({ action: "catalog.tax_rate.created", actorUserId: actor.userId, targetType: "tax_rate", targetId: input.country, data: { country: input.country, rateBp }, ...meta }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new CatalogError("errors.countryExists", "country");
    throw error;
  }
}

/** Changes a country's rate. Issued invoices keep the rate on their lines; new ones use this. */
export async function updateTaxRate(actor: Actor, input: TaxRateInput, meta: RequestMeta = {}): Promise<void> {
  assertCatalogStaff(actor);
  const rateBp = rateBpOf(input);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "TaxRate" WHERE country = ${input.country} FOR UPDATE`;
    const before = await tx.taxRate.findUnique({ where: { country: input.country } });
    if (!before) throw new CatalogError("errors.notFound");
    if (before.rateBp === rateBp) return;
    await tx.taxRate.update({ where: { country: input.country }, data: { rateBp } });
    await recordAuditEvent(
      { action: "catalog.tax_rate.updated", actorUserId: actor.userId, targetType: "tax_rate", targetId: input.country, data: { country: input.country, from: before.rateBp, to: rateBp }, ...meta },
      tx,
    );
  });
}

export async function deleteTaxRate(actor: Actor, country: string, meta: RequestMeta = {}): Promise<void> {
  assertCatalogStaff(actor);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "TaxRate" WHERE country = ${country} FOR UPDATE`;
    const before = await tx.taxRate.findUnique({ where: { country } });
    if (!before) throw new CatalogError("errors.notFound");
    await tx.taxRate.delete({ where: { country } });
    await recordAuditEvent({ action: "catalog.tax_rate.deleted", actorUserId: actor.userId, targetType: "tax_rate", targetId: country, data: { country, rateBp: before.rateBp }, ...meta }, tx);
  });
}
