// EU VAT identification numbers: the format of each member state and, where it is simple and
// public, the check digit. Pure functions (no data access): the profile form uses them in the
// browser and the server checks the same way. Sources: the national rules as the European
// Commission's VIES FAQ describes them.

/** ISO 3166-1 country → the prefix its VAT IDs carry (Greece is "EL", not "GR"). */
export const EU_VAT_PREFIX = {
  AT: "AT", BE: "BE", BG: "BG", CY: "CY", CZ: "CZ", DE: "DE", DK: "DK", EE: "EE", ES: "ES", FI: "FI", FR: "FR", GR: "EL", HR: "HR", HU: "HU",
  IE: "IE", IT: "IT", LT: "LT", LU: "LU", LV: "LV", MT: "MT", NL: "NL", PL: "PL", PT: "PT", RO: "RO", SE: "SE", SI: "SI", SK: "SK",
} as const;
export type EuCountry = keyof typeof EU_VAT_PREFIX;
export const isEuCountry = (country: string): country is EuCountry => Object.hasOwn(EU_VAT_PREFIX, country);

// The part after the prefix.
const PATTERNS: Record<EuCountry, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^[0-59]\d{7}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^10\d{7}$/,
  ES: /^[0-9A-Z]\d{7}[0-9A-Z]$/,
  FI: /^\d{8}$/,
  FR: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
  GR: /^\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^\d[0-9A-Z+*]\d{5}[A-W][A-I]?$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^[1-9]\d{7}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^[1-9]\d{7}$/,
  SK: /^[1-9]\d{9}$/,
};

const digits = (s: string) => [...s].map(Number);
const weighted = (ds: number[], weights: number[]) => weights.reduce((sum, w, i) => sum + w * ds[i], 0);

/** ISO 7064 MOD 11,10 (Germany, Croatia). */
function mod11_10(s: string): boolean {
  let product = 10;
  for (const d of digits(s.slice(0, -1))) {
    const sum = (d + product) % 10 || 10;
    product = (2 * sum) % 11;
  }
  return (11 - product) % 10 === Number(s.at(-1));
}

function luhn(s: string): boolean {
  const sum = digits(s)
    .reverse()
    .reduce((acc, d, i) => acc + (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return sum % 10 === 0;
}

// Check digits that are simple and published; other countries are checked by format only.
const CHECKS: Partial<Record<EuCountry, (body: string) => boolean>> = {
  AT: (b) => {
    const ds = digits(b.slice(1));
    const sum = ds.slice(0, 7).reduce((acc, d, i) => acc + (i % 2 ? Math.floor((d * 2) / 10) + ((d * 2) % 10) : d), 0);
    return (10 - ((sum + 4) % 10)) % 10 === ds[7];
  },
  BE: (b) => 97 - (Number(b.slice(0, 8)) % 97) === Number(b.slice(8)),
  DE: mod11_10,
  DK: (b) => weighted(digits(b), [2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0,
  FI: (b) => {
    const r = weighted(digits(b), [7, 9, 10, 5, 8, 4, 2]) % 11;
    return r !== 1 && (r === 0 ? 0 : 11 - r) === Number(b[7]);
  },
  HR: mod11_10,
  HU: (b) => weighted(digits(b), [9, 7, 3, 1, 9, 7, 3, 1]) % 10 === 0,
  IT: (b) => luhn(b),
  LU: (b) => Number(b.slice(0, 6)) % 89 === Number(b.slice(6)),
  PL: (b) => {
    const r = weighted(digits(b), [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
    return r !== 10 && r === Number(b[9]);
  },
  PT: (b) => {
    const r = 11 - (weighted(digits(b), [9, 8, 7, 6, 5, 4, 3, 2]) % 11);
    return (r >= 10 ? 0 : r) === Number(b[8]);
  },
  SI: (b) => {
    const r = 11 - (weighted(digits(b), [8, 7, 6, 5, 4, 3, 2]) % 11);
    return r !== 11 && (r === 10 ? 0 : r) === Number(b[7]);
  },
  SK: (b) => BigInt(b) % 11n === 0n,
};

export type VatFormatResult =
  | { ok: true; vatId: string; country: EuCountry; number: string }
  | { ok: false; key: "errors.vatPrefix" | "errors.vatFormat" | "errors.vatChecksum" | "errors.vatNotEu" };

/**
 * A VAT ID as people type it ("sk 2022749619", "DE 136.695.976") in its compact form with the
 * country prefix ("SK2022749619"), checked against the format and check digit of `country`.
 */
export function normaliseVatId(country: string, raw: string): VatFormatResult {
  if (!isEuCountry(country)) return { ok: false, key: "errors.vatNotEu" };
  const compact = raw.toUpperCase().replace(/[\s.\-/]/g, "");
  const prefix = EU_VAT_PREFIX[country];
  if (!compact.startsWith(prefix)) return { ok: false, key: "errors.vatPrefix" };
  const number = compact.slice(prefix.length);
  if (!PATTERNS[country].test(number)) return { ok: false, key: "errors.vatFormat" };
  const check = CHECKS[country];
  if (check && !check(number)) return { ok: false, key: "errors.vatChecksum" };
  return { ok: true, vatId: `${prefix}${number}`, country, number };
}
