import { allocate, divRoundHalfUp, isSupportedCurrency, MoneyParseError, multiplyQuantity, parseMoney, safeParseMoney, sum, SUPPORTED_CURRENCIES, toDecimalString } from "./money";

const BEYOND_2_53 = 2n ** 53n + 1n; // 9007199254740993, not representable as a float

describe("SUPPORTED_CURRENCIES", () => {
  it("lists the four portal currencies", () => {
    expect(SUPPORTED_CURRENCIES).toEqual(["VND", "EUR", "HUF", "USD"]);
    expect(isSupportedCurrency("EUR")).toBe(true);
    expect(isSupportedCurrency("eur")).toBe(false);
    expect(isSupportedCurrency("CZK")).toBe(false);
  });
});

describe("parseMoney", () => {
  it.each([
    ["12.34", "EUR", 1234n],
    ["12.3", "EUR", 1230n],
    ["12", "EUR", 1200n],
    ["0", "EUR", 0n],
    ["0.01", "USD", 1n],
    ["0.5", "USD", 50n],
    ["1500.50", "HUF", 150050n], // HUF has 2 minor digits (ISO), even though ICU says 0
    ["1500", "HUF", 150000n],
    ["250000", "VND", 250000n],
    ["0", "VND", 0n],
    [" 12.34 ", "EUR", 1234n],
  ] as const)("parses %p %s → %p", (input, currency, expected) => {
    expect(parseMoney(input, currency)).toBe(expected);
  });

  it("keeps every digit of amounts beyond 2^53", () => {
    expect(parseMoney("90071992547409.93", "EUR")).toBe(BEYOND_2_53);
    expect(parseMoney("9007199254740993", "VND")).toBe(BEYOND_2_53);
    expect(parseMoney("123456789012345678901234567890.12", "USD")).toBe(12345678901234567890123456789012n);
  });

  it.each([
    ["12.345", "EUR"],
    ["12.340", "EUR"],
    ["0.001", "USD"],
    ["1.5", "VND"],
    ["1.0", "VND"],
    ["100.001", "HUF"],
  ] as const)("rejects %p in %s: more decimals than the currency has", (input, currency) => {
    expect(() => parseMoney(input, currency)).toThrow(expect.objectContaining({ code: "too_many_decimals" }));
  });

  it.each(["1,234.00", "1 234.00", "1'234", "1_000", "12,34", "1e3", "1E3", "1.2e2", "+12", ".5", "5.", "", " ", "-", "abc", "0x10", "12.34€", "€12", "012", "Infinity", "NaN", "1.2.3", "--1"])(
    "rejects %p as not a plain decimal",
    (input) => {
      expect(() => parseMoney(input, "EUR")).toThrow(MoneyParseError);
      expect(() => parseMoney(input, "EUR")).toThrow(expect.objectContaining({ code: "format" }));
    },
  );

  it("rejects negatives unless allowed", () => {
    expect(() => parseMoney("-12.34", "EUR")).toThrow(expect.objectContaining({ code: "negative" }));
    expect(() => parseMoney("-0", "EUR")).toThrow(expect.objectContaining({ code: "negative" }));
    expect(parseMoney("-12.34", "EUR", { allowNegative: true })).toBe(-1234n);
    expect(parseMoney("-0.05", "EUR", { allowNegative: true })).toBe(-5n);
    expect(parseMoney("-5000", "VND", { allowNegative: true })).toBe(-5000n);
  });

  it("rejects an unsupported currency smuggled in at run time", () => {
    expect(() => parseMoney("1", "CZK" as "EUR")).toThrow(RangeError);
  });
});

describe("safeParseMoney", () => {
  it("returns results instead of throwing", () => {
    expect(safeParseMoney("1.10", "EUR")).toEqual({ ok: true, minor: 110n });
    expect(safeParseMoney("1.101", "EUR")).toEqual({ ok: false, code: "too_many_decimals" });
    expect(safeParseMoney("1,1", "EUR")).toEqual({ ok: false, code: "format" });
    expect(safeParseMoney("-1", "EUR")).toEqual({ ok: false, code: "negative" });
  });
});

describe("toDecimalString", () => {
  it.each([
    [1234n, "EUR", "12.34"],
    [5n, "EUR", "0.05"],
    [0n, "USD", "0.00"],
    [-1205n, "EUR", "-12.05"],
    [-5n, "HUF", "-0.05"],
    [150050n, "HUF", "1500.50"],
    [250000n, "VND", "250000"],
    [-250000n, "VND", "-250000"],
    [BEYOND_2_53, "EUR", "90071992547409.93"],
  ] as const)("%p %s → %p", (minor, currency, expected) => {
    expect(toDecimalString(minor, currency)).toBe(expected);
  });

  it("round-trips with parseMoney", () => {
    for (const value of ["0.00", "0.01", "12.34", "-99.99", "90071992547409.93"]) {
      expect(toDecimalString(parseMoney(value, "EUR", { allowNegative: true }), "EUR")).toBe(value);
    }
  });
});

