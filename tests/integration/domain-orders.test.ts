// Buying domains (lib/domains/domain-cart.ts, domain-orders.ts) against the sandbox registry:
// register through the cart, an invoice and a credit payment until the domain is active; a bulk
// transfer with mixed results (refused lines, a completed transfer, a rejected one and a wrong auth
// code, both refunded to credit); renewals from the domain page and by the auto-renew job, each
// term invoiced and renewed once; and who may do what.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/domain-orders
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { afterInvoicePaid } from "@/lib/billing/after-paid";
import { payInvoiceWithCredit } from "@/lib/billing/payments";
import { DomainOrderError, addDomainsToCart, addRegistrationToCart, addTransfersToCart, removeDomainCartItem, setDomainCartYears } from "@/lib/domains/domain-cart";
import { createAutoRenewInvoices, getRenewOptions, listRecentTransfers, renewDomain } from "@/lib/domains/domain-orders";
import { runDueRegistrarJobs } from "@/lib/domains/registrar-jobs";
import { BuiltinRegistry } from "@/lib/integrations/registrar";
import { addToCart, getCart } from "@/lib/services/order-cart";
import { checkoutCart } from "@/lib/services/order-checkout";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

// This file's invoices are numbered in 2049, apart from other files' years.
const T0 = new Date("2049-03-01T09:00:00Z");
let now = T0;
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const quiet = { warn: () => {}, error: () => {} };
const registry = new BuiltinRegistry({ delayMs: 0, transferSeconds: 3_600, clock: () => now });
const opts = { registrar: () => registry };
const label = () => unique("ord").replace(/[^a-z0-9]/g, "");

// Prices in CHF, which nothing else in the test database sells in.
const PRICES = {
  shop: { register: { 1: 3000n, 2: 6000n }, transfer: { 1: 2500n }, renew: { 1: 2800n, 2: 5600n } },
  io: { register: { 1: 4000n }, transfer: { 1: 3900n }, renew: {} },
} as const;

beforeAll(async () => {
  await db.taxRate.createMany({ data: [{ country: "SK", rateBp: 2300 }], skipDuplicates: true });
  for (const [name, actions] of Object.entries(PRICES)) {
    const tld = await db.tld.upsert({ where: { name }, update: { active: true, maxYears: 10 }, create: { name, registrar: "builtin" } });
    await db.tldPrice.deleteMany({ where: { tldId: tld.id, currency: "CHF" } });
    for (const [action, byYears] of Object.entries(actions)) {
      for (const [years, amountMinor] of Object.entries(byYears)) {
        await db.tldPrice.create({ data: { tldId: tld.id, action: action as "register", currency: "CHF", years: Number(years), amountMinor } });
      }
    }
  }
});

// The runner takes every due job of the worker's database: none of other files may be due.
const settle = () => db.registrarJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });
beforeEach(async () => {
  now = T0;
  await settle();
});
afterEach(settle);
afterAll(async () => {
  await db.$disconnect();
});

async function ownerOf(opts: { preset?: "owner" | "billing" | "technical" } = {}) {
  const customer = await createCustomer(db, { currency: "CHF", country: "SK" });
  await db.customer.update({ where: { id: customer.id }, data: { phone: "+421.212345678", addressLine1: "Hlavná 1", city: "Bratislava", postcode: "811 01" } });
  const user = await createUser(db, { name: "Dana Domains" });
  await addMember(db, user.id, customer.id, { preset: opts.preset ?? "owner" });
  const actor: CustomerActor = await customerActorFor(user.id, customer.id);
  return { customer, actor };
}

async function checkoutAndPay(actor: CustomerActor, customerId: string) {
  const placed = await checkoutCart(actor, { now });
  await db.creditEntry.create({ data: { customerId, currency: "CHF", amountMinor: placed.totalMinor, kind: "adjustment", note: "test credit" } });
  const paid = await payInvoiceWithCredit(actor, placed.invoiceId, { now });
  expect(paid.invoicePaid).toBe(true);
  return placed;
}

