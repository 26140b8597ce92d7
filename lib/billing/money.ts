// Pure money arithmetic (no data access): every amount is a bigint of minor units, never a float.
import { currencyDigits, minorToDecimalString } from "@/lib/format/money";

export const SUPPORTED_CURRENCIES = ["VND", "EUR", "HUF", "USD"] as const;
export type Currency = (typeof SUPPORTED_CURRENCIES)[number];

export function isSupportedCurrency(value: string): value is Currency {
  return (SUPPORTED_CURRENCIES as readonly string[]).includes(value);
}

/** Guards currency codes that arrive as plain strings (database rows, form data) at run time. */
export function assertSupportedCurrency(value: string): asserts value is Currency {
  if (!isSupportedCurrency(value)) throw new RangeError(`Unsupported currency: ${value}`);
}

export type MoneyParseErrorCode = "format" | "too_many_decimals" | "negative";

/** Thrown by parseMoney; `code` lets a form map it to a field message. */
export class MoneyParseError extends Error {
  constructor(
    readonly code: MoneyParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MoneyParseError";
  }
}

// Plain digits with an optional "." fraction: no thousands separators, no exponent, no "+", no
// leading zeros, no bare ".5" or "5." — staff input is either exactly what they meant or rejected.
const DECIMAL_PATTERN = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * Parses a decimal amount typed by staff into minor units: parseMoney("12.34", "EUR") → 1234n.
 * A comma decimal separator is rejected rather than guessed, because "1,234" means 1234 in English
 * and 1.234 in Slovak and Hungarian. Fewer decimals than the currency has are fine ("12.3" EUR).
 */
export function parseMoney(input: string, currency: Currency, opts: { allowNegative?: boolean } = {}): bigint {
  assertSupportedCurrency(currency);
  const match = DECIMAL_PATTERN.exec(input.trim());
  if (!match) throw new MoneyParseError("format", `Not a plain decimal amount: "${input}"`);
  const [, sign, whole, fraction = ""] = match;
  const digits = currencyDigits(currency);
  if (fraction.length > digits) {
    throw new MoneyParseError("too_many_decimals", `${currency} has ${digits} decimal places: "${input}"`);
  }
  if (sign === "-" && !opts.allowNegative) throw new MoneyParseError("negative", `Negative amount not allowed: "${input}"`);
  const minor = BigInt(whole + fraction.padEnd(digits, "0"));
  return sign === "-" ? -minor : minor;
}

/** Like parseMoney, but returns a result instead of throwing (for zod refinements and forms). */
export function safeParseMoney(
  input: string,
  currency: Currency,
  opts: { allowNegative?: boolean } = {},
): { ok: true; minor: bigint } | { ok: false; code: MoneyParseErrorCode } {
  try {
    return { ok: true, minor: parseMoney(input, currency, opts) };
  } catch (error) {
    if (error instanceof MoneyParseError) return { ok: false, code: error.code };
    throw error;
  }
}

/** Minor units as an exact, locale-free decimal string: toDecimalString(-1205n, "EUR") → "-12.05". */
export function toDecimalString(minor: bigint, currency: Currency): string {
  assertSupportedCurrency(currency);
  return minorToDecimalString(minor, currencyDigits(currency));
}

/**
 * numerator / denominator rounded half away from zero ("commercial rounding"), so a credit note
 * mirrors its invoice to the last minor unit: 2.5 → 3 and −2.5 → −3.
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("Division by zero");
  // Normalise to a positive denominator so only the numerator's sign decides the direction.
  const n = denominator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d; // truncates toward zero
  const remainder = n % d; // has the sign of n
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twiceRemainder < d) return quotient;
  return n < 0n ? quotient - 1n : quotient + 1n;
}

function toIntegerBigint(value: bigint | number, what: string): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
  return BigInt(value);
}

/**
 * Unit price × quantity, where quantity is in thousandths (1.5 units = 1500) so fractional usage
 * (GB, hours) stays integral; the result is rounded half away from zero to a whole minor unit.
 */
export function multiplyQuantity(unitMinor: bigint, quantityMilli: bigint | number): bigint {
  return divRoundHalfUp(unitMinor * toIntegerBigint(quantityMilli, "quantityMilli"), 1000n);
}

/**
 * Splits an amount into parts proportional to integer ratios that sum exactly to the amount
 * (largest remainder method). Leftover minor units go to the largest remainders; ties go to the
 * earlier part, so the result is deterministic. A negative amount is split like its absolute value
 * and negated, so a credit note splits exactly like the invoice it reverses.
 */
export function allocate(amount: bigint, ratios: readonly (bigint | number)[]): bigint[] {
  if (ratios.length === 0) throw new RangeError("allocate needs at least one ratio");
  const weights = ratios.map((ratio) => toIntegerBigint(ratio, "ratio"));
  if (weights.some((weight) => weight < 0n)) throw new RangeError("Ratios must not be negative");
  const total = sum(weights);
  if (total === 0n) throw new RangeError("Ratios must not all be zero");

  const negative = amount < 0n;
  const absolute = negative ? -amount : amount;
  const parts = weights.map((weight) => (absolute * weight) / total);
  const remainders = weights.map((weight, index) => ({ index, remainder: (absolute * weight) % total }));
  let leftover = absolute - sum(parts);
  // Stable sort keeps the original order among equal remainders.
  remainders.sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    parts[index] += 1n;
    leftover -= 1n;
  }
  return negative ? parts.map((part) => -part) : parts;
}

export function sum(amounts: readonly bigint[]): bigint {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}
