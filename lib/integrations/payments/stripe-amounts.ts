// Portico stores ISO 4217 minor units (lib/format/money: VND 0 digits; EUR, USD, HUF 2). Stripe's
// API has its own idea of each currency's unit (docs.stripe.com/currencies): mostly the same, but
// not always, so every amount crosses the border through these two functions. Pure, no I/O.
import { currencyDigits } from "@/lib/format/money";

// Stripe's zero-decimal currencies: an amount is whole units (VND 50 000 is 50000).
const STRIPE_ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]);
// Three-decimal currencies (and Stripe wants the last digit 0 for them).
const STRIPE_THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);
// Everything else is two-decimal in the API, including Stripe's "special cases": HUF and TWD are
// zero-decimal only for payouts (a charge of 10.45 HUF is 1045), and ISK is charged in whole krónur
// but still written with two decimals (5 ISK is 500, a multiple of 100).

/** The number of decimals Stripe's API uses for `currency` (ISO code, any case). */
export function stripeDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (STRIPE_ZERO_DECIMAL.has(code)) return 0;
  if (STRIPE_THREE_DECIMAL.has(code)) return 3;
  return 2;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/**
 * Portico minor units → the integer Stripe expects in `amount` / `unit_amount`. Throws RangeError
 * when the amount cannot be expressed exactly (never rounds money) or is not a safe integer.
 */
export function toStripeAmount(minor: bigint, currency: string): number {
  const shift = stripeDigits(currency) - currencyDigits(currency);
  let amount: bigint;
  if (shift >= 0) amount = minor * pow10(shift);
  else {
    const factor = pow10(-shift);
    if (minor % factor !== 0n) throw new RangeError(`${minor} minor units of ${currency} have no exact Stripe amount`);
    amount = minor / factor;
  }
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount out of range: ${amount}`);
  return Number(amount);
}

/** A Stripe `amount` → Portico minor units; throws RangeError when it is not exact. */
export function fromStripeAmount(amount: number, currency: string): bigint {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Stripe amount is not an integer: ${amount}`);
  const shift = currencyDigits(currency) - stripeDigits(currency);
  const value = BigInt(amount);
  if (shift >= 0) return value * pow10(shift);
  const factor = pow10(-shift);
  if (value % factor !== 0n) throw new RangeError(`Stripe amount ${amount} ${currency} has no exact value in minor units`);
  return value / factor;
}
