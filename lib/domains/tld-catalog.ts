import "server-only";
import { domainToUnicode } from "node:url";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type Actor, type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { SUPPORTED_CURRENCIES, type Currency, isSupportedCurrency, toDecimalString } from "@/lib/billing/money";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { RegistrarError, registrarByKey } from "@/lib/integrations/registrar";
import { FINISHED_DOMAIN_STATUSES } from "./domain-cart";
import {
  TLD_ACTIONS,
  type TldActiveInput,
  type TldCreateInput,
  type TldPriceAction,
  type TldPriceGridInput,
  type TldSettingsInput,
  parseTldPriceCell,
  tldPriceFieldPath,
} from "./tld-catalog-schemas";

// The TLD catalog as staff edit it (issue 6, /admin/catalog/tlds, `staff.catalog` like the rest of
// the catalog): which TLDs Portico sells, through which registrar, for how many years, and the
// price of each action and term per currency. The customer's search reads the 1-year prices and
// the cart the price of the term chosen (lib/domains/search.ts, domain-cart.ts). A price change
// applies to what is ordered from then on; invoices already issued keep their amounts.

/** A refusal shown next to a field (or above the form); `key` is under the "tldCatalog" namespace. */
export class TldCatalogError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "TldCatalogError";
  }
}

/** Where a staff change came from, for the audit log. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** Only staff whose role has `staff.catalog`; customers never (they cannot hold staff permissions). */
export function assertTldCatalogStaff(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.catalog");
  assertCan(actor, "staff.catalog");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Tx = Prisma.TransactionClient;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Whether lib/integrations/registrar has a module for `key` (what the search and the registrar jobs will ask for). */
export function isKnownRegistrar(key: string): boolean {
  try {
    registrarByKey(key);
    return true;
  } catch (error) {
    if (error instanceof RegistrarError) return false;
    throw error;
  }
}

function assertKnownRegistrar(key: string) {
  if (!isKnownRegistrar(key)) throw new TldCatalogError("errors.registrarUnknown", "registrar");
}

/** Locks the TLD row, so two saves of its settings or prices apply one after the other, never mixed. */
async function lockTld(tx: Tx, id: string) {
  await tx.$executeRaw`SELECT 1 FROM "Tld" WHERE id = ${id}::uuid FOR UPDATE`;
  return tx.tld.findUnique({ where: { id }, select: { id: true, name: true, registrar: true, active: true, maxYears: true, position: true } });
}

const unicodeOf = (name: string) => {
  const unicode = domainToUnicode(name);
  return unicode && unicode !== name ? unicode : null;
};

// ───────────── Reads ─────────────

export type TldPriceRow = { action: TldPriceAction; currency: string; years: number; amountMinor: bigint };

const actionOrder = (action: TldPriceAction) => TLD_ACTIONS.indexOf(action);
const currencyOrder = (currency: string) => (isSupportedCurrency(currency) ? SUPPORTED_CURRENCIES.indexOf(currency) : SUPPORTED_CURRENCIES.length);

function sortPrices(prices: TldPriceRow[]): TldPriceRow[] {
  return [...prices].sort((a, b) => actionOrder(a.action) - actionOrder(b.action) || a.years - b.years || currencyOrder(a.currency) - currencyOrder(b.currency) || a.currency.localeCompare(b.currency));
}

const tldSelect = {
  id: true,
  name: true,
  registrar: true,
  active: true,
  maxYears: true,
  position: true,
  prices: { select: { action: true, currency: true, years: true, amountMinor: true } },
} satisfies Prisma.TldSelect;

/** Domains that still stand on a TLD (not cancelled, deleted or transferred away). */
const liveDomains = { status: { notIn: [...FINISHED_DOMAIN_STATUSES] } } satisfies Prisma.DomainWhereInput;

/** Every TLD by position then name, with all its prices (by action, term, currency) and how many live domains use it. */
export async function listTlds(actor: Actor) {
  assertTldCatalogStaff(actor);
  const rows = await db.tld.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { ...tldSelect, _count: { select: { domains: { where: liveDomains } } } },
  });
  return rows.map(({ _count, prices, ...tld }) => ({ ...tld, unicode: unicodeOf(tld.name), domainCount: _count.domains, prices: sortPrices(prices) }));
}
export type TldListRow = Awaited<ReturnType<typeof listTlds>>[number];

