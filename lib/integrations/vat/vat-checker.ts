// The VAT ID check behind the profile's change requests: the built-in checker (format and check
// digit, offline) or a VIES-style service over HTTP when VAT_VIES_URL is configured.
import { type EuCountry, normaliseVatId } from "./formats";

/**
 * valid: the ID is well formed (built-in) or registered (VIES); invalid: it is not; unavailable: the
 * service could not answer, so only the format was checked. `key` names the problem for the form.
 */
export type VatCheckResult =
  | { status: "valid"; vatId: string; checkedBy: "builtin" | "vies"; name?: string | null }
  | { status: "invalid"; key: string; checkedBy: "builtin" | "vies" }
  | { status: "unavailable"; vatId: string; checkedBy: "builtin" };

export interface VatChecker {
  check(country: string, vatId: string): Promise<VatCheckResult>;
}

/** Offline: format and check digit of the member state. */
export class BuiltinVatChecker implements VatChecker {
  async check(country: string, vatId: string): Promise<VatCheckResult> {
    const format = normaliseVatId(country, vatId);
    return format.ok ? { status: "valid", vatId: format.vatId, checkedBy: "builtin" } : { status: "invalid", key: format.key, checkedBy: "builtin" };
  }
}

export type ViesOptions = { baseUrl: string; timeoutMs?: number; fetch?: typeof fetch };

/**
 * The European Commission's VIES REST API (POST {base}/check-vat-number with { countryCode,
 * vatNumber }, answering { valid, name }), or a service that speaks it. The format is checked first,
 * so a typo never leaves the building; a slow or broken service is "unavailable", not "invalid".
 */
export class ViesVatChecker implements VatChecker {
  constructor(private readonly options: ViesOptions) {}

  async check(country: string, vatId: string): Promise<VatCheckResult> {
    const format = normaliseVatId(country, vatId);
    if (!format.ok) return { status: "invalid", key: format.key, checkedBy: "builtin" };
    const url = `${this.options.baseUrl.replace(/\/+$/, "")}/check-vat-number`;
    try {
      const res = await (this.options.fetch ?? fetch)(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ countryCode: format.vatId.slice(0, 2), vatNumber: format.number }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        redirect: "error",
      });
      if (!res.ok) return { status: "unavailable", vatId: format.vatId, checkedBy: "builtin" };
      const body = (await res.json()) as { valid?: unknown; isValid?: unknown; name?: unknown; userError?: unknown };
      const valid = body.valid ?? body.isValid;
      if (typeof valid !== "boolean") return { status: "unavailable", vatId: format.vatId, checkedBy: "builtin" };
      if (!valid) return { status: "invalid", key: "errors.vatNotRegistered", checkedBy: "vies" };
      const name = typeof body.name === "string" && body.name.trim() && body.name.trim() !== "---" ? body.name.trim().slice(0, 200) : null;
      return { status: "valid", vatId: format.vatId, checkedBy: "vies", name };
    } catch {
      return { status: "unavailable", vatId: format.vatId, checkedBy: "builtin" };
    }
  }
}

export type { EuCountry };