const run = () => runDueRegistrarJobs({ now, registrar: () => registry, log: quiet });
const creditOf = async (customerId: string) => (await db.creditEntry.aggregate({ where: { customerId, currency: "CHF" }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0n;

describe("register through the cart", () => {
  it("cart → order and invoice → credit payment → registrar job → active, once; the order completes", async () => {
    const { customer, actor } = await ownerOf();
    const name = `${label()}.shop`;
    const added = await addRegistrationToCart(actor, { name: name.toUpperCase(), years: 2 }, {}, opts);
    expect(added).toMatchObject({ ok: true, name, amountMinor: 6000n });

    const cart = await getCart(actor);
    expect(cart.domainLines).toHaveLength(1);
    expect(cart.totals).toMatchObject({ netMinor: 6000n, taxMinor: 1380n, grossMinor: 7380n });
    expect(cart.yearChoices.get(name)).toEqual({ register: [1, 2], transfer: [1] });
    expect(cart.canCheckout).toBe(true);

    const placed = await checkoutAndPay(actor, customer.id);
    expect(placed.totalMinor).toBe(7380n);
    const lines = await db.invoiceLine.findMany({ where: { invoiceId: placed.invoiceId } });
    expect(lines.map((l) => [l.description, l.netMinor])).toEqual([[`Domain registration: ${name}, 2 years`, 6000n]]);
    expect(await db.domainCartItem.count({ where: { customerId: customer.id } })).toBe(0);

    const domain = await db.domain.findUniqueOrThrow({ where: { name }, include: { contacts: true } });
    expect(domain).toMatchObject({ customerId: customer.id, status: "pending_registration", autoRenew: true });
    expect(domain.contacts.map((c) => c.role).sort()).toEqual(["admin", "billing", "registrant", "tech"]);
    expect(domain.contacts[0]).toMatchObject({ phone: "+421.212345678", city: "Bratislava", country: "SK" });

    // The payment reported again: no second domain, no second job.
    await db.$transaction((tx) => afterInvoicePaid(tx, placed.invoiceId, now));
    expect(await db.registrarJob.count({ where: { domainId: domain.id } })).toBe(1);

    expect(await run()).toMatchObject({ done: 1, failed: 0 });
    const registered = await db.domain.findUniqueOrThrow({ where: { id: domain.id } });
    expect(registered).toMatchObject({ status: "active", expiresAt: new Date("2051-03-01T09:00:00Z") });
    expect(await db.sandboxRegistryDomain.findUniqueOrThrow({ where: { name } })).toMatchObject({ holder: "portico" });
    expect(await db.order.findUniqueOrThrow({ where: { id: placed.orderId } })).toMatchObject({ status: "active" });
    expect(await run()).toMatchObject({ done: 0 });
  });

  it("refuses what cannot be bought, with the reason, and writes nothing", async () => {
    const { customer, actor } = await ownerOf();
    const other = await ownerOf();
    const mine = `${label()}.shop`;
    await db.domain.create({ data: { customerId: other.customer.id, name: mine, status: "active" } });
    const results = await addDomainsToCart(
      actor,
      [
        { name: "taken.shop", action: "register", years: 1 },
        { name: "ab.shop", action: "register", years: 1 },
        { name: "nic.shop", action: "register", years: 1 },
        { name: `${label()}.xyz`, action: "register", years: 1 },
        { name: `${label()}.shop`, action: "register", years: 3 },
        { name: `${label()}.io`, action: "register", years: 11 },
        { name: mine, action: "register", years: 1 },
        { name: `${label()}.shop`, action: "transfer", years: 1, authCode: "Code-1234" },
      ],
      {},
      opts,
    );
    expect(results.map((r) => r.key)).toEqual([
      "errors.taken",
      "errors.premium",
      "errors.reserved",
      "errors.unsupportedTld",
      "errors.notPriced",
      "errors.tooManyYears",
      "errors.alreadyManaged",
      "errors.notRegistered",
    ]);
    expect(await db.domainCartItem.count({ where: { customerId: customer.id } })).toBe(0);
    await expect(addRegistrationToCart(actor, { name: "not a name", years: 1 }, {}, opts)).rejects.toMatchObject({ key: "errors.nameInvalid", field: "name" });
  });

  it("the registry being down is said per name; years change only to a priced count; rows are the user's own", async () => {
    const { actor } = await ownerOf();
    const down = new BuiltinRegistry({ delayMs: 0, failTimes: { checkAvailability: 1 }, clock: () => now });
    const [answer] = await addDomainsToCart(actor, [{ name: `${label()}.shop`, action: "register", years: 1 }], {}, { registrar: () => down });
    expect(answer.key).toBe("errors.registryUnavailable");

    const name = `${label()}.shop`;
    await addRegistrationToCart(actor, { name, years: 1 }, {}, opts);
    const row = await db.domainCartItem.findFirstOrThrow({ where: { name } });
    await expect(setDomainCartYears(actor, { itemId: row.id, years: 3 })).rejects.toMatchObject({ key: "errors.notPriced" });
    await setDomainCartYears(actor, { itemId: row.id, years: 2 });
    expect((await getCart(actor)).totals.netMinor).toBe(6000n);

    const stranger = await ownerOf();
    await expect(removeDomainCartItem(stranger.actor, { itemId: row.id })).rejects.toMatchObject({ key: "errors.itemNotFound" });
    await removeDomainCartItem(actor, { itemId: row.id });
    expect(await db.domainCartItem.count({ where: { id: row.id } })).toBe(0);
  });
});

describe("hosting with a new domain", () => {
  it("puts the registration in the cart with the package; a taken name is refused on the domain field and nothing is added", async () => {
    const { customer, actor } = await ownerOf();
    const product = await db.product.create({
      data: { slug: unique("dom-hosting"), kind: "hosting", name: "Domain Hosting", requiresDomain: true, prices: { create: [{ currency: "CHF", cycle: "monthly", amountMinor: 500n }] } },
    });
    const name = `${label()}.shop`;
    await addToCart(actor, { productId: product.id, cycle: "monthly", domainAction: "register", domain: name, options: {} }, {}, opts);
    const cart = await getCart(actor);
    expect(cart.lines).toHaveLength(1);
    expect(cart.domainLines).toMatchObject([{ ok: true, item: { name, action: "register", years: 1, amountMinor: 3000n } }]);

    await expect(addToCart(actor, { productId: product.id, cycle: "monthly", domainAction: "register", domain: "taken.shop", options: {} }, {}, opts)).rejects.toMatchObject({ key: "errors.domainTaken", field: "domain" });
    expect(await db.cartItem.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await db.domainCartItem.count({ where: { customerId: customer.id } })).toBe(1);
  });
});

describe("bulk transfer", () => {
  async function heldElsewhere(opts: { outcome?: string; locked?: boolean } = {}) {
    const name = `${label()}.shop`;
    await db.sandboxRegistryDomain.create({ data: { name, holder: "other-registrar", expiresAt: new Date("2049-12-01T00:00:00Z"), authCode: "Right-Code-42", locked: opts.locked ?? false, transferOutcome: opts.outcome ?? null } });
    return name;
  }

  it("answers per line, then completes one, refunds a rejected one and a wrong code; the order completes when all are settled", async () => {
    const { customer, actor } = await ownerOf();
    const good = await heldElsewhere();
    const wrongCode = await heldElsewhere();
    const rejected = await heldElsewhere({ outcome: "reject" });
    const free = `${label()}.shop`;
    const text = [
      `${good}\tRight-Code-42`,
      `${wrongCode}, Wrong-Code-00`,
      `${rejected}; Right-Code-42`,
      `${free} Some-Code-11`,
      "not_a domain Code-1234",
      `${good} Right-Code-42`,
      `${label()}.shop`,
      "",
      "# a comment line",
    ].join("\n");
    const answer = await addTransfersToCart(actor, { text }, {}, opts);
    expect(answer.results.map((r) => [r.line, r.ok, r.key])).toEqual([
      [1, true, "added"],
      [2, true, "added"],
      [3, true, "added"],
      [4, false, "errors.notRegistered"],
      [5, false, "errors.nameInvalid"],
      [6, false, "errors.duplicate"],
      [7, false, "errors.authCodeRequired"],
    ]);
    expect(answer).toMatchObject({ added: 3, refused: 4 });
    // The auth codes are kept sealed, never in clear.
    const rows = await db.domainCartItem.findMany({ where: { customerId: customer.id } });
    expect(rows.every((r) => r.authCodeEnc && !r.authCodeEnc.includes("Code"))).toBe(true);

    const placed = await checkoutAndPay(actor, customer.id);
    expect(placed.totalMinor).toBe(3n * 3075n); // 25.00 + 23 % VAT each
    const creditAfterPaying = await creditOf(customer.id);
    expect(creditAfterPaying).toBe(0n);
    expect((await listRecentTransfers(actor, now)).map((t) => t.state)).toEqual(["queued", "queued", "queued"]);

    // Requested: the good and the rejected one wait for the losing registrar; the wrong code ends at once.
    expect(await run()).toMatchObject({ waiting: 2, failed: 1 });
    expect(await db.domain.findUniqueOrThrow({ where: { name: wrongCode } })).toMatchObject({ status: "cancelled", failureReason: "wrong_auth_code" });
    expect(await creditOf(customer.id)).toBe(3075n);
    expect(await db.order.findUniqueOrThrow({ where: { id: placed.orderId } })).toMatchObject({ status: "paid" });

    now = later(3_601);
    expect(await run()).toMatchObject({ done: 2 });
    expect(await db.domain.findUniqueOrThrow({ where: { name: good } })).toMatchObject({ status: "active", expiresAt: new Date("2050-12-01T00:00:00Z") });
    expect(await db.domain.findUniqueOrThrow({ where: { name: rejected } })).toMatchObject({ status: "cancelled", failureReason: "rejected" });
    expect(await creditOf(customer.id)).toBe(2n * 3075n);
    expect(await db.order.findUniqueOrThrow({ where: { id: placed.orderId } })).toMatchObject({ status: "active" });
    const progress = new Map((await listRecentTransfers(actor, now)).map((t) => [t.name, t]));
    expect(progress.get(good)).toMatchObject({ state: "completed" });
    expect(progress.get(rejected)).toMatchObject({ state: "failed", failureReason: "rejected" });
    expect(progress.get(wrongCode)).toMatchObject({ state: "failed", failureReason: "wrong_auth_code" });
    // Refunds happen once, however often the hook runs.
    await db.$transaction(async (tx) => (await import("@/lib/domains/domain-orders")).afterDomainOrderSettled(tx, (await tx.domain.findUniqueOrThrow({ where: { name: rejected } })).id, now));
    expect(await creditOf(customer.id)).toBe(2n * 3075n);
  });

  it("more than 50 lines are refused as a whole, and an empty box too", async () => {
    const { actor } = await ownerOf();
    const text = Array.from({ length: 51 }, (_, i) => `n${i}-${label()}.shop Code-${i}xyz`).join("\n");
    await expect(addTransfersToCart(actor, { text }, {}, opts)).rejects.toMatchObject({ key: "errors.tooMany" });
    await expect(addTransfersToCart(actor, { text: "\n  \n" }, {}, opts)).rejects.toMatchObject({ key: "errors.transferEmpty" });
  });
});

describe("renewals", () => {
  async function activeDomain(customerId: string, expiresAt: Date, extra: { autoRenew?: boolean; tld?: string } = {}) {
    const name = `${label()}.${extra.tld ?? "shop"}`;
    await db.sandboxRegistryDomain.create({ data: { name, holder: "portico", expiresAt, authCode: "Own-Code-42" } });
    return db.domain.create({ data: { customerId, name, status: "active", expiresAt, autoRenew: extra.autoRenew ?? true } });
  }

  it("renew now: an invoice for the term, once; paying it renews at the registry from the current expiry", async () => {
    const { customer, actor } = await ownerOf();
    const expiresAt = new Date("2049-05-10T00:00:00Z");
    const domain = await activeDomain(customer.id, expiresAt);
    expect(await getRenewOptions(actor, domain.id, now)).toMatchObject({ kind: "choices", currency: "CHF", choices: [{ years: 1, amountMinor: 2800n }, { years: 2, amountMinor: 5600n }] });

    await expect(renewDomain(actor, { domainId: domain.id, years: 3 }, {}, { now })).rejects.toMatchObject({ key: "errors.notPriced", field: "years" });
    const { invoiceId, href } = await renewDomain(actor, { domainId: domain.id, years: 2 }, {}, { now });
    expect(href).toBe(`/billing/invoices/${invoiceId}`);
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
    expect(invoice).toMatchObject({ status: "unpaid", totalMinor: 6888n });
    expect(invoice.lines[0].description).toBe(`Domain renewal: ${domain.name}, 2 years (expires 2049-05-10)`);
    await expect(renewDomain(actor, { domainId: domain.id, years: 1 }, {}, { now })).rejects.toMatchObject({ key: "errors.renewalOpen" });
    expect(await getRenewOptions(actor, domain.id, now)).toEqual({ kind: "open_invoice", invoiceId, canSeeInvoice: true });

    await db.creditEntry.create({ data: { customerId: customer.id, currency: "CHF", amountMinor: 6888n, kind: "adjustment", note: "test credit" } });
    await payInvoiceWithCredit(actor, invoiceId, { now });
    await db.$transaction((tx) => afterInvoicePaid(tx, invoiceId, now));
    expect(await db.registrarJob.count({ where: { domainId: domain.id, operation: "renew" } })).toBe(1);
    expect(await run()).toMatchObject({ done: 1 });
    expect(await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({ expiresAt: new Date("2051-05-10T00:00:00Z") });
    // The new term may be renewed again.
    expect(await getRenewOptions(actor, domain.id, now)).toMatchObject({ kind: "choices" });
  });

  it("auto-renew: one invoice per customer for the terms ending within 14 days, once; off, far away or unpriced ones are left", async () => {
    const { customer, actor } = await ownerOf();
    const soon1 = await activeDomain(customer.id, later(5 * 86_400));
    const soon2 = await activeDomain(customer.id, later(13 * 86_400));
    await activeDomain(customer.id, later(30 * 86_400));
    await activeDomain(customer.id, later(6 * 86_400), { autoRenew: false });
    await activeDomain(customer.id, later(6 * 86_400), { tld: "io" });

    const first = await createAutoRenewInvoices({ now });
    expect(first.unpriced).toBeGreaterThanOrEqual(1);
    const items = await db.domainOrderItem.findMany({ where: { customerId: customer.id, action: "renew" }, orderBy: { renewsExpiry: "asc" } });
    expect(items.map((i) => i.domainId)).toEqual([soon1.id, soon2.id]);
    expect(new Set(items.map((i) => i.invoiceId)).size).toBe(1);
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: items[0].invoiceId } });
    expect(invoice).toMatchObject({ status: "unpaid", totalMinor: 2n * 3444n, dueDate: new Date("2049-03-06T00:00:00Z") });

    await createAutoRenewInvoices({ now });
    expect(await db.domainOrderItem.count({ where: { customerId: customer.id, action: "renew" } })).toBe(2);
    expect(await db.invoice.count({ where: { customerId: customer.id } })).toBe(1);
    await expect(renewDomain(actor, { domainId: soon1.id, years: 1 }, {}, { now })).rejects.toMatchObject({ key: "errors.renewalOpen" });
  });
});

describe("who may", () => {
  it("ordering needs orders.place, renewing domains.manage; another customer's domain is not found", async () => {
    const technical = await ownerOf({ preset: "technical" });
    await expect(addRegistrationToCart(technical.actor, { name: `${label()}.shop`, years: 1 }, {}, opts)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(addTransfersToCart(technical.actor, { text: "x.shop Code-1234" }, {}, opts)).rejects.toBeInstanceOf(PermissionDenied);

    const billing = await ownerOf({ preset: "billing" });
    const domain = await db.domain.create({ data: { customerId: billing.customer.id, name: `${label()}.shop`, status: "active", expiresAt: new Date("2049-08-01T00:00:00Z") } });
    await expect(renewDomain(billing.actor, { domainId: domain.id, years: 1 }, {}, { now })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await getRenewOptions(billing.actor, domain.id, now)).toBeNull();

    const stranger = await ownerOf();
    const error = await renewDomain(stranger.actor, { domainId: domain.id, years: 1 }, {}, { now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainOrderError);
    expect(error).toMatchObject({ key: "errors.notFound" });
    expect(await getRenewOptions(stranger.actor, domain.id, now)).toBeNull();
    expect(await db.invoice.count({ where: { customerId: { in: [stranger.customer.id, billing.customer.id] } } })).toBe(0);
  });
});