/** One TLD with its prices; null for a missing (or malformed) id. */
export async function getTldForStaff(actor: Actor, id: string) {
  assertTldCatalogStaff(actor);
  if (!UUID.test(id)) return null;
  const row = await db.tld.findUnique({ where: { id }, select: { ...tldSelect, createdAt: true, _count: { select: { domains: { where: liveDomains } } } } });
  if (!row) return null;
  const { _count, prices, ...tld } = row;
  return { ...tld, unicode: unicodeOf(tld.name), domainCount: _count.domains, prices: sortPrices(prices) };
}
export type StaffTld = NonNullable<Awaited<ReturnType<typeof getTldForStaff>>>;

/**
 * The registrar keys staff may choose: the built-in one and every key a TLD already names, as far
 * as lib/integrations/registrar knows them (an unknown stored key is kept by the page so the form
 * shows the truth, and refused when saved).
 */
export async function registrarChoices(actor: Actor): Promise<string[]> {
  assertTldCatalogStaff(actor);
  const used = await db.tld.findMany({ distinct: ["registrar"], select: { registrar: true } });
  return [...new Set(["builtin", ...used.map((row) => row.registrar)])].filter(isKnownRegistrar).sort();
}

// ───────────── TLDs ─────────────

/**
 * Adds a TLD. A name the catalog has already is refused next to the name field (checked first for
 * the message, and by the unique index for two saves at once).
 */
export async function createTld(actor: Actor, input: TldCreateInput, meta: RequestMeta = {}): Promise<{ id: string }> {
  assertTldCatalogStaff(actor);
  assertKnownRegistrar(input.registrar);
  const fields = { name: input.name, registrar: input.registrar, active: input.active, maxYears: input.maxYears, position: input.position };
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.tld.findUnique({ where: { name: fields.name }, select: { id: true } })) throw new TldCatalogError("errors.nameTaken", "name");
      const created = await tx.tld.create({ data: fields, select: { id: true } });
      await recordAuditEvent({ action: "catalog.tld.created", actorUserId: actor.userId, targetType: "tld", targetId: created.id, data: fields, ...meta }, tx);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new TldCatalogError("errors.nameTaken", "name");
    throw error;
  }
}

/**
 * Changes a TLD's registrar, longest term and position, audited old → new. A shorter longest term
 * takes the prices of the longer terms off sale with it (they are deleted, and counted in the audit).
 */
export async function updateTldSettings(actor: Actor, input: TldSettingsInput, meta: RequestMeta = {}): Promise<void> {
  assertTldCatalogStaff(actor);
  const fields = { registrar: input.registrar, maxYears: input.maxYears, position: input.position };
  await db.$transaction(async (tx) => {
    const before = await lockTld(tx, input.id);
    if (!before) throw new TldCatalogError("errors.notFound");
    // A stored key nobody installed may stay while staff change something else; a new one must be known.
    if (fields.registrar !== before.registrar) assertKnownRegistrar(fields.registrar);
    const changes = Object.fromEntries(
      (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => before[key] !== fields[key]).map((key) => [key, { from: before[key], to: fields[key] }]),
    );
    if (Object.keys(changes).length === 0) return;
    await tx.tld.update({ where: { id: before.id }, data: fields });
    const removed = fields.maxYears < before.maxYears ? await tx.tldPrice.deleteMany({ where: { tldId: before.id, years: { gt: fields.maxYears } } }) : { count: 0 };
    await recordAuditEvent(
      { action: "catalog.tld.updated", actorUserId: actor.userId, targetType: "tld", targetId: before.id, data: { name: before.name, changes, ...(removed.count ? { removedPrices: removed.count } : {}) }, ...meta },
      tx,
    );
  });
}

/**
 * Takes a TLD off sale (or back on): an inactive TLD is not offered in the search or the cart.
 * Domains registered under it stay as they are: their DNS, nameservers and pages are untouched.
 */
export async function setTldActive(actor: Actor, input: TldActiveInput, meta: RequestMeta = {}): Promise<void> {
  assertTldCatalogStaff(actor);
  await db.$transaction(async (tx) => {
    const before = await lockTld(tx, input.id);
    if (!before) throw new TldCatalogError("errors.notFound");
    if (before.active === input.active) return;
    await tx.tld.update({ where: { id: before.id }, data: { active: input.active } });
    await recordAuditEvent(
      { action: "catalog.tld.updated", actorUserId: actor.userId, targetType: "tld", targetId: before.id, data: { name: before.name, changes: { active: { from: before.active, to: input.active } } }, ...meta },
      tx,
    );
  });
}

