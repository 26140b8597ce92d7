// The staff catalog against a real Postgres: products (create, edit, slug conflicts, deactivate,
// delete only when unused), the price grid saved as a whole (a bad cell writes nothing), and VAT
// rates (add, change, remove, validation). Every change leaves its audit row.
// The database is shared with other test files: assertions stay on rows created here, and VAT
// rates use countries no other test touches.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/catalog
import { fieldErrorsOf } from "@/lib/actions/result";
import { db } from "@/lib/db";
import type { StaffActor } from "@/lib/auth/actor-types";
import {
  CatalogError,
  createTaxRate,
  deleteProduct,
  deleteTaxRate,
  getProductForStaff,
  listCatalog,
  listTaxRates,
  saveProduct,
  saveProductPrices,
  setProductActive,
  updateTaxRate,
} from "@/lib/billing/catalog";
import {
  type PriceGridCells,
  type ProductInput,
  basisPointsToPercent,
  percentToBasisPoints,
  priceGridFrom,
  priceGridSchema,
  productSchema,
  taxRateSchema,
} from "@/lib/billing/catalog-schemas";
import { staffActorFor } from "@/tests/helpers/actors";
import { createCustomer, createService, createUser, unique } from "@/tests/helpers/factories";

let admin: StaffActor;

beforeAll(async () => {
  admin = await staffActorFor((await createUser(db, { staffRole: "administrator" })).id);
});

const slug = (label: string) => unique(label).toLowerCase();

function productInput(overrides: Partial<ProductInput> = {}): ProductInput {
  return productSchema.parse({ slug: slug("vps"), kind: "vps", name: "VPS Basic", description: "2 vCPU, 4 GB RAM", active: true, position: 10, ...overrides });
}

async function auditRows(action: string, targetId: string) {
  return db.auditEvent.findMany({ where: { action, targetId }, orderBy: { createdAt: "asc" }, select: { actorUserId: true, data: true } });
}

/** A full grid with every cell empty, then the given cells filled in. */
function grid(cells: Partial<Record<keyof PriceGridCells, Partial<Record<keyof PriceGridCells["EUR"], { amount: string; setupFee?: string }>>>> = {}): PriceGridCells {
  const out = priceGridFrom([]);
  for (const [currency, cycles] of Object.entries(cells) as [keyof PriceGridCells, Record<string, { amount: string; setupFee?: string }>][]) {
    for (const [cycle, cell] of Object.entries(cycles)) out[currency][cycle as keyof PriceGridCells["EUR"]] = { amount: cell.amount, setupFee: cell.setupFee ?? "" };
  }
  return out;
}

async function pricesOf(productId: string) {
  const rows = await db.price.findMany({ where: { productId }, orderBy: [{ currency: "asc" }, { cycle: "asc" }], select: { currency: true, cycle: true, amountMinor: true, setupFeeMinor: true } });
  return rows.map((r) => `${r.currency}/${r.cycle}=${r.amountMinor}+${r.setupFeeMinor}`);
}

