// VAT: rates, invoice totals and which treatment applies to a customer. Pure; rates are data.
import { divRoundHalfUp } from "./money";

/** A VAT rate in basis points: 2300 = 23 %, 0 = zero-rated / reverse charge / outside scope. */
export type RateBp = number;

/** The 27 EU member states (ISO 3166-1 alpha-2; Greece is "GR" here, "EL" only in VAT IDs). */
export const EU_COUNTRIES = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
] as const;
export type EuCountry = (typeof EU_COUNTRIES)[number];

/**
 * Seed values for the TaxRate table, standard rates only: SK 23 % since 1 Jan 2025, HU 27 %,
 * VN 10 % (its temporary 8 % for some goods is ignored). Runtime code reads the table and passes
 * it to rateFor, so a rate change is a data change, not a deploy.
 */
export const DEFAULT_VAT_RATES: Readonly<Record<string, RateBp>> = { VN: 1000, SK: 2300, HU: 2700, CZ: 2100, AT: 2000, DE: 1900 };

function assertRateBp(rateBp: RateBp): void {
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) throw new RangeError(`Not a VAT rate in basis points: ${rateBp}`);
}

function normaliseCountry(country: string): string {
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw new RangeError(`Not an ISO 3166-1 alpha-2 country code: "${country}"`);
  return code;
}

export function isEuCountry(country: string): boolean {
  return (EU_COUNTRIES as readonly string[]).includes(country.trim().toUpperCase());
}

/** The standard rate for a country from the given table; a missing country throws rather than billing 0 %. */
export function rateFor(country: string, table: Readonly<Record<string, RateBp>>): RateBp {
  const code = normaliseCountry(country);
  const rate = table[code];
  if (rate === undefined) throw new RangeError(`No VAT rate configured for ${code}`);
  assertRateBp(rate);
  return rate;
}

/** VAT on one net amount, rounded half away from zero (negative for credit-note lines). */
export function lineTax(netMinor: bigint, rateBp: RateBp): bigint {
  assertRateBp(rateBp);
  return divRoundHalfUp(netMinor * BigInt(rateBp), 10_000n);
}

export type TaxableLine = { netMinor: bigint; rateBp: RateBp };
export type RateBreakdown = { rateBp: RateBp; netMinor: bigint; taxMinor: bigint };
export type InvoiceTotals = { netMinor: bigint; taxMinor: bigint; grossMinor: bigint; byRate: RateBreakdown[] };

/**
 * Invoice totals with VAT computed once per rate on the summed net of that rate, the way HU and
 * SK invoices show their VAT breakdown; the invoice's tax is the sum of the per-rate taxes, so the
 * breakdown and the totals always agree. Lines show net only, which is why per-line rounding
 * (lineTax) is not summed here: it could differ from the per-rate tax by a few minor units.
 * byRate lists every rate present, 0 % included, highest rate first.
 */
export function invoiceTotals(lines: readonly TaxableLine[]): InvoiceTotals {
  const netByRate = new Map<RateBp, bigint>();
  for (const line of lines) {
    assertRateBp(line.rateBp);
    netByRate.set(line.rateBp, (netByRate.get(line.rateBp) ?? 0n) + line.netMinor);
  }
  const byRate = [...netByRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, netMinor]) => ({ rateBp, netMinor, taxMinor: lineTax(netMinor, rateBp) }));
  let netMinor = 0n;
  let taxMinor = 0n;
  for (const rate of byRate) {
    netMinor += rate.netMinor;
    taxMinor += rate.taxMinor;
  }
  return { netMinor, taxMinor, grossMinor: netMinor + taxMinor, byRate };
}

export type TaxTreatmentKind = "domestic" | "reverse_charge" | "export" | "eu_consumer";

/** Keys of the legal notes the invoice PDF prints; the texts live with the PDF's translations. */
export type LegalNoteKey = "reverseCharge" | "outsideScope" | "exportZeroRated";