// ───────────── Prices ─────────────

const cellKey = (action: string, years: number, currency: string) => `${action}:${years}:${currency}`;

type WantedPrice = { action: TldPriceAction; years: number; currency: Currency; amountMinor: bigint };

/**
 * Replaces the TLD's whole price grid (every action × 1…maxYears × supported currency) in one
 * transaction: filled cells are set, empty ones stop being sold. Any bad cell refuses the whole
 * grid before anything is written, and so does a grid made for another longest term (the settings
 * changed since the form was loaded). Audited with each changed cell, old → new.
 */
export async function saveTldPrices(actor: Actor, input: TldPriceGridInput, meta: RequestMeta = {}): Promise<{ changed: number }> {
  assertTldCatalogStaff(actor);
  const wanted = new Map<string, WantedPrice>();
  const rows = input.prices.register?.length ?? 0;
  for (const action of TLD_ACTIONS) {
    const yearRows = input.prices[action];
    if (!yearRows || yearRows.length !== rows) throw new TldCatalogError("errors.invalidForm");
    yearRows.forEach((row, index) => {
      for (const currency of SUPPORTED_CURRENCIES) {
        const text = row?.[currency];
        if (typeof text !== "string") throw new TldCatalogError("errors.invalidForm");
        const parsed = parseTldPriceCell(text, currency);
        if (parsed.kind === "invalid") throw new TldCatalogError(parsed.key, tldPriceFieldPath(action, index + 1, currency));
        if (parsed.kind === "price") wanted.set(cellKey(action, index + 1, currency), { action, years: index + 1, currency, amountMinor: parsed.amountMinor });
      }
    });
  }

  return db.$transaction(async (tx) => {
    const tld = await lockTld(tx, input.tldId);
    if (!tld) throw new TldCatalogError("errors.notFound");
    if (rows !== tld.maxYears) throw new TldCatalogError("errors.gridOutdated");
    const existing = await tx.tldPrice.findMany({ where: { tldId: tld.id, currency: { in: [...SUPPORTED_CURRENCIES] } }, select: { action: true, years: true, currency: true, amountMinor: true } });
    const current = new Map(existing.map((row) => [cellKey(row.action, row.years, row.currency), row]));
    const changes: { action: TldPriceAction; years: number; currency: Currency; from: string | null; to: string | null }[] = [];
    const toDelete: Prisma.TldPriceWhereInput[] = [];
    const toCreate: Prisma.TldPriceCreateManyInput[] = [];

    for (const action of TLD_ACTIONS) {
      for (let years = 1; years <= tld.maxYears; years++) {
        for (const currency of SUPPORTED_CURRENCIES) {
          const key = cellKey(action, years, currency);
          const before = current.get(key);
          const after = wanted.get(key);
          if (before?.amountMinor === after?.amountMinor) continue;
          if (before) toDelete.push({ action, years, currency });
          if (after) toCreate.push({ tldId: tld.id, action, years, currency, amountMinor: after.amountMinor });
          changes.push({ action, years, currency, from: before ? toDecimalString(before.amountMinor, currency) : null, to: after ? toDecimalString(after.amountMinor, currency) : null });
        }
      }
    }
    // Rows the form cannot show (a longer term than maxYears) are not sold either.
    const beyond = existing.filter((row) => row.years > tld.maxYears);
    for (const row of beyond) toDelete.push({ action: row.action, years: row.years, currency: row.currency });

    if (toDelete.length) await tx.tldPrice.deleteMany({ where: { tldId: tld.id, OR: toDelete } });
    if (toCreate.length) await tx.tldPrice.createMany({ data: toCreate });
    if (changes.length || beyond.length) {
      await recordAuditEvent(
        { action: "catalog.tld.prices.updated", actorUserId: actor.userId, targetType: "tld", targetId: tld.id, data: { name: tld.name, changes, ...(beyond.length ? { removedBeyondMaxYears: beyond.length } : {}) }, ...meta },
        tx,
      );
    }
    return { changed: changes.length };
  });
}
