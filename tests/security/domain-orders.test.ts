// Ordering and renewing domains (issue 6): every server action of app/(portal)/domains/order-actions
// without a session goes to sign-in; another customer's owner cannot touch Acme's cart rows or renew
// Acme's domain; the Billing preset cannot renew (no domains.manage) and a technical contact cannot
// order (no orders.place). Nothing changes in any of these cases.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import * as orderActions from "@/app/(portal)/domains/order-actions";
import { verifiedSessionId } from "@/tests/helpers/sessions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.65", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

describe("domain orders", () => {
  let acmeId: string;
  let domainId: string;
  let cartItemId: string;

  beforeAll(async () => {
    acmeId = (await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } })).id;
    domainId = (await db.domain.findUniqueOrThrow({ where: { name: "acme-studio.vn" }, select: { id: true } })).id;
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.portico.test" }, select: { id: true } });
    cartItemId = (await db.domainCartItem.create({ data: { customerId: acmeId, userId: owner.id, name: `security-${randomUUID().slice(0, 8)}.com`, action: "register", years: 1 } })).id;
  });

  afterEach(() => {
    mockSessionId.current = null;
  });

  afterAll(async () => {
    await db.domainCartItem.deleteMany({ where: { id: cartItemId } });
  });

  const calls = (): [name: string, call: () => Promise<unknown>][] => [
    ["addRegistrationAction", () => orderActions.addRegistrationAction({ name: "security-probe.com", years: 1 })],
    ["addTransfersAction", () => orderActions.addTransfersAction({ text: "security-probe.net Code-1234" })],
    ["removeDomainCartItemAction", () => orderActions.removeDomainCartItemAction({ itemId: cartItemId })],
    ["setDomainCartYearsAction", () => orderActions.setDomainCartYearsAction({ itemId: cartItemId, years: 2 })],
    ["renewDomainAction", () => orderActions.renewDomainAction({ domainId, years: 1 })],
  ];

  const state = async () => ({
    cart: await db.domainCartItem.findMany({ where: { customerId: acmeId }, select: { id: true, years: true }, orderBy: { id: "asc" } }),
    probes: await db.domainCartItem.count({ where: { name: { startsWith: "security-probe" } } }),
    invoices: await db.invoice.count({ where: { customerId: acmeId } }),
    renewals: await db.domainOrderItem.count({ where: { domainId } }),
  });

  it("covers every exported server action", () => {
    expect(calls().map(([name]) => name).sort()).toEqual(Object.keys(orderActions).sort());
  });

  it("without a session: every action goes to sign-in and nothing changes", async () => {
    const before = await state();
    for (const [name, call] of calls()) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect([name, String((error as { digest?: string } | null)?.digest ?? error)]).toEqual([name, expect.stringMatching(/^NEXT_REDIRECT;.*\/login/)]);
    }
    expect(await state()).toEqual(before);
  });

  it("another customer finds neither Acme's cart rows nor its domain; Billing cannot renew, a technical contact cannot order", async () => {
    const before = await state();
    mockSessionId.current = await verifiedSessionId("other@demo.portico.test");
    expect(await orderActions.removeDomainCartItemAction({ itemId: cartItemId })).toMatchObject({ ok: false, error: "errors.itemNotFound" });
    expect(await orderActions.setDomainCartYearsAction({ itemId: cartItemId, years: 2 })).toMatchObject({ ok: false, error: "errors.itemNotFound" });
    expect(await orderActions.renewDomainAction({ domainId, years: 1 })).toMatchObject({ ok: false, error: "errors.notFound" });

    mockSessionId.current = await verifiedSessionId("billing@demo.portico.test");
    expect(await orderActions.renewDomainAction({ domainId, years: 1 })).toEqual({ ok: false, error: "errors.forbidden" });
    // The Billing contact's own cart is theirs: the owner's row is not.
    expect(await orderActions.removeDomainCartItemAction({ itemId: cartItemId })).toMatchObject({ ok: false, error: "errors.itemNotFound" });

    mockSessionId.current = await verifiedSessionId("tech@demo.portico.test");
    for (const [name, call] of calls().filter(([n]) => n !== "renewDomainAction")) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
    expect(await state()).toEqual(before);
  });
});
