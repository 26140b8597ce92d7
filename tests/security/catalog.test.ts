// The staff catalog refuses everyone without `staff.catalog`: staff roles that lack it (billing
// clerk, support agent) and customers (an owner has every customer permission, none of staff's).
// Each lib function throws PermissionDenied; each server action of /admin/catalog answers
// "forbidden"; each page is a 404 for such staff and sends customers to /dashboard — and nothing
// in the database changes. An administrator passes every check, so the refusals are not an
// artefact of the test set-up.
//
// Runs in-process: the session is a real Session row resolved by lib/auth (only next-auth's cookie
// reading is replaced), so it needs a database but no running app:
//   TEST_DB_PREFIX=<yours> npx jest --testMatch '<rootDir>/tests/security/catalog.test.ts'
// (and in `npm run test:e2e`, which runs every file of tests/security).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { type Actor, can } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { STAFF_ROLES, type StaffRoleKey } from "@/lib/auth/permissions";
import * as catalog from "@/lib/billing/catalog";
import { priceGridFrom } from "@/lib/billing/catalog-schemas";
import { staffActorFor, customerActorFor } from "@/tests/helpers/actors";
import { createCustomerWithOwner, createService, createUser, unique } from "@/tests/helpers/factories";
import * as actions from "@/app/(staff)/admin/catalog/actions";
import CatalogPage from "@/app/(staff)/admin/catalog/page";
import NewProductPage from "@/app/(staff)/admin/catalog/new/page";
import ProductPage from "@/app/(staff)/admin/catalog/[id]/page";
import TaxRatesPage from "@/app/(staff)/admin/catalog/tax-rates/page";

// next-auth reads the session cookie from the request; here the test says which session it is.
const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.50", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

type Persona = { label: string; userId: string; sessionId: string; actor: Actor };
const TAX_COUNTRY = "AQ"; // a country no other test or the seed uses (Antarctica has no VAT to clash with)

let admin: Persona;
let refused: Persona[];
let used: { id: string };
let unused: { id: string };

async function signedIn(label: string, userId: string, actor: Actor): Promise<Persona> {
  const sessionId = randomUUID();
  const now = new Date();
  await db.session.create({ data: { id: sessionId, userId, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now, reauthenticatedAt: now } });
  return { label, userId, sessionId, actor };
}

async function staffPersona(role: StaffRoleKey): Promise<Persona> {
  const user = await createUser(db, { staffRole: role, totpSecret: "JBSWY3DPEHPK3PXP" });
  return signedIn(role, user.id, await staffActorFor(user.id));
}

/** Everything the catalog writes, to compare before and after. */
async function catalogState() {
  const [products, prices, taxRates, audits] = await Promise.all([
    db.product.findMany({ where: { id: { in: [used.id, unused.id] } }, orderBy: { id: "asc" } }),
    db.price.findMany({ where: { productId: { in: [used.id, unused.id] } }, orderBy: { id: "asc" } }),
    db.taxRate.findMany({ where: { country: TAX_COUNTRY } }),
    db.auditEvent.count({ where: { action: { startsWith: "catalog." }, targetId: { in: [used.id, unused.id, TAX_COUNTRY, "BV"] } } }),
  ]);
  // Products the refused calls would have created carry a "sec-new" / "sec-action" slug.
  const created = await db.product.count({ where: { OR: [{ slug: { startsWith: "sec-new" } }, { slug: { startsWith: "sec-action" } }] } });
  const bouvet = await db.taxRate.count({ where: { country: "BV" } });
  return { products, prices, taxRates, audits, created, bouvet };
}

function digestOf(error: unknown): string {
  return typeof error === "object" && error && "digest" in error ? String((error as { digest: unknown }).digest) : String(error);
}

async function pageOutcome(render: () => Promise<unknown>): Promise<string> {
  try {
    await render();
    return "rendered";
  } catch (error) {
    const digest = digestOf(error);
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
    if (digest.startsWith("NEXT_REDIRECT;")) return `redirect ${digest.split(";")[2]}`;
    throw error;
  }
}

