// The domain contacts form (issue 6), shared by the client and the server action. Messages are keys
// of the "domainContacts" namespace. Values come out the way a registry takes them over EPP
// (RFC 5733): the phone as "+CC.NUMBER", the postcode in its country's usual form, the country as an
// ISO 3166-1 alpha-2 code. Parsing the output again gives the same output, so the server can check
// what the client already checked.
import { z } from "zod";

export const CONTACT_ROLES = ["registrant", "admin", "tech", "billing"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
/** The roles that may simply repeat the registrant. */
export const COPYABLE_ROLES = ["admin", "tech", "billing"] as const satisfies readonly ContactRole[];

/** ISO 3166-1 alpha-2: every officially assigned code. */
export const COUNTRY_CODES = [
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ",
  "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
  "DE", "DJ", "DK", "DM", "DO", "DZ",
  "EC", "EE", "EG", "EH", "ER", "ES", "ET",
  "FI", "FJ", "FK", "FM", "FO", "FR",
  "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY",
  "HK", "HM", "HN", "HR", "HT", "HU",
  "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
  "JE", "JM", "JO", "JP",
  "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
  "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
  "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
  "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
  "OM",
  "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
  "QA",
  "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ",
  "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
  "UA", "UG", "UM", "US", "UY", "UZ",
  "VA", "VC", "VE", "VG", "VI", "VN", "VU",
  "WF", "WS",
  "YE", "YT",
  "ZA", "ZM", "ZW",
] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];
const COUNTRIES = new Set<string>(COUNTRY_CODES);
export const isCountryCode = (code: string): code is CountryCode => COUNTRIES.has(code);

// ITU-T E.164 country calling codes in use. They form a prefix-free set, so the digits after "+"
// start with exactly one of them whether or not the person put a space after it.
const CALLING_CODES = new Set(
  (
    "1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 " +
    "211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 248 249 " +
    "250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 " +
    "350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376 377 378 379 380 381 382 383 385 386 387 389 420 421 423 " +
    "500 501 502 503 504 505 506 507 508 509 590 591 592 593 594 595 596 597 598 599 " +
    "670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692 " +
    "800 808 850 852 853 855 856 870 878 880 881 882 883 886 888 " +
    "960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 979 992 993 994 995 996 998"
  ).split(" "),
);

export type PhoneResult = { ok: true; phone: string } | { ok: false; key: "errors.required" | "errors.phoneInternational" | "errors.phone" };

/**
 * A phone number as people write it ("+36 1 234 5678", "0036-1-234-5678", "+44 (0)20 7946 0958",
 * "+36.12345678") in EPP's form "+CC.NUMBER" ("+36.12345678"). Numbers without a country code are
 * refused rather than guessed.
 */
export function normalisePhone(raw: string): PhoneResult {
  let text = raw.trim();
  if (!text) return { ok: false, key: "errors.required" };
  // "(0)" is the national trunk prefix written for people dialling at home; it is not dialled from abroad.
  text = text.replace(/\(\s*0\s*\)/g, " ");
  if (text.startsWith("00")) text = `+${text.slice(2)}`;
  if (!text.startsWith("+")) return { ok: false, key: "errors.phoneInternational" };
  const body = text.slice(1);
  if (!/^[\d\s.\-()/]+$/.test(body)) return { ok: false, key: "errors.phone" };
  const digits = body.replace(/\D/g, "");
  const code = [1, 2, 3].map((n) => digits.slice(0, n)).find((prefix) => CALLING_CODES.has(prefix));
  if (!code) return { ok: false, key: "errors.phone" };
  const national = digits.slice(code.length);
  // E.164: at most 15 digits in all; fewer than 4 after the country code is not a number anywhere.
  if (national.length < 4 || digits.length > 15) return { ok: false, key: "errors.phone" };
  return { ok: true, phone: `+${code}.${national}` };
}

/** Countries whose postcodes are checked by format (the form says how they look); others are free text. */
export const POSTCODE_COUNTRIES = ["VN", "SK", "CZ", "HU", "DE", "GB", "US"] as const;
const POSTCODE_RULES: Record<(typeof POSTCODE_COUNTRIES)[number], (compact: string) => string | null> = {
  // Five digits since 2018; the older six-digit codes are still printed on many addresses.
  VN: (c) => (/^\d{5,6}$/.test(c) ? c : null),
  // PSČ "811 06": Slovak codes start with 0, 8 or 9, Czech ones with 1 to 7.
  SK: (c) => (/^[089]\d{4}$/.test(c) ? `${c.slice(0, 3)} ${c.slice(3)}` : null),
  CZ: (c) => (/^[1-7]\d{4}$/.test(c) ? `${c.slice(0, 3)} ${c.slice(3)}` : null),
  HU: (c) => (/^[1-9]\d{3}$/.test(c) ? c : null),
  DE: (c) => (/^(?!00)\d{5}$/.test(c) ? c : null),
  // Outward code, a space, inward code ("SW1A 1AA"); GIR 0AA is the one historic exception.
  GB: (c) => {
    const m = /^([A-Z]{1,2}\d[A-Z\d]?|GIR)(\d[A-Z]{2})$/.exec(c);
    return m ? `${m[1]} ${m[2]}` : null;
  },
  // ZIP or ZIP+4 ("94105", "94105-1804").
  US: (c) => {
    const m = /^(\d{5})(\d{4})?$/.exec(c);
    return m ? (m[2] ? `${m[1]}-${m[2]}` : m[1]) : null;
  },
};
export const POSTCODE_MAX = 16;

export type PostcodeResult = { ok: true; postcode: string } | { ok: false; key: string };

