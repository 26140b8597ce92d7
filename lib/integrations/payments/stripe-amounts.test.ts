import { fromStripeAmount, stripeDigits, toStripeAmount } from "./stripe-amounts";

describe("Stripe amounts", () => {
  it("VND is zero-decimal on both sides: 1 250 000 ₫ is 1250000", () => {
    expect(stripeDigits("vnd")).toBe(0);
    expect(toStripeAmount(1_250_000n, "VND")).toBe(1_250_000);
    expect(fromStripeAmount(1_250_000, "vnd")).toBe(1_250_000n);
  });

  it("HUF is charged with two decimals (zero-decimal only for payouts): 10.45 Ft is 1045", () => {
    expect(stripeDigits("HUF")).toBe(2);
    expect(toStripeAmount(1_045n, "HUF")).toBe(1_045);
    expect(fromStripeAmount(1_045, "huf")).toBe(1_045n);
  });

  it("EUR and USD are cents", () => {
    expect(toStripeAmount(18_180n, "EUR")).toBe(18_180);
    expect(toStripeAmount(99n, "USD")).toBe(99);
    expect(fromStripeAmount(12_300, "eur")).toBe(12_300n);
  });

  it("a currency whose Stripe unit is finer than ours is scaled exactly, and back only when exact", () => {
    // ISK has 0 ISO decimals; Stripe writes it with 2 (5 ISK is 500).
    expect(toStripeAmount(5n, "ISK")).toBe(500);
    expect(fromStripeAmount(500, "ISK")).toBe(5n);
    expect(() => fromStripeAmount(550, "ISK")).toThrow(RangeError);
  });

  it("refuses amounts that are not safe integers", () => {
    expect(() => fromStripeAmount(10.5, "EUR")).toThrow(RangeError);
    expect(() => toStripeAmount(2n ** 60n, "EUR")).toThrow(RangeError);
  });
});