// A describe of its own, so the clean-up runs before the shared after-env hook closes the pool.
describe("the staff catalog", () => {
  beforeAll(async () => {
    admin = await staffPersona("administrator");
    const { customer, owner } = await createCustomerWithOwner(db);
    const withoutCatalog = (Object.keys(STAFF_ROLES) as StaffRoleKey[]).filter((role) => !(STAFF_ROLES[role] as readonly string[]).includes("staff.catalog"));
    refused = await Promise.all([...withoutCatalog.map(staffPersona), signedIn("customer owner", owner.id, await customerActorFor(owner.id, customer.id))]);

    used = await db.product.create({ data: { slug: unique("sec-used"), kind: "vps", name: "Used VPS", prices: { create: { currency: "EUR", cycle: "monthly", amountMinor: 1000n } } } });
    unused = await db.product.create({ data: { slug: unique("sec-unused"), kind: "hosting", name: "Unused hosting" } });
    const service = await createService(db, customer.id, { kind: "vps" });
    await db.service.update({ where: { id: service.id }, data: { productId: used.id, billingCycle: "monthly", recurringMinor: 1000n } });
    await db.taxRate.upsert({ where: { country: TAX_COUNTRY }, create: { country: TAX_COUNTRY, rateBp: 1900 }, update: { rateBp: 1900 } });
  });

  afterAll(async () => {
    await db.taxRate.deleteMany({ where: { country: TAX_COUNTRY } });
  });

  afterEach(() => {
    mockSessionId.current = null;
  });

  it("the refused personas are the staff roles without staff.catalog and a customer owner", () => {
    expect(refused.map((p) => p.label).sort()).toEqual(["billing_clerk", "customer owner", "support_agent"]);
    for (const persona of refused) expect([persona.label, can(persona.actor, "staff.catalog")]).toEqual([persona.label, false]);
    expect(can(admin.actor, "staff.catalog")).toBe(true);
  });

  /** Every data function of lib/billing/catalog with valid input, as `actor` would call it. */
  function dataCalls(actor: Actor): [name: string, call: () => Promise<unknown>][] {
    const product = { slug: unique("sec-new"), kind: "vps" as const, name: "Sneaky", description: "", active: true, position: 0 };
    return [
      ["listCatalog", () => catalog.listCatalog(actor, "all")],
      ["getProductForStaff", () => catalog.getProductForStaff(actor, used.id)],
      ["saveProduct (create)", () => catalog.saveProduct(actor, product)],
      ["saveProduct (edit)", () => catalog.saveProduct(actor, { ...product, id: used.id, name: "Renamed" })],
      ["setProductActive", () => catalog.setProductActive(actor, { id: used.id, active: false })],
      ["deleteProduct", () => catalog.deleteProduct(actor, unused.id)],
      ["saveProductPrices", () => catalog.saveProductPrices(actor, { productId: used.id, prices: priceGridFrom([]) })],
      ["listTaxRates", () => catalog.listTaxRates(actor)],
      ["createTaxRate", () => catalog.createTaxRate(actor, { country: "BV", rate: "1" })],
      ["updateTaxRate", () => catalog.updateTaxRate(actor, { country: TAX_COUNTRY, rate: "1" })],
      ["deleteTaxRate", () => catalog.deleteTaxRate(actor, TAX_COUNTRY)],
    ];
  }

  it("covers every function lib/billing/catalog exports that takes an actor", () => {
    const exported = Object.entries(catalog)
      .filter(([name, value]) => typeof value === "function" && name !== "CatalogError" && name !== "assertCatalogStaff")
      .map(([name]) => name)
      .sort();
    const called = [...new Set(dataCalls(admin.actor).map(([name]) => name.split(" ")[0]))].sort();
    expect(called).toEqual(exported);
  });

  describe.each(["billing_clerk", "support_agent", "customer owner"])("%s", (label) => {
    const persona = () => refused.find((p) => p.label === label)!;

    it("is refused by every data function, and nothing changes", async () => {
      const before = await catalogState();
      for (const [name, call] of dataCalls(persona().actor)) {
        const outcome = await call().then(
          () => "allowed",
          (error: unknown) => (error instanceof PermissionDenied ? "denied" : `other: ${String(error)}`),
        );
        expect([name, outcome]).toEqual([name, "denied"]);
      }
      expect(await catalogState()).toEqual(before);
    });

    it("is answered 'forbidden' by every server action, and nothing changes", async () => {
      mockSessionId.current = persona().sessionId;
      const before = await catalogState();
      for (const [name, call] of actionCalls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
      expect(await catalogState()).toEqual(before);
    });

    it("cannot open any catalog page", async () => {
      mockSessionId.current = persona().sessionId;
      const expected = persona().actor.kind === "staff" ? "404" : "redirect /dashboard";
      for (const [name, render] of pageRenders()) expect([name, await pageOutcome(render)]).toEqual([name, expected]);
    });
  });

  /** Every server action of /admin/catalog with input the schema accepts. */
  function actionCalls(): [name: string, call: () => Promise<unknown>][] {
    const product = { slug: unique("sec-action"), kind: "vps", name: "Sneaky", description: "", active: true, position: 0 };
    return [
      ["saveProductAction (create)", () => actions.saveProductAction(product)],
      ["saveProductAction (edit)", () => actions.saveProductAction({ ...product, id: used.id })],
      ["setProductActiveAction", () => actions.setProductActiveAction({ id: used.id, active: false })],
      ["deleteProductAction", () => actions.deleteProductAction({ id: unused.id })],
      ["saveProductPricesAction", () => actions.saveProductPricesAction({ productId: used.id, prices: priceGridFrom([]) })],
      ["createTaxRateAction", () => actions.createTaxRateAction({ country: "BV", rate: "1" })],
      ["updateTaxRateAction", () => actions.updateTaxRateAction({ country: TAX_COUNTRY, rate: "1" })],
      ["deleteTaxRateAction", () => actions.deleteTaxRateAction({ country: TAX_COUNTRY })],
    ];
  }

  function pageRenders(): [name: string, render: () => Promise<unknown>][] {
    const searchParams = Promise.resolve({});
    return [
      ["/admin/catalog", () => CatalogPage({ searchParams })],
      ["/admin/catalog/new", () => NewProductPage()],
      ["/admin/catalog/[id]", () => ProductPage({ params: Promise.resolve({ id: used.id }), searchParams })],
      ["/admin/catalog/tax-rates", () => TaxRatesPage()],
    ];
  }

  it("covers every server action the catalog module exports", () => {
    const exported = Object.keys(actions).sort();
    const called = [...new Set(actionCalls().map(([name]) => name.split(" ")[0]))].sort();
    expect(called).toEqual(exported);
  });

  describe("an administrator (staff.catalog)", () => {
    it("passes the same checks: the actions run and change the catalog", async () => {
      mockSessionId.current = admin.sessionId;
      const before = await catalogState();
      expect(await actions.setProductActiveAction({ id: used.id, active: false })).toEqual({ ok: true, data: undefined });
      expect(await actions.updateTaxRateAction({ country: TAX_COUNTRY, rate: "19.5" })).toEqual({ ok: true, data: undefined });
      // Refusals that are about the data, not the person, still apply to an administrator.
      expect(await actions.deleteProductAction({ id: used.id })).toEqual({ ok: false, error: "errors.productInUse" });
      const after = await catalogState();
      expect(after.products.find((p) => p.id === used.id)?.active).toBe(false);
      expect(after.taxRates).toEqual([{ country: TAX_COUNTRY, rateBp: 1950 }]);
      expect(after.audits).toBe(before.audits + 2);
      await expect(catalog.listCatalog(admin.actor)).resolves.toMatchObject({ total: expect.any(Number) });
    });

    it("gets past the permission check of every page", async () => {
      mockSessionId.current = admin.sessionId;
      // The pages go on to next-intl, which has no request here: anything but a 404 or a redirect
      // means requireStaffActor let the administrator through.
      for (const [name, render] of pageRenders()) {
        const outcome = await render().then(
          () => "rendered",
          (error: unknown) => {
            const digest = digestOf(error);
            return digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404") || digest.startsWith("NEXT_REDIRECT;") ? digest : "past the check";
          },
        );
        expect([name, outcome]).toEqual([name, expect.stringMatching(/^(rendered|past the check)$/)]);
      }
    });
  });
});