export type TaxTreatment = {
  kind: TaxTreatmentKind;
  /** Whose standard rate applies (look it up with rateFor); null means 0 %. */
  rateFromCountry: string | null;
  legalNoteKey: LegalNoteKey | null;
};

export type TaxTreatmentInput = {
  providerCountry: string;
  customerCountry: string;
  customerVatId: string | null | undefined;
  isBusiness: boolean;
};

/**
 * Which VAT applies to a sale of our (electronically supplied) services.
 * - Same country as the provider: domestic rate, even for a business with a VAT ID.
 * - EU provider, customer in another EU country, a business with a well-formed VAT ID of that
 *   country: reverse charge, 0 % (Art. 196 of Directive 2006/112/EC).
 * - EU provider, other EU customer without one (a consumer, or a business without a valid ID): the
 *   provider country's rate. Strictly, B2C e-services are taxed where the consumer lives (OSS); OSS
 *   is out of scope, which is acceptable only while sales stay under the EUR 10 000 threshold.
 * - EU provider, customer outside the EU: outside the scope of EU VAT, 0 %.
 * - Non-EU provider (Vietnam) selling abroad: exported services, 0 %. That is zero-rated under
 *   Vietnamese VAT law rather than "outside scope", hence its own note key.
 * The VAT ID is only checked for format here; a VIES check belongs to whoever saves the ID.
 */
export function taxTreatment(input: TaxTreatmentInput): TaxTreatment {
  const provider = normaliseCountry(input.providerCountry);
  const customer = normaliseCountry(input.customerCountry);
  if (provider === customer) return { kind: "domestic", rateFromCountry: provider, legalNoteKey: null };
  if (!isEuCountry(provider)) return { kind: "export", rateFromCountry: null, legalNoteKey: "exportZeroRated" };
  if (!isEuCountry(customer)) return { kind: "export", rateFromCountry: null, legalNoteKey: "outsideScope" };
  const vatId = input.customerVatId ?? "";
  if (input.isBusiness && vatIdFormatValid(customer, vatId)) {
    return { kind: "reverse_charge", rateFromCountry: null, legalNoteKey: "reverseCharge" };
  }
  return { kind: "eu_consumer", rateFromCountry: provider, legalNoteKey: null };
}

/** The rate a treatment resolves to with the given rate table. */
export function treatmentRate(treatment: TaxTreatment, table: Readonly<Record<string, RateBp>>): RateBp {
  return treatment.rateFromCountry === null ? 0 : rateFor(treatment.rateFromCountry, table);
}

// Country-specific formats (prefix included); other member states fall back to the generic VIES
// shape: the prefix and 2–12 letters or digits.
const VAT_ID_PATTERNS: Readonly<Record<string, RegExp>> = {
  SK: /^SK\d{10}$/,
  HU: /^HU\d{8}$/,
  CZ: /^CZ\d{8,10}$/,
  AT: /^ATU\d{8}$/,
  DE: /^DE\d{9}$/,
};

/** The prefix of a VAT ID: the country code, except Greece, whose VAT IDs start with "EL". */
export function vatIdPrefix(country: string): string {
  const code = normaliseCountry(country);
  return code === "GR" ? "EL" : code;
}

/**
 * Whether an EU VAT identification number is well-formed for the country (format only, no checksum
 * or VIES lookup). Spaces, dots and hyphens are ignored ("SK 2020 123 456"). Non-EU countries → false.
 */
export function vatIdFormatValid(country: string, vatId: string): boolean {
  if (!isEuCountry(country)) return false;
  const code = normaliseCountry(country);
  const compact = vatId.replace(/[\s.-]/g, "").toUpperCase();
  const pattern = VAT_ID_PATTERNS[code] ?? new RegExp(`^${vatIdPrefix(code)}[0-9A-Z]{2,12}$`);
  return pattern.test(compact);
}
