import "server-only";
import { db } from "@/lib/db";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import { BILLING_CYCLES, CYCLE_MONTHS, type BillingCycle } from "@/lib/billing/cycles";
import type { Prisma, ServiceKind } from "@/lib/generated/prisma/client";
import { ORDER_GROUPS, type OrderGroup, orderProductIdSchema } from "./order-schemas";

// What a customer may order (`orders.place`): active products with a price in the customer's
// currency, grouped by kind, with their cycles and configurable options. Prices always come from
// here, on the server; the cart and the checkout price every item again with `priceItem`.

type Client = Prisma.TransactionClient;

/** A refusal of a cart change or a checkout; `key` is under the "orders" namespace, `field` the form field it belongs to. */
export class OrderError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "OrderError";
  }
}

export type OrderCyclePrice = { cycle: BillingCycle; amountMinor: bigint; setupFeeMinor: bigint };
export type OrderOptionChoice = { code: string; label: string; monthlyMinor: bigint };
export type OrderOption = { code: string; name: string; choices: OrderOptionChoice[] };
export type OrderProduct = {
  id: string;
  kind: ServiceKind;
  name: string;
  description: string | null;
  requiresDomain: boolean;
  currency: string;
  /** Cycles with a price in the currency, shortest first. */
  prices: OrderCyclePrice[];
  /** Options with at least one choice priced in the currency. */
  options: OrderOption[];
};

const productSelect = (currency: string) =>
  ({
    id: true,
    kind: true,
    name: true,
    description: true,
    requiresDomain: true,
    prices: { where: { currency }, select: { cycle: true, amountMinor: true, setupFeeMinor: true } },
    options: {
      orderBy: [{ position: "asc" }, { code: "asc" }],
      select: {
        code: true,
        name: true,
        choices: {
          orderBy: [{ position: "asc" }, { code: "asc" }],
          select: { code: true, label: true, prices: { where: { currency }, select: { monthlyMinor: true } } },
        },
      },
    },
  }) satisfies Prisma.ProductSelect;

type ProductRow = Prisma.ProductGetPayload<{ select: ReturnType<typeof productSelect> }>;

const cycleIndex = (cycle: BillingCycle) => BILLING_CYCLES.indexOf(cycle);

function toOrderProduct(row: ProductRow, currency: string): OrderProduct {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    requiresDomain: row.requiresDomain,
    currency,
    prices: [...row.prices].sort((a, b) => cycleIndex(a.cycle) - cycleIndex(b.cycle)),
    options: row.options
      .map((o) => ({
        code: o.code,
        name: o.name,
        // A choice without a price in this currency cannot be ordered in it.
        choices: o.choices.filter((c) => c.prices.length > 0).map((c) => ({ code: c.code, label: c.label, monthlyMinor: c.prices[0].monthlyMinor })),
      }))
      .filter((o) => o.choices.length > 0),
  };
}

/** The customer's currency: what the catalog is shown and invoiced in. */
export async function customerCurrency(client: Client, customerId: string): Promise<string> {
  return (await client.customer.findUniqueOrThrow({ where: { id: customerId }, select: { currency: true } })).currency;
}

/** An active product with at least one price in `currency`, or null (unknown, retired, not sold in it). */
export async function loadOrderProduct(client: Client, productId: string, currency: string): Promise<OrderProduct | null> {
  if (!orderProductIdSchema.safeParse(productId).success) return null;
  const row = await client.product.findFirst({ where: { id: productId, active: true, prices: { some: { currency } } }, select: productSelect(currency) });
  return row ? toOrderProduct(row, currency) : null;
}

export type CatalogEntry = Pick<OrderProduct, "id" | "kind" | "name" | "description" | "requiresDomain"> & {
  /** The lowest price per month over the cycles (longer cycles are often cheaper per month). */
  fromMonthlyMinor: bigint;
  cycles: BillingCycle[];
};

