import "server-only";
import { domainToASCII, domainToUnicode } from "node:url";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import { encryptSecret } from "@/lib/auth/crypto";
import { db } from "@/lib/db";
import type { DomainStatus, Prisma } from "@/lib/generated/prisma/client";
import { type Availability, RegistrarError, type RegistrarModule, registrarByKey } from "@/lib/integrations/registrar";
import {
  MAX_DOMAIN_CART_ITEMS,
  type TransferLineProblem,
  addRegistrationSchema,
  bulkTransferSchema,
  parseTransferLines,
  removeDomainCartItemSchema,
  setDomainCartYearsSchema,
} from "./domain-order-schemas";
import { splitAgainst } from "./search";

// Domains in the cart (issue 6): registrations from the search page and transfers (one or up to 50
// at once) sit in DomainCartItem rows next to the products, per user and customer. Adding checks
// what can be checked now: the TLD is sold for that many years in the customer's currency, the
// registry says the name is free (register) or held elsewhere (transfer), and Portico does not
// manage it already. The price is looked up again when the cart is shown and at checkout.

type Client = Prisma.TransactionClient | typeof db;
export type RequestMeta = { ip?: string | null; userAgent?: string | null };
export type DomainCartAction = "register" | "transfer";

/** A refusal; `key` is a message key of "domainOrders", `field` the form field it belongs to. */
export class DomainOrderError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "DomainOrderError";
  }
}

/** Statuses after which a name is free to come back to Portico (its row is history). */
export const FINISHED_DOMAIN_STATUSES: readonly DomainStatus[] = ["cancelled", "deleted", "transferred_away"];

type TldCatalogRow = { id: string; name: string; registrar: string; maxYears: number; prices: Map<string, bigint> };
const priceKey = (action: string, years: number) => `${action}:${years}`;

/**
 * The TLDs on sale with their prices in `currency`, by name. Renewals pass `includeOffSale`: a TLD
 * taken off sale is no longer registered or transferred, but the domains under it still renew.
 */
export async function tldCatalog(client: Client, currency: string, opts: { includeOffSale?: boolean } = {}): Promise<Map<string, TldCatalogRow>> {
  const rows = await client.tld.findMany({
    where: opts.includeOffSale ? {} : { active: true },
    select: { id: true, name: true, registrar: true, maxYears: true, prices: { where: { currency }, select: { action: true, years: true, amountMinor: true } } },
  });
  return new Map(rows.map((t) => [t.name, { ...t, prices: new Map(t.prices.map((p) => [priceKey(p.action, p.years), p.amountMinor])) }]));
}

/** The TLD of an A-label name among the catalog's, or null when Portico does not sell it. */
export function tldOf(catalog: Map<string, TldCatalogRow>, asciiName: string): TldCatalogRow | null {
  const split = splitAgainst(asciiName, [...catalog.keys()]);
  return split ? (catalog.get(split.tld) ?? null) : null;
}

/** The price of `years` of `action` for a name, or the reason there is none (a message key). */
export function domainPrice(tld: TldCatalogRow | null, action: "register" | "transfer" | "renew", years: number): { ok: true; amountMinor: bigint } | { ok: false; key: string } {
  if (!tld) return { ok: false, key: "errors.unsupportedTld" };
  if (years > tld.maxYears) return { ok: false, key: "errors.tooManyYears" };
  const amountMinor = tld.prices.get(priceKey(action, years));
  return amountMinor === undefined ? { ok: false, key: "errors.notPriced" } : { ok: true, amountMinor };
}

const cartRowSelect = { id: true, name: true, action: true, years: true, authCodeEnc: true, createdAt: true } satisfies Prisma.DomainCartItemSelect;
export type DomainCartRow = Prisma.DomainCartItemGetPayload<{ select: typeof cartRowSelect }>;

export type PricedDomainItem = { id: string; name: string; unicode: string | null; action: DomainCartAction; years: number; amountMinor: bigint; tldId: string; authCodeEnc: string | null };
export type DomainCartLine = { ok: true; item: PricedDomainItem } | { ok: false; id: string; name: string; unicode: string | null; action: DomainCartAction; years: number; reason: string };

