// Ordering: the catalog in the customer's currency, cart validation (unknown product, another
// product's option choice, a cycle without a price, hosting without a domain: a clear error naming
// the field and nothing written), server-side prices and totals, checkout making one order and one
// issued invoice (setup fees, options, VAT), and another user's or customer's cart and order
// staying invisible. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/orders
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { addToCart, countCartItems, getCart, removeCartItem } from "@/lib/services/order-cart";
import { OrderError, getOrderProduct, listOrderCatalog } from "@/lib/services/order-catalog";
import { afterCheckoutPath, checkoutCart, getOrder } from "@/lib/services/order-checkout";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

// This file's invoices are numbered in 2037, apart from other files' years.
const NOW = new Date("2037-03-10T10:00:00Z");

let hosting: { id: string; name: string };
let vps: { id: string; name: string };
let retired: { id: string };
let owner: CustomerActor;
let colleague: CustomerActor;
let technical: CustomerActor;
let billing: CustomerActor;
let other: CustomerActor;
let customerId: string;

beforeAll(async () => {
  await db.taxRate.createMany({ data: [{ country: "SK", rateBp: 2300 }], skipDuplicates: true });
  hosting = await db.product.create({
    data: {
      slug: unique("ord-hosting"),
      kind: "hosting",
      name: unique("Order Hosting"),
      requiresDomain: true,
      prices: {
        create: [
          { currency: "EUR", cycle: "monthly", amountMinor: 999n },
          { currency: "EUR", cycle: "annual", amountMinor: 9_990n, setupFeeMinor: 0n },
          { currency: "HUF", cycle: "monthly", amountMinor: 399_000n },
        ],
      },
      options: {
        create: {
          code: "extra_disk",
          name: "Extra disk",
          choices: {
            create: [
              { code: "none", label: "No extra disk", position: 0, prices: { create: [{ currency: "EUR", monthlyMinor: 0n }] } },
              { code: "plus10", label: "+10 GB", position: 1, extraDiskMb: 10_240, prices: { create: [{ currency: "EUR", monthlyMinor: 200n }] } },
            ],
          },
        },
      },
    },
    select: { id: true, name: true },
  });
  vps = await db.product.create({
    data: {
      slug: unique("ord-vps"),
      kind: "vps",
      name: unique("Order VPS"),
      prices: { create: [{ currency: "EUR", cycle: "monthly", amountMinor: 1_200n, setupFeeMinor: 4_900n }] },
      options: { create: { code: "backup", name: "Backups", choices: { create: [{ code: "daily", label: "Daily", prices: { create: [{ currency: "EUR", monthlyMinor: 300n }] } }] } } },
    },
    select: { id: true, name: true },
  });
  retired = await db.product.create({ data: { slug: unique("ord-old"), kind: "hosting", name: unique("Retired"), active: false, prices: { create: [{ currency: "EUR", cycle: "monthly", amountMinor: 100n }] } }, select: { id: true } });

  const customer = await createCustomer(db, { currency: "EUR", country: "SK" });
  customerId = customer.id;
  const make = async (preset: "owner" | "billing" | "technical", cid = customerId) => {
    const user = await createUser(db);
    await addMember(db, user.id, cid, { preset });
    return customerActorFor(user.id, cid);
  };
  owner = await make("owner");
  colleague = await make("owner");
  technical = await make("technical");
  billing = await make("billing");
  const otherCustomer = await createCustomer(db, { currency: "EUR", country: "SK" });
  other = await make("owner", otherCustomer.id);
});

afterEach(async () => {
  await db.cartItem.deleteMany({});
});

afterAll(async () => {
  await db.$disconnect();
});

// "own": a registration would also ask the registry and add a domain line (tests/integration/domain-orders).
const valid = (over: Record<string, unknown> = {}) => ({ productId: hosting.id, cycle: "monthly", domainAction: "own", domain: "shop.example", options: { extra_disk: "plus10" }, ...over });

/** The refusal of `fn` as { key, field }. */
async function refusal(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (error) {
    if (error instanceof OrderError) return { key: error.key, field: error.field };
    throw error;
  }
  throw new Error("expected an OrderError");
}

