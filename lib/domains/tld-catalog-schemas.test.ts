import { fieldErrorsOf } from "@/lib/actions/result";
import {
  TLD_ACTIONS,
  normalizeTldName,
  parseTldPriceCell,
  tldActiveSchema,
  tldCreateSchema,
  tldPriceFieldPath,
  tldPriceGridFrom,
  tldPriceGridSchema,
  tldSettingsSchema,
} from "./tld-catalog-schemas";

const ID = "6f1c1f2e-3c4b-4d5e-8f90-1a2b3c4d5e6f";

const createErrors = (input: Record<string, unknown>) => {
  const result = tldCreateSchema.safeParse({ name: "com", registrar: "builtin", maxYears: 10, position: 0, active: true, ...input });
  return result.success ? {} : fieldErrorsOf(result.error);
};

describe("TLD names", () => {
  it("are stored lower case, without the leading dot, an IDN as its A-label", () => {
    expect(normalizeTldName("com")).toBe("com");
    expect(normalizeTldName("  .COM ")).toBe("com");
    expect(normalizeTldName("co.uk")).toBe("co.uk");
    expect(normalizeTldName(".Com.VN.")).toBe("com.vn");
    expect(normalizeTldName("k12.ca.us")).toBe("k12.ca.us");
    expect(normalizeTldName("рф")).toBe("xn--p1ai");
    expect(normalizeTldName("XN--P1AI")).toBe("xn--p1ai");
    expect(normalizeTldName("みんな")).toBe("xn--q9jyb4c");
    expect(normalizeTldName("xn--q9jyb4c")).toBe("xn--q9jyb4c");
    expect(normalizeTldName("com.рф")).toBe("com.xn--p1ai");
  });

  it("refuse what is not a TLD", () => {
    for (const bad of ["", ".", "-com", "com-", "a..b", "co uk", "co_uk", "c*m", "a.b.c.d", "123", "co.42", "ab--cd", "xn--", "xn--zz", "x".repeat(64), "com/", "http://com", "1.2.3.4", "[::1]"]) {
      expect([bad, normalizeTldName(bad)]).toEqual([bad, null]);
    }
  });

  it("give message keys in the create schema, and the normalised name as its output", () => {
    expect(tldCreateSchema.parse({ name: " .Shop ", registrar: "builtin", maxYears: 5, position: 3, active: false })).toEqual({ name: "shop", registrar: "builtin", maxYears: 5, position: 3, active: false });
    expect(createErrors({ name: "   " })).toEqual({ name: "errors.nameRequired" });
    expect(createErrors({ name: "not a tld" })).toEqual({ name: "errors.nameFormat" });
    expect(createErrors({ name: 42 })).toEqual({ name: "errors.nameRequired" });
  });
});

describe("TLD settings", () => {
  it("take 1 to 10 years and a position of 0 to 9999", () => {
    for (const maxYears of [1, 10]) expect(createErrors({ maxYears })).toEqual({});
    for (const maxYears of [0, 11, 2.5, Number.NaN, "5"]) expect([maxYears, createErrors({ maxYears }).maxYears]).toEqual([maxYears, "errors.maxYearsRange"]);
    for (const position of [-1, 10_000, 1.5, Number.NaN]) expect([position, createErrors({ position }).position]).toEqual([position, "errors.positionInvalid"]);
  });

  it("take registrar keys of the right shape (whether one is installed is the server's check)", () => {
    expect(createErrors({ registrar: "epp-nic_sk2" })).toEqual({});
    expect(createErrors({ registrar: "" })).toEqual({ registrar: "errors.registrarRequired" });
    for (const bad of ["Builtin", "-builtin", "built in", "x".repeat(33), "../etc"]) expect([bad, createErrors({ registrar: bad }).registrar]).toEqual([bad, "errors.registrarUnknown"]);
  });

  it("need a TLD id to edit, and a boolean to (de)activate", () => {
    expect(tldSettingsSchema.safeParse({ id: ID, registrar: "builtin", maxYears: 2, position: 0 }).success).toBe(true);
    const bad = tldSettingsSchema.safeParse({ id: "1 OR 1=1", registrar: "builtin", maxYears: 2, position: 0 });
    expect(bad.success ? {} : fieldErrorsOf(bad.error)).toEqual({ id: "errors.notFound" });
    expect(tldActiveSchema.safeParse({ id: ID, active: "false" }).success).toBe(false);
    expect(tldActiveSchema.safeParse({ id: ID, active: false }).success).toBe(true);
  });
});