const unicodeOf = (name: string) => {
  const u = domainToUnicode(name);
  return u && u !== name ? u : null;
};
const cartAction = (action: string): DomainCartAction => (action === "transfer" ? "transfer" : "register");

/** Prices each domain row now; a row the catalog no longer prices comes back with its reason. */
export async function priceDomainCartRows(client: Client, rows: DomainCartRow[], currency: string): Promise<DomainCartLine[]> {
  if (rows.length === 0) return [];
  const catalog = await tldCatalog(client, currency);
  return rows.map((row): DomainCartLine => {
    const tld = tldOf(catalog, row.name);
    const action = cartAction(row.action);
    const price = domainPrice(tld, action, row.years);
    if (!price.ok) return { ok: false, id: row.id, name: row.name, unicode: unicodeOf(row.name), action, years: row.years, reason: price.key };
    return { ok: true, item: { id: row.id, name: row.name, unicode: unicodeOf(row.name), action, years: row.years, amountMinor: price.amountMinor, tldId: tld!.id, authCodeEnc: row.authCodeEnc } };
  });
}

const cartWhere = (actor: CustomerActor, customerId: string) => ({ customerId, userId: actor.userId });

/** The actor's domain rows for the current customer, oldest first (shown under the products in the cart). */
export async function domainCartRows(client: Client, actor: CustomerActor, customerId: string): Promise<DomainCartRow[]> {
  return client.domainCartItem.findMany({ where: cartWhere(actor, customerId), orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: cartRowSelect });
}

export type AddDomainRequest = { line?: number; name: string; action: DomainCartAction; years: number; authCode?: string };
export type AddDomainResult = { line?: number; name: string; unicode: string | null; ok: boolean; /** "errors.*" when refused; "added" or "updated" otherwise. */ key: string; amountMinor?: bigint };

type Verdict = { ascii: string; tld: TldCatalogRow; amountMinor: bigint } | { key: string };

/**
 * Checks each request against the catalog, Portico's own domains and the registry (one availability
 * call per registrar for all names), then puts the acceptable ones in the cart in one transaction.
 * A name already in the cart is updated (years, auth code). Every request gets its own answer.
 */
