// Ordering is `orders.place`: over HTTP against the built app, anonymous visitors are sent to /login
// from the catalog, a product's configure page and the cart; the demo technical contact (no
// orders.place) gets 404 for them; the demo billing contact (the Billing preset has orders.place)
// and the owner get them; an unknown, malformed or retired product is a 404; another customer
// never sees Acme's cart or order. In-process, every server action answers "forbidden" to a
// technical contact and nothing changes; another customer's cart item is "not found" and stays.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createUser, unique } from "@/tests/helpers/factories";
import { BASE_URL, get, sessionCookie } from "@/tests/helpers/http-login";
import * as orderActions from "@/app/(portal)/services/order/actions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.61", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const REDIRECTS = [302, 303, 307, 308];
const locationOf = (res: Response) => new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname;
const SAMPLE = "00000000-0000-4000-8000-000000000000";

let acmeId: string;
let productId: string;
let retiredId: string;
let ownerId: string;
// A domain no page of another customer may ever show.
const secretDomain = `${unique("acme-secret")}.example`;

beforeAll(async () => {
  acmeId = (await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } })).id;
  ownerId = (await db.user.findUniqueOrThrow({ where: { email: "owner@demo.portico.test" }, select: { id: true } })).id;
  productId = (await db.product.findUniqueOrThrow({ where: { slug: "hosting-starter" }, select: { id: true } })).id;
  retiredId = (await db.product.create({ data: { slug: unique("retired"), kind: "hosting", name: "Retired hosting", active: false, prices: { create: [{ currency: "EUR", cycle: "monthly", amountMinor: 100n }] } } })).id;
});

describe("order pages over HTTP", () => {
  const pages = () => ["/services/order", "/services/order?group=hosting", `/services/order/${productId}`, "/services/order/cart"];

  it("send anonymous visitors to sign in", async () => {
    for (const url of pages()) {
      const res = await get(url);
      expect([url, REDIRECTS.includes(res.status), locationOf(res)]).toEqual([url, true, "/login"]);
    }
  });

  it("answer 404 to the Technical preset (no orders.place)", async () => {
    const cookie = await sessionCookie("tech@demo.portico.test", DEMO_PASSWORD);
    for (const url of pages()) expect([url, (await get(url, cookie)).status]).toEqual([url, 404]);
  });

  it("open for the Billing preset (it has orders.place) and the owner", async () => {
    for (const email of ["billing@demo.portico.test", "owner@demo.portico.test"]) {
      const cookie = await sessionCookie(email, DEMO_PASSWORD);
      for (const url of pages()) expect([email, url, (await get(url, cookie)).status]).toEqual([email, url, 200]);
    }
  });

  it("answer 404 for an unknown, malformed or retired product", async () => {
    const cookie = await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD);
    for (const url of [`/services/order/${SAMPLE}`, "/services/order/not-a-uuid", `/services/order/${retiredId}`]) {
      expect([url, (await get(url, cookie)).status]).toEqual([url, 404]);
    }
  });

  it("never show Acme's cart or order to another customer", async () => {
    const item = await db.cartItem.create({ data: { customerId: acmeId, userId: ownerId, productId, cycle: "monthly", domain: secretDomain, domainAction: "register", options: {} } });
    const order = await db.order.create({ data: { customerId: acmeId, placedByUserId: ownerId, currency: "EUR", totalMinor: 399n } });
    try {
      const ownerHtml = await (await get("/services/order/cart", await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD))).text();
      expect(ownerHtml).toContain(secretDomain);
      const otherCookie = await sessionCookie("other@demo.portico.test", DEMO_PASSWORD);
      const res = await get(`/services/order/cart?placed=${order.id}`, otherCookie);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain(secretDomain);
      expect(html).not.toContain(`#${order.number}`);
      // Acme's billing contact shares the customer but not the owner's cart.
      const billingHtml = await (await get("/services/order/cart", await sessionCookie("billing@demo.portico.test", DEMO_PASSWORD))).text();
      expect(billingHtml).not.toContain(secretDomain);
    } finally {
      await db.cartItem.delete({ where: { id: item.id } });
      await db.order.delete({ where: { id: order.id } });
    }
  });
});

describe("order server actions", () => {
  let techSession: string;
  let otherSession: string;
  let acmeItemId: string;

  async function session(userId: string) {
    const id = randomUUID();
    const now = new Date();
    await db.session.create({ data: { id, userId, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now, reauthenticatedAt: now } });
    return id;
  }

  beforeAll(async () => {
    const tech = await createUser(db);
    await addMember(db, tech.id, acmeId, { preset: "technical" });
    await customerActorFor(tech.id, acmeId);
    techSession = await session(tech.id);
    const otherId = (await db.user.findUniqueOrThrow({ where: { email: "other@demo.portico.test" }, select: { id: true } })).id;
    otherSession = await session(otherId);
    acmeItemId = (await db.cartItem.create({ data: { customerId: acmeId, userId: ownerId, productId, cycle: "monthly", domain: secretDomain, domainAction: "own", options: {} } })).id;
  });

  afterEach(() => {
    mockSessionId.current = null;
  });

  afterAll(async () => {
    await db.cartItem.deleteMany({ where: { id: acmeItemId } });
  });

  const calls = (): [name: string, call: () => Promise<unknown>][] => [
    ["addToCartAction", () => orderActions.addToCartAction({ productId, cycle: "monthly", domainAction: "register", domain: "sneaky.example", options: {} })],
    ["removeCartItemAction", () => orderActions.removeCartItemAction({ itemId: acmeItemId })],
    ["checkoutAction", () => orderActions.checkoutAction({})],
  ];

  const state = async () => ({
    cart: await db.cartItem.findMany({ where: { customerId: acmeId }, orderBy: { id: "asc" }, select: { id: true, userId: true } }),
    orders: await db.order.count({ where: { customerId: acmeId } }),
    invoices: await db.invoice.count({ where: { customerId: acmeId } }),
    audits: await db.auditEvent.count({ where: { customerId: acmeId, action: { startsWith: "orders." } } }),
  });

  it("covers every exported server action", () => {
    expect(calls().map(([name]) => name).sort()).toEqual(Object.keys(orderActions).sort());
  });

  it("answers 'forbidden' to a technical contact, and nothing changes", async () => {
    mockSessionId.current = techSession;
    const before = await state();
    for (const [name, call] of calls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
    expect(await state()).toEqual(before);
  });

  it("answers 'not found' to another customer removing Acme's cart item, which stays", async () => {
    mockSessionId.current = otherSession;
    const before = await state();
    expect(await orderActions.removeCartItemAction({ itemId: acmeItemId })).toEqual({ ok: false, error: "errors.itemNotFound" });
    expect(await state()).toEqual(before);
  });

  it("refuses a sneaky domain-less hosting order from the owner with the field's error", async () => {
    mockSessionId.current = await session(ownerId);
    const before = await state();
    expect(await orderActions.addToCartAction({ productId, cycle: "monthly", domainAction: "register", domain: "", options: {} })).toEqual({
      ok: false,
      error: "errors.checkFields",
      fieldErrors: { domain: "errors.domainRequired" },
    });
    expect(await state()).toEqual(before);
  });
});