describe("TLD price grid", () => {
  it("reads a cell as not sold, a price in minor units, or the message key of what is wrong", () => {
    expect(parseTldPriceCell("  ", "EUR")).toEqual({ kind: "empty" });
    expect(parseTldPriceCell("12.5", "EUR")).toEqual({ kind: "price", amountMinor: 1250n });
    expect(parseTldPriceCell("0", "EUR")).toEqual({ kind: "price", amountMinor: 0n });
    expect(parseTldPriceCell("299000", "VND")).toEqual({ kind: "price", amountMinor: 299_000n });
    expect(parseTldPriceCell("12,50", "EUR")).toEqual({ kind: "invalid", key: "errors.amountFormat" });
    expect(parseTldPriceCell("1e3", "EUR")).toEqual({ kind: "invalid", key: "errors.amountFormat" });
    expect(parseTldPriceCell("12.505", "EUR")).toEqual({ kind: "invalid", key: "errors.amountDecimals" });
    expect(parseTldPriceCell("1.5", "VND")).toEqual({ kind: "invalid", key: "errors.amountDecimals" });
    expect(parseTldPriceCell("-1", "EUR")).toEqual({ kind: "invalid", key: "errors.amountNegative" });
    expect(parseTldPriceCell("100000000000000", "EUR")).toEqual({ kind: "invalid", key: "errors.amountTooLarge" });
  });

  it("is built from stored prices for 1…maxYears, supported currencies only", () => {
    const grid = tldPriceGridFrom(
      [
        { action: "register", currency: "EUR", years: 1, amountMinor: 1190n },
        { action: "renew", currency: "VND", years: 2, amountMinor: 698_000n },
        { action: "renew", currency: "EUR", years: 3, amountMinor: 4170n }, // beyond maxYears
        { action: "transfer", currency: "GBP", years: 1, amountMinor: 999n }, // not a supported currency
      ],
      2,
    );
    expect(Object.keys(grid)).toEqual([...TLD_ACTIONS]);
    expect(grid.register).toEqual([
      { VND: "", EUR: "11.90", HUF: "", USD: "" },
      { VND: "", EUR: "", HUF: "", USD: "" },
    ]);
    expect(grid.renew[1]).toEqual({ VND: "698000", EUR: "", HUF: "", USD: "" });
    expect(grid.transfer).toEqual([
      { VND: "", EUR: "", HUF: "", USD: "" },
      { VND: "", EUR: "", HUF: "", USD: "" },
    ]);
  });

  it("puts each bad cell's message on its own path, and accepts a clean grid", () => {
    const prices = tldPriceGridFrom([], 3);
    prices.register[0].EUR = "9.90";
    prices.renew[1].EUR = "abc";
    prices.transfer[2].VND = "0.5";
    const result = tldPriceGridSchema.safeParse({ tldId: ID, prices });
    expect(result.success ? {} : fieldErrorsOf(result.error)).toEqual({
      [tldPriceFieldPath("renew", 2, "EUR")]: "errors.amountFormat",
      [tldPriceFieldPath("transfer", 3, "VND")]: "errors.amountDecimals",
    });
    expect(tldPriceFieldPath("renew", 2, "EUR")).toBe("prices.renew.1.EUR");

    prices.renew[1].EUR = "";
    prices.transfer[2].VND = "";
    expect(tldPriceGridSchema.safeParse({ tldId: ID, prices }).success).toBe(true);
  });

  it("refuses a grid whose actions have different term counts, a missing currency, or more than 10 terms", () => {
    const uneven = tldPriceGridFrom([], 3);
    uneven.transfer.pop();
    expect(tldPriceGridSchema.safeParse({ tldId: ID, prices: uneven }).success).toBe(false);

    const missing = tldPriceGridFrom([], 1) as unknown as Record<string, Record<string, string>[]>;
    delete missing.renew[0].HUF;
    expect(tldPriceGridSchema.safeParse({ tldId: ID, prices: missing }).success).toBe(false);

    const tooLong = tldPriceGridFrom([], 10);
    for (const action of TLD_ACTIONS) tooLong[action].push({ VND: "", EUR: "", HUF: "", USD: "" });
    expect(tldPriceGridSchema.safeParse({ tldId: ID, prices: tooLong }).success).toBe(false);
  });
});