export async function addDomainsToCart(
  actor: CustomerActor,
  requests: readonly AddDomainRequest[],
  meta: RequestMeta = {},
  opts: { registrar?: (key: string) => RegistrarModule; /** Answer without putting anything in the cart. */ checkOnly?: boolean } = {},
): Promise<AddDomainResult[]> {
  const customerId = customerScope(actor, "orders.place");
  const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { currency: true } });
  const catalog = await tldCatalog(db, customer.currency);

  const verdicts: Verdict[] = requests.map((r) => {
    const ascii = domainToASCII(r.name);
    if (!ascii || ascii.length > 253) return { key: "errors.nameInvalid" };
    const tld = tldOf(catalog, ascii);
    const price = domainPrice(tld, r.action, r.years);
    if (!price.ok) return { key: price.key };
    return { ascii, tld: tld!, amountMinor: price.amountMinor };
  });

  // Names Portico manages already (for anyone) cannot be ordered again; this customer's finished ones can.
  const asciiNames = verdicts.flatMap((v) => ("ascii" in v ? [v.ascii] : []));
  const existing = new Map(
    (await db.domain.findMany({ where: { name: { in: asciiNames } }, select: { name: true, customerId: true, status: true } })).map((d) => [d.name, d]),
  );
  verdicts.forEach((v, i) => {
    if (!("ascii" in v)) return;
    const known = existing.get(v.ascii);
    if (!known) return;
    if (known.customerId !== customerId) verdicts[i] = { key: "errors.alreadyManaged" };
    else if (!FINISHED_DOMAIN_STATUSES.includes(known.status)) verdicts[i] = { key: "errors.alreadyYours" };
  });

  // The registry: free for a registration, held by someone for a transfer.
  const byRegistrar = new Map<string, string[]>();
  for (const v of verdicts) if ("ascii" in v) byRegistrar.set(v.tld.registrar, [...(byRegistrar.get(v.tld.registrar) ?? []), v.ascii]);
  const answers = new Map<string, Availability>();
  let registryDown = false;
  for (const [key, names] of byRegistrar) {
    try {
      for (const a of await (opts.registrar ?? registrarByKey)(key).checkAvailability(names)) answers.set(a.name, a);
    } catch (error) {
      if (!(error instanceof RegistrarError)) throw error;
      registryDown = true;
    }
  }
  verdicts.forEach((v, i) => {
    if (!("ascii" in v)) return;
    const a = answers.get(v.ascii);
    if (!a) verdicts[i] = { key: registryDown ? "errors.registryUnavailable" : "errors.unsupportedTld" };
    else if (requests[i].action === "register") {
      if (!a.available) verdicts[i] = { key: a.reason === "taken" ? "errors.taken" : `errors.${a.reason === "reserved" ? "reserved" : "nameInvalid"}` };
      else if (a.premium) verdicts[i] = { key: "errors.premium" };
    } else if (a.available) verdicts[i] = { key: "errors.notRegistered" };
    else if (a.reason !== "taken") verdicts[i] = { key: a.reason === "reserved" ? "errors.reserved" : "errors.nameInvalid" };
  });

  const results: AddDomainResult[] = requests.map((r, i) => {
    const v = verdicts[i];
    const name = "ascii" in v ? v.ascii : r.name;
    return "ascii" in v ? { line: r.line, name, unicode: unicodeOf(name), ok: true, key: "added", amountMinor: v.amountMinor } : { line: r.line, name, unicode: unicodeOf(name), ok: false, key: v.key };
  });
  const accepted = results.flatMap((r, i) => (r.ok ? [{ result: r, request: requests[i] }] : []));
  if (accepted.length === 0 || opts.checkOnly) return results;

  await db.$transaction(async (tx) => {
    // One cart per user and customer: the lock keeps two tabs from going past the limit together.
    await tx.$executeRaw`SELECT 1 FROM "Membership" WHERE "userId" = ${actor.userId}::uuid AND "customerId" = ${customerId}::uuid FOR UPDATE`;
    const inCart = new Set((await tx.domainCartItem.findMany({ where: cartWhere(actor, customerId), select: { name: true } })).map((r) => r.name));
    let room = MAX_DOMAIN_CART_ITEMS - inCart.size;
    for (const { result, request } of accepted) {
      const data = { action: request.action, years: request.years, authCodeEnc: request.action === "transfer" && request.authCode ? encryptSecret(request.authCode) : null };
      if (inCart.has(result.name)) {
        await tx.domainCartItem.update({ where: { customerId_userId_name: { customerId, userId: actor.userId, name: result.name } }, data });
        result.key = "updated";
        continue;
      }
      if (room <= 0) {
        Object.assign(result, { ok: false, key: "errors.cartFull", amountMinor: undefined });
        continue;
      }
      await tx.domainCartItem.create({ data: { customerId, userId: actor.userId, name: result.name, ...data } });
      inCart.add(result.name);
      room--;
    }
    const added = accepted.filter((a) => a.result.ok).map((a) => ({ name: a.result.name, action: a.request.action, years: a.request.years }));
    if (added.length) {
      await recordAuditEvent(
        { action: "orders.cart.domains_added", actorUserId: actor.userId, customerId, targetType: "customer", targetId: customerId, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: { domains: added } },
        tx,
      );
    }
  });
  return results;
}

/** "Add to cart" for a free name from the search page; a refusal is thrown with its reason. */
export async function addRegistrationToCart(actor: CustomerActor, raw: unknown, meta: RequestMeta = {}, opts: { registrar?: (key: string) => RegistrarModule } = {}): Promise<AddDomainResult> {
  customerScope(actor, "orders.place");
  const parsed = addRegistrationSchema.safeParse(raw);
  if (!parsed.success) throw new DomainOrderError(parsed.error.issues[0]?.message ?? "errors.nameInvalid", "name");
  const [result] = await addDomainsToCart(actor, [{ name: parsed.data.name, action: "register", years: parsed.data.years }], meta, opts);
  if (!result.ok) throw new DomainOrderError(result.key, "name");
  return result;
}

