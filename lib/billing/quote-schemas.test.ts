import { bpToPercent, isIsoDate, milliToQuantity, percentToBp, quantityToMilli, quoteDraftSchema, quoteLineSchema } from "./quote-schemas";

const line = (patch: Partial<Record<"description" | "quantity" | "unitPrice" | "taxRate", string>>) => ({ description: "Setup", quantity: "1", unitPrice: "10", taxRate: "23", ...patch });
const errorOf = (value: unknown) => {
  const result = quoteLineSchema.safeParse(value);
  return result.success ? null : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};

describe("quote form values", () => {
  it("converts quantities to thousandths and back", () => {
    expect([quantityToMilli("1"), quantityToMilli("2.5"), quantityToMilli("0.125"), quantityToMilli("12.05")]).toEqual([1000, 2500, 125, 12050]);
    expect([milliToQuantity(1000), milliToQuantity(2500), milliToQuantity(125), milliToQuantity(12050)]).toEqual(["1", "2.5", "0.125", "12.05"]);
  });

  it("converts VAT percent to basis points and back", () => {
    expect([percentToBp("23"), percentToBp("5.5"), percentToBp("0"), percentToBp("100"), percentToBp("7.05")]).toEqual([2300, 550, 0, 10000, 705]);
    expect([bpToPercent(2300), bpToPercent(550), bpToPercent(0), bpToPercent(705)]).toEqual(["23", "5.5", "0", "7.05"]);
  });

  it("accepts real calendar dates only", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-2-1")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });

  it("refuses quantities, prices and rates that would be guessed at", () => {
    expect(errorOf(line({}))).toBeNull();
    expect(errorOf(line({ quantity: "0" }))).toEqual(["quantity:errors.quantityInvalid"]);
    expect(errorOf(line({ quantity: "1.2345" }))).toEqual(["quantity:errors.quantityInvalid"]);
    expect(errorOf(line({ quantity: "-1" }))).toEqual(["quantity:errors.quantityInvalid"]);
    expect(errorOf(line({ unitPrice: "1,50" }))).toEqual(["unitPrice:errors.amountInvalid"]);
    expect(errorOf(line({ unitPrice: "-5" }))).toEqual(["unitPrice:errors.amountInvalid"]);
    expect(errorOf(line({ taxRate: "101" }))).toEqual(["taxRate:errors.rateInvalid"]);
    expect(errorOf(line({ taxRate: "23.456" }))).toEqual(["taxRate:errors.rateInvalid"]);
    expect(errorOf(line({ description: "  " }))).toEqual(["description:errors.descriptionRequired"]);
  });

  it("needs a customer and at least one line", () => {
    const result = quoteDraftSchema.safeParse({ customerId: "", subject: "Offer", validUntil: "2030-01-01", lines: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join(".")}:${i.message}`).sort()).toEqual(["customerId:errors.customerRequired", "lines:errors.linesRequired"]);
  });
});