describe("products", () => {
  it("are created with every field, audited, and listed in their group", async () => {
    const input = productInput({ kind: "hosting", name: "Web Hosting Pro", position: 3 });
    const { id } = await saveProduct(admin, input, { ip: "203.0.113.9", userAgent: "jest" });

    const row = await db.product.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ slug: input.slug, kind: "hosting", name: "Web Hosting Pro", description: "2 vCPU, 4 GB RAM", active: true, position: 3 });
    const [audit] = await auditRows("catalog.product.created", id);
    expect(audit).toMatchObject({ actorUserId: admin.userId, data: { slug: input.slug, kind: "hosting", name: "Web Hosting Pro" } });

    const { groups } = await listCatalog(admin, "all");
    const hosting = groups.find((g) => g.kind === "hosting");
    expect(hosting?.products.map((p) => p.id)).toContain(id);
    expect(groups.find((g) => g.kind === "vps")?.products.map((p) => p.id) ?? []).not.toContain(id);
  });

  it("are listed by position within a group and filtered by active / inactive", async () => {
    const later = await saveProduct(admin, productInput({ kind: "voip", name: "SIP trunk", position: 9000 }));
    const first = await saveProduct(admin, productInput({ kind: "voip", name: "SIP line", position: 8000 }));
    const off = await saveProduct(admin, productInput({ kind: "voip", name: "Fax line", position: 8500, active: false }));
    const ids = [later.id, first.id, off.id];
    const order = async (filter: "all" | "active" | "inactive") =>
      ((await listCatalog(admin, filter)).groups.find((g) => g.kind === "voip")?.products ?? []).map((p) => p.id).filter((id) => ids.includes(id));
    expect(await order("all")).toEqual([first.id, off.id, later.id]);
    expect(await order("active")).toEqual([first.id, later.id]);
    expect(await order("inactive")).toEqual([off.id]);
  });

  it("are edited, with the audit recording each changed field old → new", async () => {
    const input = productInput();
    const { id } = await saveProduct(admin, input);
    const newSlug = slug("vps-plus");
    await saveProduct(admin, { ...input, id, slug: newSlug, name: "VPS Plus", description: "", position: 11, active: false });

    expect(await db.product.findUniqueOrThrow({ where: { id } })).toMatchObject({ slug: newSlug, name: "VPS Plus", description: null, position: 11, active: false, kind: "vps" });
    const [audit] = await auditRows("catalog.product.updated", id);
    expect(audit.data).toEqual({
      slug: newSlug,
      changes: {
        slug: { from: input.slug, to: newSlug },
        name: { from: "VPS Basic", to: "VPS Plus" },
        description: { from: "2 vCPU, 4 GB RAM", to: null },
        position: { from: 10, to: 11 },
        active: { from: true, to: false },
      },
    });
  });

  it("refuse a slug another product has, next to the slug field, on create and on edit", async () => {
    const taken = await saveProduct(admin, productInput());
    const takenSlug = (await db.product.findUniqueOrThrow({ where: { id: taken.id } })).slug;
    const before = await db.product.count();

    const onCreate = saveProduct(admin, productInput({ slug: takenSlug, name: "Clash" }));
    await expect(onCreate).rejects.toBeInstanceOf(CatalogError);
    await expect(onCreate).rejects.toMatchObject({ key: "errors.slugTaken", field: "slug" });
    expect(await db.product.count()).toBe(before);

    const other = await saveProduct(admin, productInput());
    const otherInput = productInput({ name: "Other" });
    await expect(saveProduct(admin, { ...otherInput, id: other.id, slug: takenSlug })).rejects.toMatchObject({ key: "errors.slugTaken", field: "slug" });
    expect((await db.product.findUniqueOrThrow({ where: { id: other.id } })).slug).not.toBe(takenSlug);

    // Keeping its own slug is not a conflict.
    await expect(saveProduct(admin, { ...productInput({ slug: takenSlug, name: "Renamed" }), id: taken.id })).resolves.toEqual({ id: taken.id });
  });

  it("refuse malformed slugs, names and positions in the form schema", () => {
    const errors = (input: Record<string, unknown>) => {
      const result = productSchema.safeParse({ slug: "ok", kind: "vps", name: "n", description: "", active: true, position: 0, ...input });
      return result.success ? {} : fieldErrorsOf(result.error);
    };
    for (const bad of ["VPS", "vps basic", "-vps", "vps-", "vps--basic", "vps_basic", "víp", "a".repeat(65)]) expect([bad, errors({ slug: bad }).slug]).toEqual([bad, expect.stringMatching(/^errors\.slug/)]);
    expect(errors({ slug: "vps-basic-2026" })).toEqual({});
    expect(errors({ slug: "  " })).toEqual({ slug: "errors.slugRequired" });
    expect(errors({ name: "" })).toEqual({ name: "errors.nameRequired" });
    expect(errors({ kind: "domain" })).toEqual({ kind: "errors.invalidChoice" });
    expect(errors({ position: Number.NaN })).toEqual({ position: "errors.positionInvalid" });
    expect(errors({ position: -1 })).toEqual({ position: "errors.positionInvalid" });
    expect(errors({ position: 1.5 })).toEqual({ position: "errors.positionInvalid" });
  });

  it("in use by a service are not deleted; they can be deactivated instead", async () => {
    const { id } = await saveProduct(admin, productInput());
    await saveProductPrices(admin, { productId: id, prices: grid({ EUR: { monthly: { amount: "9.90" } } }) });
    const customer = await createCustomer(db);
    const service = await createService(db, customer.id, { kind: "vps" });
    await db.service.update({ where: { id: service.id }, data: { productId: id, billingCycle: "monthly", recurringMinor: 990n } });

    await expect(deleteProduct(admin, id)).rejects.toMatchObject({ key: "errors.productInUse" });
    expect(await db.product.findUnique({ where: { id }, select: { id: true } })).not.toBeNull();
    expect(await pricesOf(id)).toEqual(["EUR/monthly=990+0"]);
    expect(await auditRows("catalog.product.deleted", id)).toEqual([]);
    expect((await getProductForStaff(admin, id))?.serviceCount).toBe(1);

    await setProductActive(admin, { id, active: false });
    expect((await db.product.findUniqueOrThrow({ where: { id } })).active).toBe(false);
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).productId).toBe(id);
    const [audit] = await auditRows("catalog.product.updated", id);
    expect(audit.data).toMatchObject({ changes: { active: { from: true, to: false } } });
  });

  it("not used by any service are deleted with their prices, once", async () => {
    const { id } = await saveProduct(admin, productInput());
    await saveProductPrices(admin, { productId: id, prices: grid({ EUR: { annual: { amount: "99" } } }) });
    await deleteProduct(admin, id);
    expect(await db.product.findUnique({ where: { id } })).toBeNull();
    expect(await db.price.count({ where: { productId: id } })).toBe(0);
    expect(await auditRows("catalog.product.deleted", id)).toHaveLength(1);
    await expect(deleteProduct(admin, id)).rejects.toMatchObject({ key: "errors.notFound" });
    expect(await getProductForStaff(admin, id)).toBeNull();
    expect(await getProductForStaff(admin, "not-a-uuid")).toBeNull();
  });
});

