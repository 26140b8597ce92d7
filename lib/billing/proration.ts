// Proration of a plan change within a paid period; pure, amounts in bigint minor units.
import { daysBetween, type IsoDate } from "./cycles";
import { assertSupportedCurrency, divRoundHalfUp, type Currency } from "./money";

export type ProrationInput = {
  oldPriceMinor: bigint;
  newPriceMinor: bigint;
  /** First day of the paid period. */
  periodStart: IsoDate;
  /** Last day of the paid period, inclusive (as periodFor returns it). */
  periodEnd: IsoDate;
  /** First day on the new plan; it counts as a remaining day. */
  changeDate: IsoDate;
  currency: Currency;
};

export type ProrationResult = {
  /** Unused value of the old plan for the remaining days. */
  creditMinor: bigint;
  /** Value of the new plan for the remaining days. */
  chargeMinor: bigint;
  /** chargeMinor − creditMinor: > 0 → invoice the customer (upgrade), < 0 → credit them (downgrade). */
  netMinor: bigint;
  outcome: "charge" | "credit" | "none";
  remainingDays: number;
  periodDays: number;
};

/**
 * Prorates by remaining days / days in the period. The credit and the charge are each rounded half
 * up to a whole minor unit (for VND that is a whole dong) and the net is their difference, so a
 * document that shows both lines adds up exactly to the net.
 */
export function prorate(input: ProrationInput): ProrationResult {
  const { oldPriceMinor, newPriceMinor, periodStart, periodEnd, changeDate, currency } = input;
  assertSupportedCurrency(currency);
  if (oldPriceMinor < 0n || newPriceMinor < 0n) throw new RangeError("Prices must not be negative");
  const periodDays = daysBetween(periodStart, periodEnd) + 1;
  if (periodDays < 1) throw new RangeError(`Period ends before it starts: ${periodStart}..${periodEnd}`);
  const remainingDays = daysBetween(changeDate, periodEnd) + 1;
  if (remainingDays < 1 || remainingDays > periodDays) {
    throw new RangeError(`Change date ${changeDate} is outside the period ${periodStart}..${periodEnd}`);
  }

  const remaining = BigInt(remainingDays);
  const total = BigInt(periodDays);
  const creditMinor = divRoundHalfUp(oldPriceMinor * remaining, total);
  const chargeMinor = divRoundHalfUp(newPriceMinor * remaining, total);
  const netMinor = chargeMinor - creditMinor;
  const outcome = netMinor > 0n ? "charge" : netMinor < 0n ? "credit" : "none";
  return { creditMinor, chargeMinor, netMinor, outcome, remainingDays, periodDays };
}
