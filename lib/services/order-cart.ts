import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import type { BillingCycle } from "@/lib/billing/cycles";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invoiceTotals, taxTreatment, treatmentRate } from "@/lib/billing/tax";
import { OrderError, type PricedItem, customerCurrency, itemDomain, loadOrderProduct, priceItem } from "./order-catalog";
import { MAX_CART_ITEMS, addToCartSchema, removeCartItemSchema } from "./order-schemas";
import { type PricedDomainItem, addDomainsToCart, domainCartRows, domainYearChoices, priceDomainCartRows } from "@/lib/domains/domain-cart";
import type { RegistrarModule } from "@/lib/integrations/registrar";

// The cart: CartItem rows per user and customer (a contact's cart is their own; switching customer
// shows that customer's cart). A row keeps the choices only; the prices are looked up again every
// time the cart is shown and at checkout, so a catalog change never charges a stale price.

type Tx = Prisma.TransactionClient;
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

export const cartItemSelect = { id: true, productId: true, cycle: true, domain: true, domainAction: true, options: true, createdAt: true } satisfies Prisma.CartItemSelect;
export type CartRow = Prisma.CartItemGetPayload<{ select: typeof cartItemSelect }>;

/** The stored { optionCode: choiceCode } of a row (anything else stored there counts as no choice). */
export function storedOptions(value: Prisma.JsonValue): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export type PricedCartItem = {
  id: string;
  productId: string;
  productName: string;
  cycle: BillingCycle;
  domain: string | null;
  domainAction: "register" | "transfer" | "own" | null;
  priced: PricedItem;
};

export type CartLine = { ok: true; item: PricedCartItem } | { ok: false; id: string; productName: string | null; cycle: BillingCycle; reason: string };

/** Prices each row against the current catalog; a row the catalog no longer allows comes back with its reason (a message key). */
export async function priceCartRows(client: Tx, rows: CartRow[], currency: string): Promise<CartLine[]> {
  const products = new Map<string, Awaited<ReturnType<typeof loadOrderProduct>>>();
  for (const id of new Set(rows.map((r) => r.productId))) products.set(id, await loadOrderProduct(client, id, currency));
  return rows.map((row): CartLine => {
    const product = products.get(row.productId);
    if (!product) return { ok: false, id: row.id, productName: null, cycle: row.cycle, reason: "errors.unknownProduct" };
    try {
      const priced = priceItem(product, row.cycle, storedOptions(row.options));
      const domain = itemDomain(product, { domain: row.domain ?? "", domainAction: row.domainAction ?? "" });
      return { ok: true, item: { id: row.id, productId: product.id, productName: product.name, cycle: priced.cycle, ...domain, priced } };
    } catch (error) {
      if (error instanceof OrderError) return { ok: false, id: row.id, productName: product.name, cycle: row.cycle, reason: error.key };
      throw error;
    }
  });
}

export type CartTotals = { netMinor: bigint; taxMinor: bigint; grossMinor: bigint; setupMinor: bigint; taxRateBp: number };

/** What the checkout's invoice will come to: the items' first cycle plus setup fees, with the customer's VAT (lib/billing/tax). */
export async function cartTotals(client: Tx, customerId: string, items: PricedCartItem[], domains: PricedDomainItem[] = []): Promise<CartTotals> {
  const taxRateBp = await customerTaxRate(client, customerId);
  const nets = [...items.flatMap((i) => [i.priced.recurringMinor, i.priced.setupFeeMinor]), ...domains.map((d) => d.amountMinor)].filter((n) => n > 0n);
  const totals = invoiceTotals(nets.map((netMinor) => ({ netMinor, rateBp: taxRateBp })));
  return { netMinor: totals.netMinor, taxMinor: totals.taxMinor, grossMinor: totals.grossMinor, setupMinor: items.reduce((s, i) => s + i.priced.setupFeeMinor, 0n), taxRateBp };
}

/** The VAT rate of the customer's invoices (the same rule as the renewal run). */
export async function customerTaxRate(client: Tx, customerId: string): Promise<number> {
  const customer = await client.customer.findUniqueOrThrow({ where: { id: customerId }, select: { country: true, vatId: true } });
  const rates = Object.fromEntries((await client.taxRate.findMany({ select: { country: true, rateBp: true } })).map((r) => [r.country, r.rateBp]));
  const treatment = taxTreatment({ providerCountry: getEnv().BILLING_PROVIDER_COUNTRY, customerCountry: customer.country, customerVatId: customer.vatId, isBusiness: Boolean(customer.vatId) });
  return treatmentRate(treatment, rates);
}

const cartWhere = (actor: CustomerActor, customerId: string) => ({ customerId, userId: actor.userId });