describe("the price grid", () => {
  it("saves every filled cell in minor units and leaves empty cells not offered", async () => {
    const { id } = await saveProduct(admin, productInput());
    const input = priceGridSchema.parse({
      productId: id,
      prices: grid({ EUR: { monthly: { amount: "9.9", setupFee: "19.99" }, annual: { amount: "99.00" } }, VND: { monthly: { amount: "250000" } }, HUF: { quarterly: { amount: "12000.50" } } }),
    });
    expect(await saveProductPrices(admin, input)).toEqual({ changed: 4 });
    expect(await pricesOf(id)).toEqual(["EUR/monthly=990+1999", "EUR/annual=9900+0", "HUF/quarterly=1200050+0", "VND/monthly=250000+0"]);

    // The form shows what was saved, with the currency's decimals.
    const product = await getProductForStaff(admin, id);
    const shown = priceGridFrom(product!.prices);
    expect(shown.EUR.monthly).toEqual({ amount: "9.90", setupFee: "19.99" });
    expect(shown.VND.monthly).toEqual({ amount: "250000", setupFee: "" });
    expect(shown.USD.monthly).toEqual({ amount: "", setupFee: "" });
  });

  it("replaces the grid as a whole and audits each changed cell old → new", async () => {
    const { id } = await saveProduct(admin, productInput());
    await saveProductPrices(admin, { productId: id, prices: grid({ EUR: { monthly: { amount: "10" }, annual: { amount: "100" } }, USD: { monthly: { amount: "11" } } }) });
    const result = await saveProductPrices(admin, { productId: id, prices: grid({ EUR: { monthly: { amount: "12", setupFee: "5" }, annual: { amount: "100" } }, VND: { biennial: { amount: "5000000" } } }) });
    expect(result).toEqual({ changed: 3 });
    expect(await pricesOf(id)).toEqual(["EUR/monthly=1200+500", "EUR/annual=10000+0", "VND/biennial=5000000+0"]);

    const audits = await auditRows("catalog.prices.updated", id);
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ actorUserId: admin.userId });
    expect((audits[1].data as { changes: unknown[] }).changes).toEqual([
      { currency: "VND", cycle: "biennial", from: null, to: { amount: "5000000", setupFee: "0" } },
      { currency: "EUR", cycle: "monthly", from: { amount: "10.00", setupFee: "0.00" }, to: { amount: "12.00", setupFee: "5.00" } },
      { currency: "USD", cycle: "monthly", from: { amount: "11.00", setupFee: "0.00" }, to: null },
    ]);

    // Saving the same grid again changes nothing and writes no audit row.
    expect(await saveProductPrices(admin, { productId: id, prices: priceGridFrom((await getProductForStaff(admin, id))!.prices) })).toEqual({ changed: 0 });
    expect(await auditRows("catalog.prices.updated", id)).toHaveLength(2);
  });

  it("with a bad cell is refused as a whole, with the error on that cell, and nothing changes", async () => {
    const { id } = await saveProduct(admin, productInput());
    await saveProductPrices(admin, { productId: id, prices: grid({ EUR: { monthly: { amount: "10" } } }) });
    const before = await pricesOf(id);

    const bad = grid({ EUR: { monthly: { amount: "20" }, annual: { amount: "200" } }, VND: { monthly: { amount: "250000.5" } } });
    const parsed = priceGridSchema.safeParse({ productId: id, prices: bad });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["prices.VND.monthly.amount", "errors.amountDecimals"]]);

    // The lib refuses the same grid on its own (a caller that skipped the schema), before writing.
    await expect(saveProductPrices(admin, { productId: id, prices: bad })).rejects.toMatchObject({ key: "errors.amountDecimals", field: "prices.VND.monthly.amount" });
    expect(await pricesOf(id)).toEqual(before);
    expect(await auditRows("catalog.prices.updated", id)).toHaveLength(1);
  });

  it("names every bad cell with its own message", () => {
    const parsed = priceGridSchema.safeParse({
      productId: "00000000-0000-4000-8000-000000000000",
      prices: grid({
        EUR: { monthly: { amount: "12,50" }, quarterly: { amount: "-1" }, annual: { amount: "", setupFee: "10" } },
        USD: { monthly: { amount: "1.999" }, annual: { amount: "10", setupFee: "abc" } },
        HUF: { monthly: { amount: "99999999999999999" } },
      }),
    });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual({
      "prices.EUR.monthly.amount": "errors.amountFormat",
      "prices.EUR.quarterly.amount": "errors.amountNegative",
      "prices.EUR.annual.amount": "errors.setupFeeWithoutPrice",
      "prices.USD.monthly.amount": "errors.amountDecimals",
      "prices.USD.annual.setupFee": "errors.amountFormat",
      "prices.HUF.monthly.amount": "errors.amountTooLarge",
    });
  });

  it("of a missing product is refused", async () => {
    await expect(saveProductPrices(admin, { productId: "00000000-0000-4000-8000-000000000000", prices: grid({ EUR: { monthly: { amount: "1" } } }) })).rejects.toMatchObject({ key: "errors.notFound" });
  });
});