describe("divRoundHalfUp", () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [-4n, 3n, -1n],
    [-5n, 3n, -2n],
    [149n, 100n, 1n],
    [150n, 100n, 2n],
    [-150n, 100n, -2n],
    [-149n, 100n, -1n],
    [0n, 7n, 0n],
    [5n, -2n, -3n],
    [-5n, -2n, 3n],
  ])("%p / %p → %p", (a, b, expected) => {
    expect(divRoundHalfUp(a, b)).toBe(expected);
  });

  it("refuses to divide by zero", () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe("multiplyQuantity", () => {
  it.each([
    [1000n, 1000, 1000n], // 1 × 10.00
    [1000n, 1500, 1500n], // 1.5 × 10.00
    [999n, 1500, 1499n], // 1498.5 → half up
    [333n, 1500, 500n], // 499.5 → 500
    [1n, 500, 1n], // 0.5 → 1
    [1n, 499, 0n],
    [1n, 0, 0n],
    [-999n, 1500, -1499n], // credit line: −1498.5 → −1499, away from zero
    [-1n, 500, -1n],
    [999n, -1500, -1499n],
    [25000n, 2500, 62500n], // VND 25 000 ₫ × 2.5
    [3n, 1500, 5n], // VND 4.5 ₫ → 5 ₫: whole dong
  ])("%p × %p‰ → %p", (unit, quantityMilli, expected) => {
    expect(multiplyQuantity(unit, quantityMilli)).toBe(expected);
  });

  it("accepts a bigint quantity and amounts beyond 2^53", () => {
    expect(multiplyQuantity(BEYOND_2_53, 2000n)).toBe(BEYOND_2_53 * 2n);
    expect(multiplyQuantity(BEYOND_2_53, 500)).toBe(4503599627370497n); // 4503599627370496.5 → up
  });

  it("rejects a fractional or unsafe quantity", () => {
    expect(() => multiplyQuantity(100n, 1.5)).toThrow(RangeError);
    expect(() => multiplyQuantity(100n, Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
  });
});

describe("allocate", () => {
  it("splits evenly when it can", () => {
    expect(allocate(900n, [1, 1, 1])).toEqual([300n, 300n, 300n]);
  });

  it("gives leftovers to the largest remainders, ties to the earlier part", () => {
    expect(allocate(100n, [1, 1, 1])).toEqual([34n, 33n, 33n]);
    expect(allocate(5n, [3, 7])).toEqual([2n, 3n]); // 1.5 / 3.5 → tie, first part wins
    expect(allocate(10n, [1, 2, 3])).toEqual([2n, 3n, 5n]); // 1.67 / 3.33 / 5 → largest remainder first
    expect(allocate(1n, [1, 1, 1])).toEqual([1n, 0n, 0n]);
  });

  it("always sums exactly", () => {
    for (const amount of [0n, 1n, 7n, 99n, 1001n, 123457n, BEYOND_2_53]) {
      for (const ratios of [[1], [1, 1], [1, 2, 3], [7, 0, 13, 5], [2000, 2700, 1000]]) {
        const parts = allocate(amount, ratios);
        expect(sum(parts)).toBe(amount);
        expect(parts).toHaveLength(ratios.length);
      }
    }
  });

  it("never gives anything to a zero ratio", () => {
    expect(allocate(10n, [0, 1, 0, 2])).toEqual([0n, 3n, 0n, 7n]);
  });

  it("splits a negative amount as the mirror of the positive one (credit notes)", () => {
    expect(allocate(-100n, [1, 1, 1])).toEqual([-34n, -33n, -33n]);
    expect(allocate(-10n, [1, 2, 3])).toEqual(allocate(10n, [1, 2, 3]).map((part) => -part));
  });

  it("accepts bigint ratios and amounts beyond 2^53", () => {
    expect(allocate(BEYOND_2_53, [1n, 1n])).toEqual([4503599627370497n, 4503599627370496n]);
  });

  it("rejects bad ratios", () => {
    expect(() => allocate(10n, [])).toThrow(RangeError);
    expect(() => allocate(10n, [0, 0])).toThrow(RangeError);
    expect(() => allocate(10n, [1, -1, 2])).toThrow(RangeError);
    expect(() => allocate(10n, [0.5, 0.5])).toThrow(RangeError);
  });
});

describe("sum", () => {
  it("adds bigints exactly", () => {
    expect(sum([])).toBe(0n);
    expect(sum([1n, -1n, 5n])).toBe(5n);
    expect(sum([BEYOND_2_53, BEYOND_2_53])).toBe(18014398509481986n);
  });
});
