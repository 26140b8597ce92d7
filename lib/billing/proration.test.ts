import { prorate, type ProrationInput } from "./proration";

const base: ProrationInput = {
  oldPriceMinor: 1000n,
  newPriceMinor: 2000n,
  periodStart: "2025-04-01",
  periodEnd: "2025-04-30",
  changeDate: "2025-04-16",
  currency: "EUR",
};

describe("prorate", () => {
  it("charges the difference for the remaining days on an upgrade", () => {
    // 15 of 30 days remain: credit 5.00, charge 10.00.
    expect(prorate(base)).toEqual({ creditMinor: 500n, chargeMinor: 1000n, netMinor: 500n, outcome: "charge", remainingDays: 15, periodDays: 30 });
  });

  it("credits the difference on a downgrade", () => {
    const result = prorate({ ...base, oldPriceMinor: 2000n, newPriceMinor: 1000n });
    expect(result).toMatchObject({ creditMinor: 1000n, chargeMinor: 500n, netMinor: -500n, outcome: "credit" });
  });

  it("does nothing when the price does not change", () => {
    expect(prorate({ ...base, newPriceMinor: 1000n })).toMatchObject({ netMinor: 0n, outcome: "none" });
  });

  it("counts the change day as a day on the new plan", () => {
    expect(prorate({ ...base, changeDate: "2025-04-01" })).toMatchObject({ creditMinor: 1000n, chargeMinor: 2000n, remainingDays: 30 });
    expect(prorate({ ...base, changeDate: "2025-04-30" })).toMatchObject({ creditMinor: 33n, chargeMinor: 67n, netMinor: 34n, remainingDays: 1 });
  });

  it("rounds credit and charge half up separately, and net is their difference", () => {
    // 1 of 30 days: 1000/30 = 33.33 → 33; 2000/30 = 66.67 → 67. A net rounded on its own would be 33.
    const result = prorate({ ...base, changeDate: "2025-04-30" });
    expect(result.netMinor).toBe(result.chargeMinor - result.creditMinor);
    // 15 of 30 days of 0.01: 0.5 → 1 (half up).
    expect(prorate({ ...base, oldPriceMinor: 0n, newPriceMinor: 1n })).toMatchObject({ chargeMinor: 1n, netMinor: 1n });
    // 15 of 30 days of 0.03: 1.5 → 2.
    expect(prorate({ ...base, oldPriceMinor: 3n, newPriceMinor: 0n })).toMatchObject({ creditMinor: 2n, netMinor: -2n, outcome: "credit" });
  });

  it("rounds to whole dong in VND", () => {
    // 31-day month, 10 days left: 100 000 × 10/31 = 32 258.06 → 32 258; 250 000 × 10/31 = 80 645.16 → 80 645.
    const result = prorate({
      oldPriceMinor: 100_000n,
      newPriceMinor: 250_000n,
      periodStart: "2025-01-01",
      periodEnd: "2025-01-31",
      changeDate: "2025-01-22",
      currency: "VND",
    });
    expect(result).toMatchObject({ creditMinor: 32_258n, chargeMinor: 80_645n, netMinor: 48_387n, remainingDays: 10, periodDays: 31 });
    // 3 ₫ over 2 days with 1 left: 1.5 → 2 ₫.
    expect(prorate({ ...base, oldPriceMinor: 0n, newPriceMinor: 3n, periodStart: "2025-01-30", periodEnd: "2025-01-31", changeDate: "2025-01-31", currency: "VND" }).chargeMinor).toBe(2n);
  });

  it("works in HUF with 2 minor digits", () => {
    // 4 990 Ft → 9 990 Ft, 7 of 28 days (Feb 2025): 1 247.50 Ft credit, 2 497.50 Ft charge.
    const result = prorate({
      oldPriceMinor: 499_000n,
      newPriceMinor: 999_000n,
      periodStart: "2025-02-01",
      periodEnd: "2025-02-28",
      changeDate: "2025-02-22",
      currency: "HUF",
    });
    expect(result).toMatchObject({ creditMinor: 124_750n, chargeMinor: 249_750n, netMinor: 125_000n, periodDays: 28, remainingDays: 7 });
  });

  it("uses 29 days for February in a leap year", () => {
    const result = prorate({ ...base, oldPriceMinor: 0n, newPriceMinor: 2900n, periodStart: "2024-02-01", periodEnd: "2024-02-29", changeDate: "2024-02-29" });
    expect(result).toMatchObject({ chargeMinor: 100n, periodDays: 29, remainingDays: 1 });
  });

  it("uses 366 days for an annual period containing Feb 29", () => {
    const result = prorate({ ...base, oldPriceMinor: 36_600n, newPriceMinor: 73_200n, periodStart: "2024-01-01", periodEnd: "2024-12-31", changeDate: "2024-12-01" });
    expect(result).toMatchObject({ creditMinor: 3_100n, chargeMinor: 6_200n, netMinor: 3_100n, periodDays: 366, remainingDays: 31 });
  });

  it("handles prices beyond 2^53", () => {
    const big = 2n ** 53n + 1n; // 9007199254740993
    const result = prorate({ ...base, oldPriceMinor: 0n, newPriceMinor: big }); // half of it: …496.5 → up
    expect(result.chargeMinor).toBe(4503599627370497n);
  });

  it("rejects dates outside the period, inverted periods, negative prices and unknown currencies", () => {
    expect(() => prorate({ ...base, changeDate: "2025-03-31" })).toThrow(RangeError);
    expect(() => prorate({ ...base, changeDate: "2025-05-01" })).toThrow(RangeError);
    expect(() => prorate({ ...base, periodStart: "2025-05-01" })).toThrow(RangeError);
    expect(() => prorate({ ...base, oldPriceMinor: -1n })).toThrow(RangeError);
    expect(() => prorate({ ...base, currency: "CZK" as "EUR" })).toThrow(RangeError);
    expect(() => prorate({ ...base, changeDate: "2025-04-31" })).toThrow(RangeError);
  });
});
