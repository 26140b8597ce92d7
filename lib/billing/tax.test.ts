import { DEFAULT_VAT_RATES, EU_COUNTRIES, invoiceTotals, isEuCountry, lineTax, rateFor, taxTreatment, treatmentRate, vatIdFormatValid, vatIdPrefix } from "./tax";

describe("EU_COUNTRIES", () => {
  it("has the 27 member states, Greece as GR, and no duplicates", () => {
    expect(EU_COUNTRIES).toHaveLength(27);
    expect(new Set(EU_COUNTRIES).size).toBe(27);
    expect(EU_COUNTRIES).toContain("GR");
    expect(EU_COUNTRIES).not.toContain("EL");
    expect(EU_COUNTRIES).not.toContain("GB");
    for (const code of EU_COUNTRIES) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it("isEuCountry is case-insensitive", () => {
    expect(isEuCountry("sk")).toBe(true);
    expect(isEuCountry("VN")).toBe(false);
    expect(isEuCountry("CH")).toBe(false);
  });
});

describe("rateFor / DEFAULT_VAT_RATES", () => {
  it("seeds the current standard rates", () => {
    expect(DEFAULT_VAT_RATES).toEqual({ VN: 1000, SK: 2300, HU: 2700, CZ: 2100, AT: 2000, DE: 1900 });
  });

  it("reads the table passed in, not a hard-coded one", () => {
    expect(rateFor("SK", DEFAULT_VAT_RATES)).toBe(2300);
    expect(rateFor("hu", DEFAULT_VAT_RATES)).toBe(2700);
    expect(rateFor("SK", { SK: 2000 })).toBe(2000);
  });

  it("throws for a country without a rate instead of silently charging 0 %", () => {
    expect(() => rateFor("FR", DEFAULT_VAT_RATES)).toThrow(/No VAT rate configured for FR/);
    expect(() => rateFor("SK", { SK: 23.5 })).toThrow(RangeError);
    expect(() => rateFor("Slovakia", DEFAULT_VAT_RATES)).toThrow(RangeError);
  });
});

describe("lineTax", () => {
  it.each([
    [10000n, 2300, 2300n], // 100.00 EUR at 23 %
    [1n, 2300, 0n], // 0.23 → 0
    [2n, 2500, 1n], // 0.5 → 1, half up
    [3n, 2700, 1n], // 0.81 → 1
    [1850n, 2000, 370n],
    [1234n, 2700, 333n], // 333.18
    [1235n, 2000, 247n],
    [105n, 1000, 11n], // 10.5 → 11 (VND: 105 ₫ at 10 % → 11 ₫)
    [250000n, 1000, 25000n], // VND
    [250005n, 1000, 25001n], // VND 25000.5 → 25001 whole dong
    [250004n, 800, 20000n], // 20000.32
    [10000n, 0, 0n],
    [-105n, 1000, -11n], // credit note: mirror of the invoice line, away from zero
    [-2n, 2500, -1n],
    [0n, 2700, 0n],
  ])("%p at %p bp → %p", (net, rate, expected) => {
    expect(lineTax(net, rate)).toBe(expected);
  });

  it("handles amounts beyond 2^53", () => {
    expect(lineTax(2n ** 53n + 1n, 2000)).toBe(1801439850948199n); // 1801439850948198.6 → up
  });

  it("rejects rates that are not whole basis points between 0 and 100 %", () => {
    expect(() => lineTax(100n, -1)).toThrow(RangeError);
    expect(() => lineTax(100n, 10_001)).toThrow(RangeError);
    expect(() => lineTax(100n, 0.2)).toThrow(RangeError);
  });
});

describe("invoiceTotals", () => {
  it("returns zeros for an empty invoice", () => {
    expect(invoiceTotals([])).toEqual({ netMinor: 0n, taxMinor: 0n, grossMinor: 0n, byRate: [] });
  });

  it("computes tax per rate on the summed net, not per line", () => {
    // Three lines of 0.02 EUR at 25 %: per line 0.005 → 0.01 each = 0.03; per rate 0.06 × 25 % = 0.015 → 0.02.
    const lines = [2n, 2n, 2n].map((netMinor) => ({ netMinor, rateBp: 2500 }));
    expect(lines.reduce((total, line) => total + lineTax(line.netMinor, line.rateBp), 0n)).toBe(3n);
    expect(invoiceTotals(lines)).toEqual({ netMinor: 6n, taxMinor: 2n, grossMinor: 8n, byRate: [{ rateBp: 2500, netMinor: 6n, taxMinor: 2n }] });
  });

  it("breaks VAT down per rate, highest first, 0 % included, and the tax equals the sum of the breakdown", () => {
    const totals = invoiceTotals([
      { netMinor: 1999n, rateBp: 2700 },
      { netMinor: 1001n, rateBp: 500 },
      { netMinor: 5000n, rateBp: 0 },
      { netMinor: 1001n, rateBp: 2700 },
      { netMinor: 333n, rateBp: 1800 },
    ]);
    expect(totals.byRate).toEqual([
      { rateBp: 2700, netMinor: 3000n, taxMinor: 810n },
      { rateBp: 1800, netMinor: 333n, taxMinor: 60n }, // 59.94
      { rateBp: 500, netMinor: 1001n, taxMinor: 50n }, // 50.05
      { rateBp: 0, netMinor: 5000n, taxMinor: 0n },
    ]);
    expect(totals.netMinor).toBe(9334n);
    expect(totals.taxMinor).toBe(920n);
    expect(totals.grossMinor).toBe(10254n);
    expect(totals.taxMinor).toBe(totals.byRate.reduce((total, rate) => total + rate.taxMinor, 0n));
  });

  it("works in VND with whole dong", () => {
    const totals = invoiceTotals([
      { netMinor: 199_999n, rateBp: 1000 },
      { netMinor: 5n, rateBp: 1000 },
      { netMinor: 99_999n, rateBp: 800 },
    ]);
    expect(totals.byRate).toEqual([
      { rateBp: 1000, netMinor: 200_004n, taxMinor: 20_000n }, // 20000.4
      { rateBp: 800, netMinor: 99_999n, taxMinor: 8_000n }, // 7999.92
    ]);
    expect(totals.grossMinor).toBe(328_003n);
  });

  it("makes a credit note the exact mirror of its invoice", () => {
    const invoice = [
      { netMinor: 1005n, rateBp: 2000 },
      { netMinor: 2n, rateBp: 2500 },
    ];
    const credit = invoice.map((line) => ({ ...line, netMinor: -line.netMinor }));
    const a = invoiceTotals(invoice);
    const b = invoiceTotals(credit);
    expect(b.taxMinor).toBe(-a.taxMinor);
    expect(b.grossMinor).toBe(-a.grossMinor);
    expect(a.byRate.map((rate) => rate.taxMinor)).toEqual([1n, 201n]);
  });

  it("nets a discount line against its rate", () => {
    const totals = invoiceTotals([
      { netMinor: 10000n, rateBp: 2300 },
      { netMinor: -1000n, rateBp: 2300 },
    ]);
    expect(totals.byRate).toEqual([{ rateBp: 2300, netMinor: 9000n, taxMinor: 2070n }]);
  });

  it("handles amounts beyond 2^53", () => {
    const totals = invoiceTotals([{ netMinor: 2n ** 60n, rateBp: 2000 }]); // 1152921504606846976
    expect(totals.taxMinor).toBe(230584300921369395n); // …395.2 → down
    expect(totals.grossMinor).toBe(1383505805528216371n);
  });

  it("rejects an invalid rate on any line", () => {
    expect(() => invoiceTotals([{ netMinor: 1n, rateBp: 2300.5 }])).toThrow(RangeError);
  });
});

describe("taxTreatment: SK provider", () => {
  const sk = (customerCountry: string, isBusiness: boolean, customerVatId: string | null) =>
    taxTreatment({ providerCountry: "SK", customerCountry, customerVatId, isBusiness });

  it.each([
    ["SK business with SK VAT ID", sk("SK", true, "SK2020123456"), { kind: "domestic", rateFromCountry: "SK", legalNoteKey: null }, 2300],
    ["SK consumer", sk("SK", false, null), { kind: "domestic", rateFromCountry: "SK", legalNoteKey: null }, 2300],
    ["HU business with VAT ID", sk("HU", true, "HU12345678"), { kind: "reverse_charge", rateFromCountry: null, legalNoteKey: "reverseCharge" }, 0],
    ["HU business without VAT ID", sk("HU", true, null), { kind: "eu_consumer", rateFromCountry: "SK", legalNoteKey: null }, 2300],
    ["HU business with a blank VAT ID", sk("HU", true, "  "), { kind: "eu_consumer", rateFromCountry: "SK", legalNoteKey: null }, 2300],
    ["HU business with a malformed VAT ID", sk("HU", true, "HU1234"), { kind: "eu_consumer", rateFromCountry: "SK", legalNoteKey: null }, 2300],
    ["HU business with another country's VAT ID", sk("HU", true, "SK2020123456"), { kind: "eu_consumer", rateFromCountry: "SK", legalNoteKey: null }, 2300],
    ["HU consumer", sk("HU", false, null), { kind: "eu_consumer", rateFromCountry: "SK", legalNoteKey: null }, 2300],
    ["HU consumer who typed a VAT ID", sk("HU", false, "HU12345678"), { kind: "eu_consumer", rateFromCountry: "SK", legalNoteKey: null }, 2300],
    ["GR business with an EL VAT ID", sk("GR", true, "EL123456789"), { kind: "reverse_charge", rateFromCountry: null, legalNoteKey: "reverseCharge" }, 0],
    ["US business", sk("US", true, "12-3456789"), { kind: "export", rateFromCountry: null, legalNoteKey: "outsideScope" }, 0],
    ["US consumer", sk("US", false, null), { kind: "export", rateFromCountry: null, legalNoteKey: "outsideScope" }, 0],
    ["VN business", sk("VN", true, "0101234567"), { kind: "export", rateFromCountry: null, legalNoteKey: "outsideScope" }, 0],
    ["VN consumer", sk("VN", false, null), { kind: "export", rateFromCountry: null, legalNoteKey: "outsideScope" }, 0],
    ["CH business (Europe, not EU)", sk("CH", true, "CHE123456789"), { kind: "export", rateFromCountry: null, legalNoteKey: "outsideScope" }, 0],
  ])("%s", (_label, treatment, expected, rate) => {
    expect(treatment).toEqual(expected);
    expect(treatmentRate(treatment, DEFAULT_VAT_RATES)).toBe(rate);
  });
});

describe("taxTreatment: other providers", () => {
  it("HU provider: domestic 27 %, SK business reverse charge", () => {
    const domestic = taxTreatment({ providerCountry: "HU", customerCountry: "HU", customerVatId: "HU12345678", isBusiness: true });
    expect(domestic.kind).toBe("domestic");
    expect(treatmentRate(domestic, DEFAULT_VAT_RATES)).toBe(2700);
    expect(taxTreatment({ providerCountry: "HU", customerCountry: "SK", customerVatId: "SK 2020 123 456", isBusiness: true }).kind).toBe("reverse_charge");
  });

  it("VN provider: domestic 10 %, everything abroad is a zero-rated export", () => {
    const domestic = taxTreatment({ providerCountry: "VN", customerCountry: "VN", customerVatId: null, isBusiness: false });
    expect(domestic).toEqual({ kind: "domestic", rateFromCountry: "VN", legalNoteKey: null });
    expect(treatmentRate(domestic, DEFAULT_VAT_RATES)).toBe(1000);
    for (const customerCountry of ["SK", "US", "SG"]) {
      expect(taxTreatment({ providerCountry: "VN", customerCountry, customerVatId: "SK2020123456", isBusiness: true })).toEqual({
        kind: "export",
        rateFromCountry: null,
        legalNoteKey: "exportZeroRated",
      });
    }
  });

  it("normalises country codes and rejects names", () => {
    expect(taxTreatment({ providerCountry: "sk", customerCountry: " hu ", customerVatId: "hu12345678", isBusiness: true }).kind).toBe("reverse_charge");
    expect(() => taxTreatment({ providerCountry: "Slovakia", customerCountry: "HU", customerVatId: null, isBusiness: false })).toThrow(RangeError);
  });

  it("throws when the rate table lacks the provider's country", () => {
    const treatment = taxTreatment({ providerCountry: "FR", customerCountry: "FR", customerVatId: null, isBusiness: false });
    expect(() => treatmentRate(treatment, DEFAULT_VAT_RATES)).toThrow(RangeError);
  });
});

describe("vatIdFormatValid", () => {
  it.each([
    ["SK", "SK2020123456", true],
    ["SK", "sk 2020 123 456", true],
    ["SK", "SK202012345", false],
    ["SK", "SK20201234567", false],
    ["SK", "2020123456", false], // the prefix is part of the VAT ID
    ["SK", "HU12345678", false],
    ["HU", "HU12345678", true],
    ["HU", "HU-12345678", true],
    ["HU", "HU1234567", false],
    ["HU", "HU12345678-1-42", false], // a Hungarian domestic tax number, not the EU VAT ID
    ["CZ", "CZ12345678", true],
    ["CZ", "CZ123456789", true],
    ["CZ", "CZ1234567890", true],
    ["CZ", "CZ1234567", false],
    ["AT", "ATU12345678", true],
    ["AT", "AT12345678", false],
    ["AT", "ATU1234567", false],
    ["DE", "DE123456789", true],
    ["DE", "DE12345678", false],
    ["DE", "DE12345678X", false],
    ["GR", "EL123456789", true],
    ["GR", "GR123456789", false],
    ["NL", "NL123456789B01", true],
    ["FR", "FRXX123456789", true],
    ["FR", "FR1", false],
    ["FR", "DE123456789", false],
    ["US", "US123456789", false],
    ["VN", "0101234567", false],
    ["SK", "", false],
  ])("%s %p → %p", (country, vatId, expected) => {
    expect(vatIdFormatValid(country, vatId)).toBe(expected);
  });

  it("knows Greece's EL prefix", () => {
    expect(vatIdPrefix("GR")).toBe("EL");
    expect(vatIdPrefix("sk")).toBe("SK");
  });
});