describe("VAT rates", () => {
  // Countries no other test file uses (others rely on SK, HU, VN…).
  const [A, B] = ["MT", "LU"];

  afterAll(async () => {
    await db.taxRate.deleteMany({ where: { country: { in: [A, B] } } });
  });

  it("are added from a percentage, listed, changed and removed, each audited", async () => {
    await createTaxRate(admin, taxRateSchema.parse({ country: A.toLowerCase(), rate: "18" }));
    await createTaxRate(admin, taxRateSchema.parse({ country: B, rate: "16,5" }));
    expect((await listTaxRates(admin)).filter((r) => [A, B].includes(r.country))).toEqual([
      { country: B, rateBp: 1650, percent: "16.5" },
      { country: A, rateBp: 1800, percent: "18" },
    ]);

    await updateTaxRate(admin, taxRateSchema.parse({ country: A, rate: "17.25" }));
    expect(await db.taxRate.findUnique({ where: { country: A } })).toEqual({ country: A, rateBp: 1725 });
    await updateTaxRate(admin, taxRateSchema.parse({ country: A, rate: "17.25" })); // unchanged: no audit row

    await deleteTaxRate(admin, B);
    expect(await db.taxRate.findUnique({ where: { country: B } })).toBeNull();

    expect((await auditRows("catalog.tax_rate.created", A))[0].data).toEqual({ country: A, rateBp: 1800 });
    expect((await auditRows("catalog.tax_rate.updated", A)).map((a) => a.data)).toEqual([{ country: A, from: 1800, to: 1725 }]);
    expect((await auditRows("catalog.tax_rate.deleted", B)).map((a) => a.data)).toEqual([{ country: B, rateBp: 1650 }]);
  });

  it("refuse a second rate for a country, and changing or removing a missing one", async () => {
    await expect(createTaxRate(admin, taxRateSchema.parse({ country: A, rate: "5" }))).rejects.toMatchObject({ key: "errors.countryExists", field: "country" });
    expect((await db.taxRate.findUnique({ where: { country: A } }))?.rateBp).toBe(1725);
    await expect(updateTaxRate(admin, taxRateSchema.parse({ country: B, rate: "5" }))).rejects.toMatchObject({ key: "errors.notFound" });
    await expect(deleteTaxRate(admin, B)).rejects.toMatchObject({ key: "errors.notFound" });
    expect(await db.taxRate.findUnique({ where: { country: B } })).toBeNull();
  });

  it("validate the country code and a rate of 0–100 % with at most two decimals", () => {
    const errors = (country: string, rate: string) => {
      const result = taxRateSchema.safeParse({ country, rate });
      return result.success ? result.data : fieldErrorsOf(result.error);
    };
    expect(errors("sk", " 23 ")).toEqual({ country: "SK", rate: "23" });
    expect(errors("SK", "0")).toEqual({ country: "SK", rate: "0" });
    expect(errors("SK", "100")).toEqual({ country: "SK", rate: "100" });
    expect(errors("", "")).toEqual({ country: "errors.countryRequired", rate: "errors.rateRequired" });
    expect(errors("XX", "20")).toEqual({ country: "errors.countryInvalid" });
    expect(errors("SVK", "20")).toEqual({ country: "errors.countryInvalid" });
    expect(errors("UK", "20")).toEqual({ country: "errors.countryInvalid" });
    expect(errors("SK", "100.01")).toEqual({ rate: "errors.rateRange" });
    expect(errors("SK", "150")).toEqual({ rate: "errors.rateRange" });
    expect(errors("SK", "-1")).toEqual({ rate: "errors.rateFormat" });
    expect(errors("SK", "23.456")).toEqual({ rate: "errors.rateFormat" });
    expect(errors("SK", "23 %")).toEqual({ rate: "errors.rateFormat" });
    expect(errors("SK", "1e1")).toEqual({ rate: "errors.rateFormat" });
  });

  it("convert percentages to basis points and back exactly", () => {
    expect(["23", "5.5", "5.05", "0", "100", "21,25", "0.01"].map(percentToBasisPoints)).toEqual([2300, 550, 505, 0, 10_000, 2125, 1]);
    expect([2300, 550, 505, 0, 10_000, 2125, 1].map(basisPointsToPercent)).toEqual(["23", "5.5", "5.05", "0", "100", "21.25", "0.01"]);
    expect(["", "07", ".5", "5.", "5.555", "abc", "1000"].map(percentToBasisPoints)).toEqual([null, null, null, null, null, null, null]);
  });
});