describe("catalog", () => {
  it("groups active products priced in the customer's currency, with the lowest monthly price", async () => {
    const catalog = await listOrderCatalog(owner);
    expect(catalog.currency).toBe("EUR");
    const all = catalog.groups.flatMap((g) => g.products.map((p) => ({ group: g.group, ...p })));
    // Annual 99.90 is 8.32 a month: lower than the monthly 9.99.
    expect(all.find((p) => p.id === hosting.id)).toMatchObject({ group: "hosting", requiresDomain: true, fromMonthlyMinor: 832n, cycles: ["monthly", "annual"] });
    expect(all.find((p) => p.id === vps.id)).toMatchObject({ group: "vps", fromMonthlyMinor: 1_200n });
    expect(all.some((p) => p.id === retired.id)).toBe(false);
    expect((await listOrderCatalog(owner, { group: "vps" })).groups.map((g) => g.group)).toEqual(["vps"]);

    const product = await getOrderProduct(owner, hosting.id);
    expect(product?.prices.map((p) => p.cycle)).toEqual(["monthly", "annual"]);
    expect(product?.options).toEqual([{ code: "extra_disk", name: "Extra disk", choices: [{ code: "none", label: "No extra disk", monthlyMinor: 0n }, { code: "plus10", label: "+10 GB", monthlyMinor: 200n }] }]);
    expect(await getOrderProduct(owner, retired.id)).toBeNull();
    expect(await getOrderProduct(owner, "not-a-uuid")).toBeNull();
  });

  it("needs orders.place: the technical preset is refused, the billing preset may order", async () => {
    await expect(listOrderCatalog(technical)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(getOrderProduct(technical, hosting.id)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(addToCart(technical, valid())).rejects.toBeInstanceOf(PermissionDenied);
    await expect(getCart(technical)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(checkoutCart(technical, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    expect((await listOrderCatalog(billing)).groups.length).toBeGreaterThan(0);
    expect(await db.cartItem.count({ where: { userId: technical.userId } })).toBe(0);
  });
});

describe("cart validation", () => {
  it.each([
    ["an unknown product", { productId: "00000000-0000-4000-8000-000000000000" }, "errors.unknownProduct", "productId"],
    ["a retired product", () => ({ productId: retired.id }), "errors.unknownProduct", "productId"],
    ["a cycle without a price", { cycle: "quarterly" }, "errors.cycleUnavailable", "cycle"],
    ["a cycle that is no cycle", { cycle: "weekly" }, "errors.cycleRequired", "cycle"],
    ["another product's option", { options: { backup: "daily" } }, "errors.optionInvalid", "options.backup"],
    ["a choice of another product's option", { options: { extra_disk: "daily" } }, "errors.optionInvalid", "options.extra_disk"],
    ["hosting without a domain", { domain: "" }, "errors.domainRequired", "domain"],
    ["hosting without a domain action", { domainAction: "" }, "errors.domainActionRequired", "domainAction"],
    ["a domain that is not one", { domain: "not a domain" }, "errors.domainInvalid", "domain"],
  ])("refuses %s with a localised error on its field, and writes nothing", async (_name, over, key, field) => {
    const patch = typeof over === "function" ? over() : over;
    expect(await refusal(() => addToCart(owner, valid(patch)))).toEqual({ key, field });
    expect(await db.cartItem.count({ where: { customerId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { customerId, action: "orders.cart.added" } })).toBe(0);
  });

  it("refuses an 'extra_disk' choice priced only in another currency for a customer paying in it", async () => {
    const huf = await createCustomer(db, { currency: "HUF", country: "SK" });
    const user = await createUser(db);
    await addMember(db, user.id, huf.id, { preset: "owner" });
    const actor = await customerActorFor(user.id, huf.id);
    // The option has no HUF prices: in HUF the product has no options at all.
    expect(await refusal(() => addToCart(actor, valid()))).toEqual({ key: "errors.optionInvalid", field: "options.extra_disk" });
    await addToCart(actor, valid({ options: {} }));
    const cart = await getCart(actor);
    expect(cart.currency).toBe("HUF");
    expect(cart.lines).toMatchObject([{ ok: true, item: { priced: { recurringMinor: 399_000n } } }]);
  });

  it("prices the cart on the server: options × months, setup fees, the customer's VAT", async () => {
    await addToCart(owner, valid({ domain: " Shop.Example. ", cycle: "annual" }), { ip: "203.0.113.9" });
    await addToCart(owner, { productId: vps.id, cycle: "monthly", domainAction: "", domain: "", options: {} });
    const cart = await getCart(owner);
    expect(cart.lines).toHaveLength(2);
    expect(cart.lines[0]).toMatchObject({ ok: true, item: { productId: hosting.id, cycle: "annual", domain: "shop.example", domainAction: "own", priced: { recurringMinor: 9_990n + 200n * 12n, setupFeeMinor: 0n } } });
    // The only choice of the VPS's option is taken when none is asked for.
    expect(cart.lines[1]).toMatchObject({ ok: true, item: { productId: vps.id, domain: null, domainAction: null, priced: { recurringMinor: 1_500n, setupFeeMinor: 4_900n } } });
    const net = 12_390n + 1_500n + 4_900n;
    expect(cart.totals).toEqual({ netMinor: net, taxMinor: (net * 23n + 50n) / 100n, grossMinor: net + (net * 23n + 50n) / 100n, setupMinor: 4_900n, taxRateBp: 2300 });
    expect(cart.canCheckout).toBe(true);
    expect(await countCartItems(owner)).toBe(2);
    expect(await db.auditEvent.findFirst({ where: { customerId, action: "orders.cart.added" }, select: { actorUserId: true, ip: true } })).toEqual({ actorUserId: owner.userId, ip: "203.0.113.9" });
  });

  it("keeps carts apart: a colleague's, another customer's", async () => {
    const { itemId } = await addToCart(owner, valid());
    expect((await getCart(colleague)).lines).toEqual([]);
    expect((await getCart(other)).lines).toEqual([]);
    expect(await refusal(() => removeCartItem(colleague, { itemId }))).toEqual({ key: "errors.itemNotFound", field: undefined });
    expect(await refusal(() => removeCartItem(other, { itemId }))).toEqual({ key: "errors.itemNotFound", field: undefined });
    expect(await db.cartItem.count({ where: { id: itemId } })).toBe(1);
    await removeCartItem(owner, { itemId });
    expect(await db.cartItem.count({ where: { id: itemId } })).toBe(0);
    expect(await refusal(() => removeCartItem(owner, { itemId }))).toEqual({ key: "errors.itemNotFound", field: undefined });
  });

  it("shows an item the catalog no longer allows as unavailable, and will not check it out", async () => {
    await addToCart(owner, valid());
    const gone = await db.product.create({ data: { slug: unique("ord-gone"), kind: "vps", name: "Soon gone", prices: { create: [{ currency: "EUR", cycle: "monthly", amountMinor: 500n }] } } });
    await addToCart(owner, { productId: gone.id, cycle: "monthly", domainAction: "", domain: "", options: {} });
    await db.product.update({ where: { id: gone.id }, data: { active: false } });
    const cart = await getCart(owner);
    expect(cart.lines.map((l) => l.ok)).toEqual([true, false]);
    expect(cart.lines[1]).toMatchObject({ ok: false, reason: "errors.unknownProduct" });
    expect(cart.canCheckout).toBe(false);
    const invoicesBefore = await db.invoice.count({ where: { customerId } });
    expect(await refusal(() => checkoutCart(owner, { now: NOW }))).toEqual({ key: "errors.cartChanged", field: undefined });
    expect(await db.invoice.count({ where: { customerId } })).toBe(invoicesBefore);
    expect(await db.order.count({ where: { customerId } })).toBe(0);
    expect(await db.cartItem.count({ where: { userId: owner.userId } })).toBe(2);
  });
});

describe("checkout", () => {
  it("refuses an empty cart", async () => {
    expect(await refusal(() => checkoutCart(owner, { now: NOW }))).toEqual({ key: "errors.cartEmpty", field: undefined });
  });

  it("makes one order and one issued invoice priced by the server, empties the cart, emails and audits", async () => {
    await addToCart(owner, valid());
    await addToCart(owner, { productId: vps.id, cycle: "monthly", domainAction: "", domain: "app-01.shop.example", options: {} });
    const result = await checkoutCart(owner, { now: NOW, ip: "203.0.113.10" });

    const order = await db.order.findUniqueOrThrow({ where: { id: result.orderId }, include: { items: { orderBy: { recurringMinor: "asc" } } } });
    expect(order).toMatchObject({ customerId, placedByUserId: owner.userId, status: "pending", currency: "EUR", invoiceId: result.invoiceId });
    expect(order.items).toMatchObject([
      { productId: hosting.id, cycle: "monthly", domain: "shop.example", domainAction: "own", recurringMinor: 1_199n, setupFeeMinor: 0n, options: [{ option: "extra_disk", choice: "plus10", monthlyMinor: "200" }] },
      { productId: vps.id, cycle: "monthly", domain: "app-01.shop.example", domainAction: null, recurringMinor: 1_500n, setupFeeMinor: 4_900n, options: [{ option: "backup", choice: "daily", monthlyMinor: "300" }] },
    ]);

    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: result.invoiceId }, include: { lines: { orderBy: { position: "asc" } } } });
    const net = 1_199n + 1_500n + 4_900n;
    const tax = (net * 23n + 50n) / 100n;
    expect(invoice).toMatchObject({ customerId, status: "unpaid", currency: "EUR", subtotalMinor: net, taxMinor: tax, totalMinor: net + tax, dueDate: new Date("2037-03-17T00:00:00Z") });
    expect(invoice.number).toMatch(/-2037-/);
    expect(order.totalMinor).toBe(invoice.totalMinor);
    expect(result).toMatchObject({ invoiceNumber: invoice.number, totalMinor: net + tax, currency: "EUR", orderNumber: order.number });
    expect(invoice.lines.map((l) => [l.description, l.netMinor, l.taxRateBp])).toEqual([
      [`${hosting.name}: shop.example, Extra disk +10 GB, 1 month`, 1_199n, 2300],
      [`${vps.name}: app-01.shop.example, Backups Daily, 1 month`, 1_500n, 2300],
      [`Setup fee: ${vps.name}`, 4_900n, 2300],
    ]);

    expect(await db.cartItem.count({ where: { userId: owner.userId } })).toBe(0);
    expect(await db.service.count({ where: { orderItemId: { in: order.items.map((i) => i.id) } } })).toBe(0);
    const mails = await db.emailMessage.findMany({ where: { customerId, userId: owner.userId }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.category).sort()).toEqual(["billing", "services"]);
    const confirmation = mails.find((m) => m.category === "services")!;
    expect(confirmation.subject).toBe(`Order #${order.number} received`);
    expect(confirmation.textBody).toContain(`• ${hosting.name}: shop.example, Extra disk +10 GB, 1 month`);
    expect(confirmation.textBody).toContain(`/billing/invoices/${invoice.id}`);
    // The colleague may see invoices (the invoice email) but did not place the order (no confirmation).
    expect(await db.emailMessage.count({ where: { customerId, userId: colleague.userId, category: "services" } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { customerId, action: "orders.placed" } });
    expect(audit).toMatchObject({ actorUserId: owner.userId, targetId: order.id, ip: "203.0.113.10" });

    expect(afterCheckoutPath(owner, result)).toBe(`/billing/invoices/${invoice.id}`);
    expect(await getOrder(owner, order.id)).toMatchObject({ id: order.id, status: "pending" });
    expect(await getOrder(other, order.id)).toBeNull();
    expect(await getOrder(colleague, "nope")).toBeNull();
  });

  it("two checkouts of one cart at once make one order", async () => {
    await addToCart(billing, valid());
    const results = await Promise.allSettled([checkoutCart(billing, { now: NOW }), checkoutCart(billing, { now: NOW })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected?.reason).toMatchObject({ key: "errors.cartEmpty" });
    expect(await db.order.count({ where: { placedByUserId: billing.userId } })).toBe(1);
  });

  it("a price sent along by the browser changes nothing", async () => {
    await addToCart(colleague, { ...valid(), recurringMinor: 1, price: "0.01" } as never);
    const result = await checkoutCart(colleague, { now: NOW, ...({ totalMinor: 1n } as object) });
    const item = await db.orderItem.findFirstOrThrow({ where: { orderId: result.orderId } });
    expect(item.recurringMinor).toBe(1_199n);
  });
});