/** The order catalog by group (product kind), in the customer's currency; `group` narrows it to one. */
export async function listOrderCatalog(actor: Actor, opts: { group?: OrderGroup } = {}) {
  const customerId = customerScope(actor, "orders.place");
  const currency = await customerCurrency(db, customerId);
  const rows = await db.product.findMany({
    where: { active: true, prices: { some: { currency } }, ...(opts.group ? { kind: opts.group } : {}) },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: productSelect(currency),
  });
  const groups = ORDER_GROUPS.map((group) => ({
    group,
    products: rows
      .filter((r) => r.kind === group)
      .map((r): CatalogEntry => {
        const product = toOrderProduct(r, currency);
        return {
          id: product.id,
          kind: product.kind,
          name: product.name,
          description: product.description,
          requiresDomain: product.requiresDomain,
          fromMonthlyMinor: product.prices.reduce((low, p) => {
            const perMonth = p.amountMinor / BigInt(CYCLE_MONTHS[p.cycle]);
            return low < 0n || perMonth < low ? perMonth : low;
          }, -1n),
          cycles: product.prices.map((p) => p.cycle),
        };
      }),
  })).filter((g) => g.products.length > 0);
  return { currency, groups };
}

/** The configure page's product, or null (the page answers 404). */
export async function getOrderProduct(actor: Actor, productId: string): Promise<OrderProduct | null> {
  const customerId = customerScope(actor, "orders.place");
  return loadOrderProduct(db, productId, await customerCurrency(db, customerId));
}

export type ChosenOption = { option: string; optionName: string; choice: string; choiceLabel: string; monthlyMinor: bigint };

export type PricedItem = {
  cycle: BillingCycle;
  /** Per cycle: the cycle's price plus each option's monthly price × the cycle's months. */
  recurringMinor: bigint;
  setupFeeMinor: bigint;
  options: ChosenOption[];
};

/**
 * Prices one configuration of `product` from the catalog. Every option of the product gets a
 * choice: the one asked for, or its first one (usually "none") when none was asked for. Throws
 * OrderError for a cycle without a price and for an option or choice the product does not have.
 */
export function priceItem(product: OrderProduct, cycle: string, requested: Record<string, string>): PricedItem {
  const price = product.prices.find((p) => p.cycle === cycle);
  if (!price) throw new OrderError("errors.cycleUnavailable", "cycle");
  for (const code of Object.keys(requested)) {
    if (!product.options.some((o) => o.code === code)) throw new OrderError("errors.optionInvalid", `options.${code}`);
  }
  const months = BigInt(CYCLE_MONTHS[price.cycle]);
  const options = product.options.map((option): ChosenOption => {
    const wanted = requested[option.code];
    const choice = wanted === undefined || wanted === "" ? option.choices[0] : option.choices.find((c) => c.code === wanted);
    if (!choice) throw new OrderError("errors.optionInvalid", `options.${option.code}`);
    return { option: option.code, optionName: option.name, choice: choice.code, choiceLabel: choice.label, monthlyMinor: choice.monthlyMinor };
  });
  const optionsPerCycle = options.reduce((sum, o) => sum + o.monthlyMinor * months, 0n);
  return { cycle: price.cycle, recurringMinor: price.amountMinor + optionsPerCycle, setupFeeMinor: price.setupFeeMinor, options };
}

/**
 * The domain part of an item: a product that needs a domain must have one and say what to do with
 * it (register, transfer or use the customer's own); any other product may carry a host name.
 */
export function itemDomain(product: Pick<OrderProduct, "requiresDomain">, input: { domain: string; domainAction: string }): { domain: string | null; domainAction: "register" | "transfer" | "own" | null } {
  const domain = input.domain.trim().toLowerCase() || null;
  if (product.requiresDomain) {
    if (input.domainAction !== "register" && input.domainAction !== "transfer" && input.domainAction !== "own") throw new OrderError("errors.domainActionRequired", "domainAction");
    if (!domain) throw new OrderError("errors.domainRequired", "domain");
    return { domain, domainAction: input.domainAction };
  }
  return { domain, domainAction: null };
}
