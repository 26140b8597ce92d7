// The staff TLD catalog (lib/domains/tld-catalog.ts, /admin/catalog/tlds) against a real Postgres:
// creating a TLD (normalised name, a name already there refused next to its field, only installed
// registrars), settings audited old → new, taking a TLD off sale, and the price grid saved as a
// whole (it replaces what was there; a bad cell or an outdated grid writes nothing), read back by
// the customer's search. Staff without `staff.catalog` and customers are refused by every function
// and every server action, and nothing changes.
// The database is shared with other test files: TLDs made here have unique names, sit at the end
// of the order and are off sale unless a test needs one on sale.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/tld-catalog
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor, CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { searchDomains } from "@/lib/domains/search";
import * as tldCatalog from "@/lib/domains/tld-catalog";
import { TldCatalogError } from "@/lib/domains/tld-catalog";
import { type TldPriceGridCells, tldCreateSchema, tldPriceGridFrom } from "@/lib/domains/tld-catalog-schemas";
import { BuiltinRegistry } from "@/lib/integrations/registrar";
import * as actions from "@/app/(staff)/admin/catalog/tlds/actions";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { createCustomerWithOwner, createUser, unique } from "@/tests/helpers/factories";

// next-auth reads the session cookie from the request; here the test says which session it is.
const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.60", userAgent: "tld-catalog-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

type Persona = { label: string; sessionId: string; actor: Actor };

let admin: Persona;
let agent: Persona;
let customerOwner: Persona & { actor: CustomerActor };

async function signedIn<A extends Actor>(label: string, userId: string, actor: A): Promise<Persona & { actor: A }> {
  const sessionId = randomUUID();
  const now = new Date();
  await db.session.create({ data: { id: sessionId, userId, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now, reauthenticatedAt: now } });
  return { label, sessionId, actor };
}

beforeAll(async () => {
  const [adminUser, agentUser] = await Promise.all([createUser(db, { staffRole: "administrator", totpSecret: "JBSWY3DPEHPK3PXP" }), createUser(db, { staffRole: "support_agent", totpSecret: "JBSWY3DPEHPK3PXP" })]);
  admin = await signedIn("administrator", adminUser.id, await staffActorFor(adminUser.id));
  agent = await signedIn("support agent", agentUser.id, await staffActorFor(agentUser.id));
  const { customer, owner } = await createCustomerWithOwner(db);
  await db.customer.update({ where: { id: customer.id }, data: { currency: "EUR" } });
  customerOwner = await signedIn("customer owner", owner.id, await customerActorFor(owner.id, customer.id));
});

afterEach(() => {
  mockSessionId.current = null;
});

const staff = () => admin.actor as StaffActor;
/** A TLD name no other test uses ("t-1a2b3c4d"). */
const tldName = () => unique("t");

async function newTld(overrides: Partial<{ name: string; registrar: string; maxYears: number; position: number; active: boolean }> = {}) {
  const input = tldCreateSchema.parse({ name: tldName(), registrar: "builtin", maxYears: 3, position: 9_000, active: false, ...overrides });
  const { id } = await tldCatalog.createTld(staff(), input, { ip: "203.0.113.9", userAgent: "jest" });
  return { id, name: input.name };
}

async function auditRows(action: string, targetId: string) {
  return db.auditEvent.findMany({ where: { action, targetId }, orderBy: { createdAt: "asc" }, select: { actorUserId: true, ip: true, data: true } });
}

async function pricesOf(tldId: string) {
  const rows = await db.tldPrice.findMany({ where: { tldId }, orderBy: [{ action: "asc" }, { years: "asc" }, { currency: "asc" }] });
  return rows.map((r) => `${r.action}/${r.years}/${r.currency}=${r.amountMinor}`);
}

/** A grid of `maxYears` terms with every cell empty, then the given cells ("register/2/EUR": "21.80") filled in. */
function grid(maxYears: number, cells: Record<string, string> = {}): TldPriceGridCells {
  const out = tldPriceGridFrom([], maxYears);
  for (const [cell, amount] of Object.entries(cells)) {
    const [action, years, currency] = cell.split("/") as [keyof TldPriceGridCells, string, "EUR" | "USD" | "HUF" | "VND"];
    out[action][Number(years) - 1][currency] = amount;
  }
  return out;
}

