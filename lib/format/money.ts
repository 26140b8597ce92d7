// Pure formatting helpers (no data access), usable on the server and in client components.

/**
 * ISO 4217 minor units where the ICU data in Node/browsers disagrees with ISO. ICU follows CLDR,
 * which gives HUF 0 digits (forints are not split in cash), while ISO 4217 — and our stored amounts —
 * use 2. Stored minor units must never be reinterpreted because a runtime's ICU data changed.
 */
const ISO_MINOR_UNITS: Readonly<Record<string, number>> = { HUF: 2, TWD: 2 };

/** How many minor-unit digits a currency has (VND 0; EUR, USD, HUF 2): ISO 4217 via Intl. */
export function currencyDigits(currency: string): number {
  const code = currency.toUpperCase();
  const iso = ISO_MINOR_UNITS[code];
  if (iso !== undefined) return iso;
  return new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units as an exact decimal string ("-1234.05"), never through a float. */
export function minorToDecimalString(minor: bigint, digits: number): string {
  const negative = minor < BigInt(0);
  const abs = (negative ? -minor : minor).toString();
  if (digits === 0) return (negative ? "-" : "") + abs;
  const padded = abs.padStart(digits + 1, "0");
  const whole = padded.slice(0, -digits);
  const fraction = padded.slice(-digits);
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/**
 * Formats an amount of minor units in the locale, e.g. formatMoney(123450n, "EUR", "sk") → "1 234,50 €".
 * Intl formats decimal strings exactly, so large amounts keep every digit.
 */
export function formatMoney(minor: bigint, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl.NumberFormat accepts exact decimal strings at run time; TypeScript's lib types lag behind.
  return formatter.format(minorToDecimalString(minor, digits) as unknown as number);
}
