import "server-only";
import { getEnv } from "@/lib/env";
import { BuiltinVatChecker, type VatChecker, ViesVatChecker } from "./vat-checker";

export { BuiltinVatChecker, ViesVatChecker, type VatCheckResult, type VatChecker, type ViesOptions } from "./vat-checker";
export { EU_VAT_PREFIX, isEuCountry, normaliseVatId, type EuCountry, type VatFormatResult } from "./formats";

/** VIES when VAT_VIES_URL is set, else the built-in format and check-digit check. */
export function vatChecker(): VatChecker {
  const url = getEnv().VAT_VIES_URL;
  return url ? new ViesVatChecker({ baseUrl: url }) : new BuiltinVatChecker();
}
