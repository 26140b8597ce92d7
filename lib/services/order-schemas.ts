// The ordering forms, shared by react-hook-form on the client and the server actions. Messages are
// keys of the "orders" namespace. Only ids and choices travel: every price is looked up again on the
// server from the catalog, in the customer's currency.
import { z } from "zod";
import { BILLING_CYCLES } from "@/lib/billing/cycles";

export const DOMAIN_ACTIONS = ["register", "transfer", "own"] as const;
export type DomainAction = (typeof DOMAIN_ACTIONS)[number];

/** The catalog's groups, in the order the page shows them (a product's kind). */
export const ORDER_GROUPS = ["hosting", "vps", "dedicated", "housing", "voip", "other"] as const;
export type OrderGroup = (typeof ORDER_GROUPS)[number];

/** At most this many items in one cart (one order). */
export const MAX_CART_ITEMS = 20;

// A host name: labels of letters, digits and inner hyphens, a TLD of letters; 253 characters at most.
const DOMAIN_PATTERN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const optionalDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, "errors.domainInvalid")
  .transform((v) => v.replace(/\.$/, ""))
  .refine((v) => v === "" || DOMAIN_PATTERN.test(v), "errors.domainInvalid");

/**
 * "Add to cart" from the configure page. Whether the product needs a domain, whether the cycle has a
 * price and whether each option choice belongs to the product is the server's to check (it answers
 * with a field error); the schema only checks the shape.
 */
export const addToCartSchema = z.object({
  productId: z.guid({ message: "errors.unknownProduct" }),
  cycle: z.enum(BILLING_CYCLES, { message: "errors.cycleRequired" }),
  /** register / transfer / own, for products that need a domain; "" otherwise. */
  domainAction: z.union([z.enum(DOMAIN_ACTIONS), z.literal("")], { message: "errors.domainActionRequired" }),
  /** The domain (hosting) or the host name (a server); "" when none. */
  domain: optionalDomain,
  /** { optionCode: choiceCode }. */
  options: z.record(z.string().max(64), z.string().max(64, "errors.optionInvalid")),
});
export type AddToCartInput = z.input<typeof addToCartSchema>;
export type AddToCartValues = z.output<typeof addToCartSchema>;

export const removeCartItemSchema = z.object({ itemId: z.guid({ message: "errors.itemNotFound" }) });
export type RemoveCartItemInput = z.infer<typeof removeCartItemSchema>;

/** Checkout takes nothing from the browser: the cart and its prices are the server's. */
export const checkoutSchema = z.object({});
export type CheckoutInput = z.infer<typeof checkoutSchema>;

/** `/services/order?group=…`; anything unexpected shows every group. */
export const orderCatalogParamsSchema = z.object({
  group: z.enum(ORDER_GROUPS).optional().catch(undefined),
});

export const orderProductIdSchema = z.guid();