/** The actor's cart for the current customer (products, then domains), priced now, with the totals the invoice will have. */
export async function getCart(actor: CustomerActor) {
  const customerId = customerScope(actor, "orders.place");
  const currency = await customerCurrency(db, customerId);
  const rows = await db.cartItem.findMany({ where: cartWhere(actor, customerId), orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: cartItemSelect });
  const lines = await priceCartRows(db, rows, currency);
  const items = lines.flatMap((l) => (l.ok ? [l.item] : []));
  const domainLines = await priceDomainCartRows(db, await domainCartRows(db, actor, customerId), currency);
  const domainItems = domainLines.flatMap((l) => (l.ok ? [l.item] : []));
  const yearChoices = await domainYearChoices(db, currency, domainLines.map((l) => (l.ok ? l.item.name : l.name)));
  const count = items.length + domainItems.length;
  return {
    currency,
    lines,
    domainLines,
    yearChoices,
    totals: await cartTotals(db, customerId, items, domainItems),
    canCheckout: count > 0 && count === lines.length + domainLines.length,
  };
}
export type Cart = Awaited<ReturnType<typeof getCart>>;

/** How many items the actor's cart holds (the header's and the catalog's badge). */
export async function countCartItems(actor: CustomerActor): Promise<number> {
  const customerId = customerScope(actor, "orders.place");
  const [products, domains] = await Promise.all([db.cartItem.count({ where: cartWhere(actor, customerId) }), db.domainCartItem.count({ where: cartWhere(actor, customerId) })]);
  return products + domains;
}

/**
 * Puts one configured product in the cart after checking it against the catalog: an unknown or
 * retired product, a cycle without a price in the customer's currency, an option or choice the
 * product does not have, or a hosting product without its domain is refused with an OrderError
 * naming the field, and nothing is written. "Register a new domain" also puts the domain's
 * registration (one year) in the cart, once the registry says the name is free.
 */
export async function addToCart(actor: CustomerActor, raw: unknown, meta: RequestMeta = {}, opts: { registrar?: (key: string) => RegistrarModule } = {}): Promise<{ itemId: string }> {
  const customerId = customerScope(actor, "orders.place");
  const parsed = addToCartSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OrderError(issue.message, issue.path.join(".") || undefined);
  }
  const input = parsed.data;
  // "Register a new domain" puts the registration in the cart too: the name must be free (asked now).
  const registration = input.domainAction === "register" && input.domain ? { name: input.domain, action: "register" as const, years: 1 } : null;
  if (registration) {
    // The product's own refusals come first (the same checks run again in the transaction below).
    const product = await loadOrderProduct(db, input.productId, await customerCurrency(db, customerId));
    if (!product) throw new OrderError("errors.unknownProduct", "productId");
    priceItem(product, input.cycle, input.options);
    itemDomain(product, input);
    const [answer] = await addDomainsToCart(actor, [registration], meta, { ...opts, checkOnly: true });
    if (!answer.ok) throw new OrderError(answer.key === "errors.taken" || answer.key === "errors.alreadyManaged" ? "errors.domainTaken" : answer.key === "errors.registryUnavailable" ? "errors.registryUnavailable" : "errors.domainNotRegistrable", "domain");
  }
  const added = await db.$transaction(async (tx) => {
    const currency = await customerCurrency(tx, customerId);
    const product = await loadOrderProduct(tx, input.productId, currency);
    if (!product) throw new OrderError("errors.unknownProduct", "productId");
    const priced = priceItem(product, input.cycle, input.options);
    const domain = itemDomain(product, input);
    // One cart per user and customer: the lock keeps two tabs from going past the limit together.
    await tx.$executeRaw`SELECT 1 FROM "Membership" WHERE "userId" = ${actor.userId}::uuid AND "customerId" = ${customerId}::uuid FOR UPDATE`;
    if ((await tx.cartItem.count({ where: cartWhere(actor, customerId) })) >= MAX_CART_ITEMS) throw new OrderError("errors.cartFull");
    const item = await tx.cartItem.create({
      data: {
        customerId,
        userId: actor.userId,
        productId: product.id,
        cycle: priced.cycle,
        domain: domain.domain,
        domainAction: domain.domainAction,
        options: Object.fromEntries(priced.options.map((o) => [o.option, o.choice])),
      },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        action: "orders.cart.added",
        actorUserId: actor.userId,
        customerId,
        targetType: "cart_item",
        targetId: item.id,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
        data: { product: product.name, cycle: priced.cycle, domain: domain.domain, domainAction: domain.domainAction, options: priced.options.map((o) => `${o.option}:${o.choice}`) },
      },
      tx,
    );
    return { itemId: item.id };
  });
  if (registration) await addDomainsToCart(actor, [registration], meta, opts);
  return added;
}

/** Takes one item out of the actor's cart; another user's or customer's item is "not found". */
export async function removeCartItem(actor: CustomerActor, raw: unknown, meta: RequestMeta = {}): Promise<void> {
  const customerId = customerScope(actor, "orders.place");
  const parsed = removeCartItemSchema.safeParse(raw);
  if (!parsed.success) throw new OrderError("errors.itemNotFound");
  await db.$transaction(async (tx) => {
    const { count } = await tx.cartItem.deleteMany({ where: { id: parsed.data.itemId, ...cartWhere(actor, customerId) } });
    if (count === 0) throw new OrderError("errors.itemNotFound");
    await recordAuditEvent(
      { action: "orders.cart.removed", actorUserId: actor.userId, customerId, targetType: "cart_item", targetId: parsed.data.itemId, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: {} },
      tx,
    );
  });
}