export type BulkTransferResult = { results: AddDomainResult[]; added: number; refused: number };

/**
 * The transfer form: up to MAX_BULK_TRANSFER lines of "name auth-code". Malformed lines are answered
 * without asking anyone; the rest go through addDomainsToCart. The answer lists every line in order.
 */
export async function addTransfersToCart(actor: CustomerActor, raw: unknown, meta: RequestMeta = {}, opts: { registrar?: (key: string) => RegistrarModule } = {}): Promise<BulkTransferResult> {
  customerScope(actor, "orders.place");
  const parsed = bulkTransferSchema.safeParse(raw);
  if (!parsed.success) throw new DomainOrderError("errors.tooMany", "text");
  const { entries, problems, tooMany } = parseTransferLines(parsed.data.text);
  if (tooMany) throw new DomainOrderError("errors.tooMany", "text");
  if (entries.length === 0 && problems.length === 0) throw new DomainOrderError("errors.transferEmpty", "text");
  const checked = await addDomainsToCart(actor, entries.map((e) => ({ line: e.line, name: e.name, action: "transfer" as const, years: 1, authCode: e.authCode })), meta, opts);
  const refusedLines = problems.map((p: TransferLineProblem): AddDomainResult => ({ line: p.line, name: p.name, unicode: null, ok: false, key: p.key }));
  const results = [...checked, ...refusedLines].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { results, added: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length };
}


/** Takes a domain out of the actor's cart; another user's or customer's row is "not found". */
export async function removeDomainCartItem(actor: CustomerActor, raw: unknown, meta: RequestMeta = {}): Promise<void> {
  const customerId = customerScope(actor, "orders.place");
  const parsed = removeDomainCartItemSchema.safeParse(raw);
  if (!parsed.success) throw new DomainOrderError("errors.itemNotFound");
  await db.$transaction(async (tx) => {
    const row = await tx.domainCartItem.findFirst({ where: { id: parsed.data.itemId, ...cartWhere(actor, customerId) }, select: { id: true, name: true } });
    if (!row) throw new DomainOrderError("errors.itemNotFound");
    await tx.domainCartItem.delete({ where: { id: row.id } });
    await recordAuditEvent(
      { action: "orders.cart.domain_removed", actorUserId: actor.userId, customerId, targetType: "customer", targetId: customerId, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: { name: row.name } },
      tx,
    );
  });
}

/** Changes how many years a cart row buys; refused when the TLD is not sold for that many. */
export async function setDomainCartYears(actor: CustomerActor, raw: unknown): Promise<void> {
  const customerId = customerScope(actor, "orders.place");
  const parsed = setDomainCartYearsSchema.safeParse(raw);
  if (!parsed.success) throw new DomainOrderError(parsed.error.issues[0]?.message ?? "errors.yearsInvalid", "years");
  const row = await db.domainCartItem.findFirst({ where: { id: parsed.data.itemId, ...cartWhere(actor, customerId) }, select: { id: true, name: true, action: true } });
  if (!row) throw new DomainOrderError("errors.itemNotFound");
  const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { currency: true } });
  const price = domainPrice(tldOf(await tldCatalog(db, customer.currency), row.name), cartAction(row.action), parsed.data.years);
  if (!price.ok) throw new DomainOrderError(price.key, "years");
  await db.domainCartItem.update({ where: { id: row.id }, data: { years: parsed.data.years } });
}

/** Years a cart row may choose: those the TLD has a price for (the cart's select). */
export async function domainYearChoices(client: Client, currency: string, names: readonly string[]): Promise<Map<string, { register: number[]; transfer: number[] }>> {
  const catalog = await tldCatalog(client, currency);
  const out = new Map<string, { register: number[]; transfer: number[] }>();
  for (const name of names) {
    const tld = tldOf(catalog, name);
    const choices = (action: string) => (tld ? [...tld.prices.keys()].filter((k) => k.startsWith(`${action}:`)).map((k) => Number(k.split(":")[1])).filter((y) => y <= tld.maxYears).sort((a, b) => a - b) : []);
    out.set(name, { register: choices("register"), transfer: choices("transfer") });
  }
  return out;
}
