// The profile page's forms (issue 7), shared by the client (react-hook-form) and the server actions.
// Messages are keys of the "accountProfile" namespace. Pure: no data access, safe in the browser.
import { z } from "zod";
import { LOCALES } from "@/i18n/locales";
import { isEuCountry, normaliseVatId } from "@/lib/integrations/vat/formats";

/** ISO 3166-1 alpha-2: every officially assigned code. */
export const COUNTRY_CODES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
  "NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
  "UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");
const COUNTRIES = new Set(COUNTRY_CODES);
export const isCountryCode = (code: string) => COUNTRIES.has(code);

// Postcodes checked by format, written back in the country's usual form. Other countries: free text.
const POSTCODE_RULES: Record<string, (compact: string) => string | null> = {
  // Five digits since 2018; older six-digit codes are still printed on many addresses.
  VN: (c) => (/^\d{5,6}$/.test(c) ? c : null),
  // PSČ "811 01": Slovak codes start with 0, 8 or 9, Czech ones with 1 to 7.
  SK: (c) => (/^[089]\d{4}$/.test(c) ? `${c.slice(0, 3)} ${c.slice(3)}` : null),
  CZ: (c) => (/^[1-7]\d{4}$/.test(c) ? `${c.slice(0, 3)} ${c.slice(3)}` : null),
  HU: (c) => (/^[1-9]\d{3}$/.test(c) ? c : null),
  AT: (c) => (/^[1-9]\d{3}$/.test(c) ? c : null),
  DE: (c) => (/^(?!00)\d{5}$/.test(c) ? c : null),
  PL: (c) => (/^\d{5}$/.test(c) ? `${c.slice(0, 2)}-${c.slice(2)}` : null),
  // Outward code, a space, inward code ("SW1A 1AA"); GIR 0AA is the one historic exception.
  GB: (c) => {
    const m = /^([A-Z]{1,2}\d[A-Z\d]?|GIR)(\d[A-Z]{2})$/.exec(c);
    return m ? `${m[1]} ${m[2]}` : null;
  },
  // ZIP or ZIP+4.
  US: (c) => {
    const m = /^(\d{5})(\d{4})?$/.exec(c);
    return m ? (m[2] ? `${m[1]}-${m[2]}` : m[1]) : null;
  },
};
export const POSTCODE_COUNTRIES = Object.keys(POSTCODE_RULES);

export type PostcodeResult = { ok: true; postcode: string } | { ok: false; key: string };

/** The postcode in its country's usual form; the error key names the country when it has a known format. */
export function normalisePostcode(country: string, raw: string): PostcodeResult {
  const text = raw.trim().replace(/\s+/g, " ");
  if (!text) return { ok: false, key: "errors.required" };
  const rule = POSTCODE_RULES[country];
  if (rule) {
    const postcode = rule(text.toUpperCase().replace(/[\s-]/g, ""));
    return postcode ? { ok: true, postcode } : { ok: false, key: `errors.postcode.${country}` };
  }
  return text.length <= 16 ? { ok: true, postcode: text } : { ok: false, key: "errors.tooLong" };
}

/** A VAT ID for `country`: EU members by format and check digit (with the country prefix), others as written. */
export function normaliseVatForCountry(country: string, raw: string): { ok: true; vatId: string } | { ok: false; key: string } {
  if (isEuCountry(country)) {
    const result = normaliseVatId(country, raw);
    return result.ok ? { ok: true, vatId: result.vatId } : { ok: false, key: result.key };
  }
  const compact = raw.toUpperCase().replace(/\s+/g, "");
  return /^[A-Z0-9.\-/]{4,20}$/.test(compact) ? { ok: true, vatId: compact } : { ok: false, key: "errors.vatFormat" };
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value);
  } catch {
    return false;
  }
}

const required = (max: number) => z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(max, { message: "errors.tooLong" });
const optionalText = (max: number) => z.string().trim().max(max, { message: "errors.tooLong" }).default("");

/** The user's own data: everyone edits their own. */
export const personalSchema = z.object({
  name: required(100),
  locale: z.enum(LOCALES, { message: "errors.invalid" }),
  timeZone: z.string().trim().max(64).refine(isTimeZone, { message: "errors.timeZone" }),
});
export type PersonalInput = z.input<typeof personalSchema>;
export type PersonalValues = z.output<typeof personalSchema>;

const PHONE = /^\+[1-9][\d\s().\-/]{5,24}$/;

/**
 * The customer's company data a contact with account.manage changes directly. `country` is the
 * customer's (read-only here; the server puts in the stored one) and decides the postcode format.
 */
export const companySchema = z
  .object({
    country: z.string().trim().toUpperCase().max(2),
    email: required(254).pipe(z.email({ message: "errors.email" })).transform((v) => v.toLowerCase()),
    phone: optionalText(30).refine((v) => v === "" || PHONE.test(v), { message: "errors.phone" }),
    addressLine1: required(200),
    addressLine2: optionalText(200),
    city: required(100),
    postcode: z.string({ message: "errors.required" }).max(40, { message: "errors.tooLong" }),
  })
  .superRefine((value, ctx) => {
    const result = normalisePostcode(value.country, value.postcode);
    if (!result.ok) ctx.addIssue({ code: "custom", path: ["postcode"], message: result.key });
  })
  .transform((value) => {
    const postcode = normalisePostcode(value.country, value.postcode);
    return { ...value, postcode: postcode.ok ? postcode.postcode : value.postcode };
  });
export type CompanyInput = z.input<typeof companySchema>;
export type CompanyValues = z.output<typeof companySchema>;

/** Company name, VAT ID and country: staff approve a change. The form sends all three; the server keeps what differs. */
export const changeRequestSchema = z
  .object({
    name: required(200),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => isCountryCode(v), { message: "errors.country" }),
    vatId: optionalText(30),
  })
  .superRefine((value, ctx) => {
    if (!value.vatId) return;
    const result = normaliseVatForCountry(value.country, value.vatId);
    if (!result.ok) ctx.addIssue({ code: "custom", path: ["vatId"], message: result.key });
  })
  .transform((value) => {
    const vat = value.vatId ? normaliseVatForCountry(value.country, value.vatId) : null;
    return { ...value, vatId: vat?.ok ? vat.vatId : value.vatId || null };
  });
export type ChangeRequestInput = z.input<typeof changeRequestSchema>;
export type ChangeRequestValues = z.output<typeof changeRequestSchema>;

/** A new login email, confirmed by the password (or a 2FA code) in the same request. */
export const emailChangeSchema = z.object({
  newEmail: required(254)
    .pipe(z.email({ message: "errors.email" }))
    .transform((v) => v.toLowerCase()),
  password: z.string().max(1024).default(""),
  code: z.string().trim().max(12).default(""),
});
export type EmailChangeInput = z.input<typeof emailChangeSchema>;

export const confirmEmailSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { message: "errors.tokenInvalid" }) });

/** The staff decision on a change request. */
export const decideProfileChangeSchema = z.object({
  id: z.guid({ message: "errors.notFound" }),
  approve: z.boolean(),
  note: z.string().trim().max(500, { message: "errors.tooLong" }).default(""),
});
export type DecideProfileChangeInput = z.input<typeof decideProfileChangeSchema>;