describe("creating a TLD", () => {
  it("stores the normalised name with its settings, audits it, and lists it", async () => {
    const typed = `.${tldName().toUpperCase()}`;
    const input = tldCreateSchema.parse({ name: typed, registrar: "builtin", maxYears: 5, position: 9_001, active: false });
    const { id } = await tldCatalog.createTld(staff(), input, { ip: "203.0.113.9", userAgent: "jest" });

    const row = await db.tld.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: typed.slice(1).toLowerCase(), registrar: "builtin", maxYears: 5, position: 9_001, active: false });
    expect(await auditRows("catalog.tld.created", id)).toEqual([
      { actorUserId: admin.actor.userId, ip: "203.0.113.9", data: { name: row.name, registrar: "builtin", active: false, maxYears: 5, position: 9_001 } },
    ]);
    const listed = (await tldCatalog.listTlds(staff())).find((t) => t.id === id);
    expect(listed).toMatchObject({ name: row.name, unicode: null, domainCount: 0, prices: [] });
  });

  it("stores an IDN as its A-label and shows its U-label", async () => {
    // Unique per run: the U-label of a random ASCII label would not be an IDN.
    const label = `тест${Date.now().toString(36).replace(/\d/g, "")}`;
    const { id, name } = await newTld({ name: label });
    expect(name).toMatch(/^xn--/);
    expect(await tldCatalog.getTldForStaff(staff(), id)).toMatchObject({ name, unicode: label });
  });

  it("refuses a name the catalog has already, next to the name field, and writes nothing", async () => {
    const { name } = await newTld();
    const before = await db.tld.count();
    for (const typed of [name, name.toUpperCase(), `.${name}`]) {
      const attempt = tldCatalog.createTld(staff(), tldCreateSchema.parse({ name: typed, registrar: "builtin", maxYears: 1, position: 0, active: true }));
      await expect(attempt).rejects.toBeInstanceOf(TldCatalogError);
      await expect(attempt).rejects.toMatchObject({ key: "errors.nameTaken", field: "name" });
    }
    expect(await db.tld.count()).toBe(before);

    // Through the server action, the refusal comes back as the name field's error.
    mockSessionId.current = admin.sessionId;
    expect(await actions.createTldAction({ name, registrar: "builtin", maxYears: 1, position: 0, active: false })).toEqual({
      ok: false,
      error: "errors.nameTaken",
      fieldErrors: { name: "errors.nameTaken" },
    });
    expect(await actions.createTldAction({ name: "not a tld", registrar: "builtin", maxYears: 1, position: 0, active: false })).toEqual({
      ok: false,
      error: "errors.invalidForm",
      fieldErrors: { name: "errors.nameFormat" },
    });
    expect(await db.tld.count()).toBe(before);
  });

  it("refuses a registrar no module is installed for", async () => {
    const before = await db.tld.count();
    const attempt = tldCatalog.createTld(staff(), tldCreateSchema.parse({ name: tldName(), registrar: "no-such-registrar", maxYears: 1, position: 0, active: false }));
    await expect(attempt).rejects.toMatchObject({ key: "errors.registrarUnknown", field: "registrar" });
    expect(await db.tld.count()).toBe(before);
    expect(await tldCatalog.registrarChoices(staff())).toEqual(["builtin"]);
  });
});