/** The postcode in its country's usual form; the error key names the country when it has a known format. */
export function normalisePostcode(country: string, raw: string): PostcodeResult {
  const text = raw.trim().replace(/\s+/g, " ");
  if (!text) return { ok: false, key: "errors.required" };
  const rule = POSTCODE_RULES[country as keyof typeof POSTCODE_RULES];
  if (rule) {
    const postcode = rule(text.toUpperCase().replace(/[\s-]/g, ""));
    return postcode ? { ok: true, postcode } : { ok: false, key: `errors.postcode.${country}` };
  }
  return text.length <= POSTCODE_MAX ? { ok: true, postcode: text } : { ok: false, key: "errors.postcodeLong" };
}

const text = (max: number) => z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(max, { message: "errors.tooLong" });

const phone = z.string({ message: "errors.required" }).transform((value, ctx) => {
  const result = normalisePhone(value);
  if (result.ok) return result.phone;
  ctx.addIssue({ code: "custom", message: result.key });
  return z.NEVER;
});

// Lengths are EPP's (postalInfo elements are at most 255 characters, the postcode 16).
const contactShape = {
  name: text(255),
  organization: z
    .string()
    .trim()
    .max(255, { message: "errors.tooLong" })
    .nullish()
    .transform((v) => v || null),
  email: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(254, { message: "errors.tooLong" }).pipe(z.email({ message: "errors.email" })),
  phone,
  street: text(255),
  city: text(255),
  postcode: z.string({ message: "errors.required" }).max(100, { message: "errors.tooLong" }),
  country: z
    .string({ message: "errors.country" })
    .trim()
    .toUpperCase()
    .refine(isCountryCode, { message: "errors.country" }),
};

/** The postcode's format depends on the country, so it is checked with both in hand (also when other fields are wrong). */
function withPostcode<T extends z.ZodObject<typeof contactShape & z.ZodRawShape>>(schema: T) {
  return schema
    .superRefine(
      (contact, ctx) => {
        const { country, postcode } = contact as { country: string; postcode: string };
        const result = normalisePostcode(isCountryCode(country) ? country : "", postcode);
        if (!result.ok) ctx.addIssue({ code: "custom", path: ["postcode"], message: result.key });
      },
      { when: ({ value }) => typeof (value as { postcode?: unknown })?.postcode === "string" && typeof (value as { country?: unknown })?.country === "string" },
    )
    .transform((contact) => {
      const result = normalisePostcode(contact.country as string, contact.postcode as string);
      return { ...contact, postcode: result.ok ? result.postcode : (contact.postcode as string) };
    });
}

/** One contact as the registry gets it. */
export const contactSchema = withPostcode(z.object(contactShape));
export type ContactInput = z.input<typeof contactSchema>;
export type Contact = z.output<typeof contactSchema>;

/** Admin, tech and billing either repeat the registrant or have their own details. */
const roleSchema = z.discriminatedUnion(
  "sameAsRegistrant",
  [z.object({ sameAsRegistrant: z.literal(true) }), withPostcode(z.object({ ...contactShape, sameAsRegistrant: z.literal(false) }))],
  { message: "errors.invalidForm" },
);

export const saveContactsSchema = z.object({
  domainId: z.guid({ message: "errors.notFound" }),
  /** One id per submitted form: sending the same save twice queues one registry update. */
  saveId: z.guid({ message: "errors.invalidForm" }),
  registrant: contactSchema,
  admin: roleSchema,
  tech: roleSchema,
  billing: roleSchema,
});
export type SaveContactsOutput = z.output<typeof saveContactsSchema>;

/** The form's values: every field of every role, also while "same as the registrant" hides them. */
export type ContactFormFields = { name: string; organization: string; email: string; phone: string; street: string; city: string; postcode: string; country: string };
export type ContactsFormValues = {
  domainId: string;
  saveId: string;
  registrant: ContactFormFields;
} & Record<(typeof COPYABLE_ROLES)[number], ContactFormFields & { sameAsRegistrant: boolean }>;

/** The four contacts a save stands for (a role that repeats the registrant gets the registrant's details). */
export function resolveContacts(input: SaveContactsOutput): Record<ContactRole, Contact> {
  const own = (role: (typeof COPYABLE_ROLES)[number]) => {
    const entry = input[role];
    if (entry.sameAsRegistrant) return input.registrant;
    const { sameAsRegistrant: _same, ...contact } = entry;
    return contact;
  };
  return { registrant: input.registrant, admin: own("admin"), tech: own("tech"), billing: own("billing") };
}

/** The customer columns a default contact is made from. */
export type CustomerDetails = { name: string; email: string; phone: string | null; addressLine1: string | null; city: string | null; postcode: string | null; country: string };
/** One contact as a registry takes it (lib/integrations/registrar's ContactData). */
export type ContactFields = { name: string; organization: string | null; email: string; phone: string; street: string; city: string; postcode: string; country: string };

/**
 * A domain's contacts from the customer's own details: what a newly ordered domain starts with.
 * Details the customer record lacks stay empty (the contacts form then asks for them); a phone or
 * postcode Portico can read is put in the form the registry wants, anything else is kept as written.
 */
export function contactsFromCustomer(customer: CustomerDetails): ContactFields {
  const country = customer.country.trim().toUpperCase();
  const phone = normalisePhone(customer.phone ?? "");
  const postcode = normalisePostcode(isCountryCode(country) ? country : "", customer.postcode ?? "");
  return {
    name: customer.name.trim(),
    organization: customer.name.trim() || null,
    email: customer.email.trim(),
    phone: phone.ok ? phone.phone : (customer.phone ?? "").trim(),
    street: (customer.addressLine1 ?? "").trim(),
    city: (customer.city ?? "").trim(),
    postcode: postcode.ok ? postcode.postcode : (customer.postcode ?? "").trim(),
    country,
  };
}

