import { currencyDigits, formatMoney, minorToDecimalString } from "./money";

// Intl separates groups with a narrow no-break space (U+202F) or no-break space (U+00A0) in some
// locales; normalise them so the expectations stay readable.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("currencyDigits", () => {
  it("knows the minor units of our currencies", () => {
    expect(currencyDigits("VND")).toBe(0);
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("USD")).toBe(2);
    expect(currencyDigits("HUF")).toBe(2);
    expect(currencyDigits("huf")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
  });
});

describe("minorToDecimalString", () => {
  it("places the decimal point without floats", () => {
    expect(minorToDecimalString(BigInt(123450), 2)).toBe("1234.50");
    expect(minorToDecimalString(BigInt(5), 2)).toBe("0.05");
    expect(minorToDecimalString(BigInt(0), 2)).toBe("0.00");
    expect(minorToDecimalString(BigInt(-7), 2)).toBe("-0.07");
    expect(minorToDecimalString(BigInt(250000), 0)).toBe("250000");
    expect(minorToDecimalString(BigInt("900719925474099312"), 2)).toBe("9007199254740993.12");
  });
});

describe("formatMoney", () => {
  const cases: [string, string, bigint, string][] = [
    ["en", "VND", BigInt(1250000), "₫1,250,000"],
    ["vi", "VND", BigInt(1250000), "1.250.000 ₫"],
    ["sk", "VND", BigInt(1250000), "1 250 000 VND"],
    ["hu", "VND", BigInt(1250000), "1 250 000 VND"],
    ["en", "EUR", BigInt(123450), "€1,234.50"],
    ["vi", "EUR", BigInt(123450), "1.234,50 €"],
    ["sk", "EUR", BigInt(123450), "1 234,50 €"],
    ["hu", "EUR", BigInt(123450), "1234,50 EUR"], // Hungarian groups only from five digits
    ["hu", "EUR", BigInt(1234567), "12 345,67 EUR"],
    ["en", "HUF", BigInt(1500000), "HUF 15,000.00"],
    ["vi", "HUF", BigInt(1500000), "15.000,00 HUF"],
    ["sk", "HUF", BigInt(1500000), "15 000,00 HUF"],
    ["hu", "HUF", BigInt(1500000), "15 000,00 Ft"],
  ];
  it.each(cases)("%s %s %s", (locale, currency, minor, expected) => {
    expect(plain(formatMoney(minor, currency, locale))).toBe(expected);
  });

  it("keeps every digit of large amounts and the sign", () => {
    expect(formatMoney(BigInt("900719925474099312"), "EUR", "en")).toBe("€9,007,199,254,740,993.12");
    expect(formatMoney(BigInt(-5), "EUR", "en")).toBe("-€0.05");
  });
});