describe("a TLD's settings", () => {
  it("are changed with each change audited old → new; a shorter longest term removes the longer terms' prices", async () => {
    const { id, name } = await newTld({ maxYears: 3 });
    await tldCatalog.saveTldPrices(staff(), { tldId: id, prices: grid(3, { "register/1/EUR": "10", "register/3/EUR": "30", "renew/2/EUR": "20" }) });

    await tldCatalog.updateTldSettings(staff(), { id, registrar: "builtin", maxYears: 2, position: 9_002 }, { ip: "203.0.113.10" });
    expect(await db.tld.findUniqueOrThrow({ where: { id } })).toMatchObject({ maxYears: 2, position: 9_002, registrar: "builtin" });
    expect(await pricesOf(id)).toEqual(["register/1/EUR=1000", "renew/2/EUR=2000"]);
    const [audit] = await auditRows("catalog.tld.updated", id);
    expect(audit).toEqual({ actorUserId: admin.actor.userId, ip: "203.0.113.10", data: { name, changes: { maxYears: { from: 3, to: 2 }, position: { from: 9_000, to: 9_002 } }, removedPrices: 1 } });

    // Saving the same settings again changes nothing and audits nothing.
    await tldCatalog.updateTldSettings(staff(), { id, registrar: "builtin", maxYears: 2, position: 9_002 });
    expect(await auditRows("catalog.tld.updated", id)).toHaveLength(1);
    // A registrar nobody installed is refused next to its field.
    await expect(tldCatalog.updateTldSettings(staff(), { id, registrar: "nobody", maxYears: 2, position: 9_002 })).rejects.toMatchObject({ key: "errors.registrarUnknown", field: "registrar" });
    await expect(tldCatalog.updateTldSettings(staff(), { id: randomUUID(), registrar: "builtin", maxYears: 2, position: 0 })).rejects.toMatchObject({ key: "errors.notFound" });
  });

  it("take a TLD off sale, audited once; its domains stay as they are", async () => {
    const { id, name } = await newTld({ active: true });
    const domain = await db.domain.create({ data: { customerId: customerOwner.actor.customerId, name: `acme.${name}`, status: "active", tldId: id, expiresAt: new Date(Date.now() + 86_400_000 * 100) } });

    await tldCatalog.setTldActive(staff(), { id, active: false });
    expect((await db.tld.findUniqueOrThrow({ where: { id } })).active).toBe(false);
    expect(await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({ status: "active", tldId: id });
    expect((await tldCatalog.getTldForStaff(staff(), id))?.domainCount).toBe(1);
    await tldCatalog.setTldActive(staff(), { id, active: false }); // already off: nothing to audit
    expect((await auditRows("catalog.tld.updated", id)).map((a) => a.data)).toEqual([{ name, changes: { active: { from: true, to: false } } }]);
  });
});

describe("the price grid", () => {
  it("replaces the TLD's prices as a whole: filled cells set, emptied cells no longer sold, audited per cell", async () => {
    const { id, name } = await newTld({ maxYears: 2 });
    const first = await tldCatalog.saveTldPrices(staff(), { tldId: id, prices: grid(2, { "register/1/EUR": "11.90", "register/2/EUR": "25.80", "renew/1/EUR": "13.90", "transfer/1/VND": "299000" }) });
    expect(first).toEqual({ changed: 4 });
    expect(await pricesOf(id)).toEqual(["register/1/EUR=1190", "register/2/EUR=2580", "transfer/1/VND=299000", "renew/1/EUR=1390"]);

    // A price in a currency the catalog does not sell in is not the grid's business: it stays.
    await db.tldPrice.create({ data: { tldId: id, action: "register", currency: "GBP", years: 1, amountMinor: 999n } });
    const second = await tldCatalog.saveTldPrices(staff(), { tldId: id, prices: grid(2, { "register/1/EUR": "11.90", "register/2/EUR": "24.00", "renew/2/USD": "30" }) });
    expect(second).toEqual({ changed: 4 });
    expect(await pricesOf(id)).toEqual(["register/1/EUR=1190", "register/1/GBP=999", "register/2/EUR=2400", "renew/2/USD=3000"]);

    const audits = await auditRows("catalog.tld.prices.updated", id);
    expect(audits).toHaveLength(2);
    expect(audits[1].data).toEqual({
      name,
      changes: [
        { action: "register", years: 2, currency: "EUR", from: "25.80", to: "24.00" },
        { action: "transfer", years: 1, currency: "VND", from: "299000", to: null },
        { action: "renew", years: 1, currency: "EUR", from: "13.90", to: null },
        { action: "renew", years: 2, currency: "USD", from: null, to: "30.00" },
      ],
    });

    // The same grid again changes nothing and audits nothing.
    expect(await tldCatalog.saveTldPrices(staff(), { tldId: id, prices: grid(2, { "register/1/EUR": "11.90", "register/2/EUR": "24", "renew/2/USD": "30.00" }) })).toEqual({ changed: 0 });
    expect(await auditRows("catalog.tld.prices.updated", id)).toHaveLength(2);
  });

  it("with a bad amount changes nothing, and names the bad cell", async () => {
    const { id } = await newTld({ maxYears: 2 });
    await tldCatalog.saveTldPrices(staff(), { tldId: id, prices: grid(2, { "register/1/EUR": "10.00", "renew/1/EUR": "12.00" }) });
    const before = await pricesOf(id);
    const audits = (await auditRows("catalog.tld.prices.updated", id)).length;

    const cases: [cell: string, amount: string, key: string, path: string][] = [
      ["renew/2/EUR", "12,50", "errors.amountFormat", "prices.renew.1.EUR"],
      ["transfer/1/VND", "1.5", "errors.amountDecimals", "prices.transfer.0.VND"],
      ["register/2/HUF", "-5", "errors.amountNegative", "prices.register.1.HUF"],
      ["register/1/USD", "99999999999999", "errors.amountTooLarge", "prices.register.0.USD"],
    ];
    for (const [cell, amount, key, path] of cases) {
      // Every other cell is a valid change, so a partial write would show.
      const prices = grid(2, { "register/1/EUR": "99.00", "renew/1/EUR": "", "transfer/2/EUR": "5", [cell]: amount });
      await expect(tldCatalog.saveTldPrices(staff(), { tldId: id, prices })).rejects.toMatchObject({ key, field: path });
      mockSessionId.current = admin.sessionId;
      expect(await actions.saveTldPricesAction({ tldId: id, prices })).toEqual({ ok: false, error: "errors.invalidForm", fieldErrors: { [path]: key } });
    }
    expect(await pricesOf(id)).toEqual(before);
    expect(await auditRows("catalog.tld.prices.updated", id)).toHaveLength(audits);
  });

  it("made for another longest term than the TLD has now is refused whole", async () => {
    const { id } = await newTld({ maxYears: 3 });
    await tldCatalog.saveTldPrices(staff(), { tldId: id, prices: grid(3, { "register/3/EUR": "30" }) });
    await tldCatalog.updateTldSettings(staff(), { id, registrar: "builtin", maxYears: 4, position: 9_000 });
    // The form was loaded when the TLD had 3 terms; saving it would silently leave term 4 as it is.
    await expect(tldCatalog.saveTldPrices(staff(), { tldId: id, prices: grid(3, { "register/1/EUR": "10" }) })).rejects.toMatchObject({ key: "errors.gridOutdated" });
    expect(await pricesOf(id)).toEqual(["register/3/EUR=3000"]);
    await expect(tldCatalog.saveTldPrices(staff(), { tldId: randomUUID(), prices: grid(3) })).rejects.toMatchObject({ key: "errors.notFound" });
  });

  it("two grids saved at once apply one after the other, never mixed", async () => {
    const { id } = await newTld({ maxYears: 2 });
    const a = grid(2, { "register/1/EUR": "1", "register/2/EUR": "2", "renew/1/EUR": "3" });
    const b = grid(2, { "register/1/USD": "4", "transfer/1/USD": "5" });
    await Promise.all([tldCatalog.saveTldPrices(staff(), { tldId: id, prices: a }), tldCatalog.saveTldPrices(staff(), { tldId: id, prices: b })]);
    expect([["register/1/EUR=100", "register/2/EUR=200", "renew/1/EUR=300"], ["register/1/USD=400", "transfer/1/USD=500"]]).toContainEqual(await pricesOf(id));
  });

  it("is what the customer's search reads: the 1-year prices in the customer's currency", async () => {
    const { id, name } = await newTld({ maxYears: 2, active: true, position: 9_999 });
    await tldCatalog.saveTldPrices(staff(), { tldId: id, prices: grid(2, { "register/1/EUR": "7.77", "register/2/EUR": "15.00", "renew/1/EUR": "8.88", "register/1/USD": "9.99" }) });
    const registry = new BuiltinRegistry({ delayMs: 0 });
    const outcome = await searchDomains(customerOwner.actor, `acme-shop.${name}`, { registrar: () => registry, rdap: { bootstrapUrl: "http://127.0.0.1:9/dns.json", timeoutMs: 500 } });
    expect(outcome.kind === "results" && outcome.exact?.prices).toEqual({ register: 777n, renew: 888n, transfer: null });
    await tldCatalog.setTldActive(staff(), { id, active: false });
  });
});

describe("who may edit the TLD catalog", () => {
  /** Every data function of lib/domains/tld-catalog with valid input, as `actor` would call it. */
  function dataCalls(actor: Actor, id: string): [name: string, call: () => Promise<unknown>][] {
    return [
      ["listTlds", () => tldCatalog.listTlds(actor)],
      ["getTldForStaff", () => tldCatalog.getTldForStaff(actor, id)],
      ["registrarChoices", () => tldCatalog.registrarChoices(actor)],
      ["createTld", () => tldCatalog.createTld(actor, tldCreateSchema.parse({ name: tldName(), registrar: "builtin", maxYears: 1, position: 9_000, active: true }))],
      ["updateTldSettings", () => tldCatalog.updateTldSettings(actor, { id, registrar: "builtin", maxYears: 1, position: 1 })],
      ["setTldActive", () => tldCatalog.setTldActive(actor, { id, active: true })],
      ["saveTldPrices", () => tldCatalog.saveTldPrices(actor, { tldId: id, prices: grid(2, { "register/1/EUR": "0.01" }) })],
    ];
  }

  /** Every server action of /admin/catalog/tlds with input its schema accepts. */
  function actionCalls(id: string): [name: string, call: () => Promise<unknown>][] {
    return [
      ["createTldAction", () => actions.createTldAction({ name: tldName(), registrar: "builtin", maxYears: 1, position: 9_000, active: true })],
      ["updateTldSettingsAction", () => actions.updateTldSettingsAction({ id, registrar: "builtin", maxYears: 1, position: 1 })],
      ["setTldActiveAction", () => actions.setTldActiveAction({ id, active: true })],
      ["saveTldPricesAction", () => actions.saveTldPricesAction({ tldId: id, prices: grid(2, { "register/1/EUR": "0.01" }) })],
    ];
  }

  async function state(id: string) {
    const [tld, prices, tlds, audits] = await Promise.all([
      db.tld.findUniqueOrThrow({ where: { id } }),
      pricesOf(id),
      db.tld.count(),
      db.auditEvent.count({ where: { action: { startsWith: "catalog.tld." } } }),
    ]);
    return { tld, prices, tlds, audits };
  }

  it("covers every function and server action that takes an actor", async () => {
    const exported = Object.entries(tldCatalog)
      .filter(([name, value]) => typeof value === "function" && !["TldCatalogError", "assertTldCatalogStaff", "isKnownRegistrar"].includes(name))
      .map(([name]) => name)
      .sort();
    expect(dataCalls(staff(), randomUUID()).map(([name]) => name).sort()).toEqual(exported);
    expect(actionCalls(randomUUID()).map(([name]) => name).sort()).toEqual(Object.keys(actions).sort());
  });

  it.each(["support agent", "customer owner"])("a %s is refused by every function and server action, and nothing changes", async (label) => {
    const persona = label === "support agent" ? agent : customerOwner;
    const { id } = await newTld({ maxYears: 2 });
    await tldCatalog.saveTldPrices(staff(), { tldId: id, prices: grid(2, { "register/1/EUR": "10" }) });
    const before = await state(id);

    for (const [name, call] of dataCalls(persona.actor, id)) {
      const outcome = await call().then(
        () => "allowed",
        (error: unknown) => (error instanceof PermissionDenied ? "denied" : `other: ${String(error)}`),
      );
      expect([name, outcome]).toEqual([name, "denied"]);
    }
    mockSessionId.current = persona.sessionId;
    for (const [name, call] of actionCalls(id)) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
    expect(await state(id)).toEqual(before);
  });

  it("an administrator passes the same server actions", async () => {
    const { id } = await newTld({ maxYears: 2 });
    mockSessionId.current = admin.sessionId;
    expect(await actions.saveTldPricesAction({ tldId: id, prices: grid(2, { "register/1/EUR": "0.01" }) })).toEqual({ ok: true, data: { changed: 1 } });
    expect(await actions.updateTldSettingsAction({ id, registrar: "builtin", maxYears: 1, position: 9_001 })).toEqual({ ok: true, data: undefined });
    expect(await actions.setTldActiveAction({ id, active: true })).toEqual({ ok: true, data: undefined });
    expect(await actions.setTldActiveAction({ id, active: false })).toEqual({ ok: true, data: undefined });
    const created = await actions.createTldAction({ name: tldName(), registrar: "builtin", maxYears: 1, position: 9_000, active: false });
    expect(created).toEqual({ ok: true, data: { id: expect.any(String) } });
    expect(await state(id)).toMatchObject({ tld: { maxYears: 1, position: 9_001, active: false }, prices: ["register/1/EUR=1"] });
  });
});
