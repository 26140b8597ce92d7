// The staff catalog's form schemas (products, their price grid, VAT rates), shared by
// react-hook-form on the client and the server actions. Messages are keys under the "catalog"
// namespace (messages/<locale>/catalog.json).
import { z } from "zod";
import { BILLING_CYCLES, type BillingCycle } from "./cycles";
import { SUPPORTED_CURRENCIES, type Currency, isSupportedCurrency, safeParseMoney, toDecimalString } from "./money";

export const PRODUCT_KINDS = ["hosting", "vps", "dedicated", "housing", "voip", "other"] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const PRODUCT_SLUG_MAX = 64;
export const PRODUCT_NAME_MAX = 120;
export const PRODUCT_DESCRIPTION_MAX = 2_000;
export const PRODUCT_POSITION_MAX = 9_999;

/** Lowercase words of a-z and 0-9 joined by single hyphens: "vps-basic", "hosting-2026". */
export const PRODUCT_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const productSchema = z.object({
  /** Set when editing; a new product has none. */
  id: z.guid("errors.notFound").optional(),
  slug: z.string().trim().min(1, "errors.slugRequired").max(PRODUCT_SLUG_MAX, "errors.slugTooLong").regex(PRODUCT_SLUG_PATTERN, "errors.slugFormat"),
  kind: z.enum(PRODUCT_KINDS, "errors.invalidChoice"),
  name: z.string().trim().min(1, "errors.nameRequired").max(PRODUCT_NAME_MAX, "errors.nameTooLong"),
  description: z.string().trim().max(PRODUCT_DESCRIPTION_MAX, "errors.descriptionTooLong"),
  active: z.boolean("errors.invalidChoice"),
  /** Order within the product's group, smallest first. */
  position: z.number("errors.positionInvalid").int("errors.positionInvalid").min(0, "errors.positionInvalid").max(PRODUCT_POSITION_MAX, "errors.positionInvalid"),
});
export type ProductInput = z.infer<typeof productSchema>;

export const productIdSchema = z.object({ id: z.guid("errors.notFound") });

export const productActiveSchema = z.object({ id: z.guid("errors.notFound"), active: z.boolean("errors.invalidChoice") });

/** `?status=` of the catalog list; anything unexpected shows every product. */
export const CATALOG_FILTERS = ["all", "active", "inactive"] as const;
export type CatalogFilter = (typeof CATALOG_FILTERS)[number];
export const catalogListParamsSchema = z.object({ status: z.enum(CATALOG_FILTERS).catch("all") });

// ---------------------------------------------------------------------------------------------
// The price grid: one cell per currency and cycle; an empty cell is a combination not offered.

/** Largest price or setup fee accepted, in minor units (far above any real price, far below bigint trouble). */
export const PRICE_MAX_MINOR = 10n ** 13n;

const cellText = z.string().trim().max(24, "errors.amountFormat");
export const priceCellSchema = z.object({ amount: cellText, setupFee: cellText });
export type PriceCellInput = z.infer<typeof priceCellSchema>;

const cycleCells = z.record(z.enum(BILLING_CYCLES), priceCellSchema);

export type PriceCellValue = { amountMinor: bigint; setupFeeMinor: bigint };

/** A cell's outcome: not offered (both empty), a price, or the message key for each bad field. */
export type PriceCellParse = { kind: "empty" } | { kind: "price"; value: PriceCellValue } | { kind: "invalid"; errors: Partial<Record<keyof PriceCellInput, string>> };

const MONEY_ERROR_KEYS = { format: "errors.amountFormat", too_many_decimals: "errors.amountDecimals", negative: "errors.amountNegative" } as const;

function parseAmount(text: string, currency: Currency): { ok: true; minor: bigint } | { ok: false; key: string } {
  const parsed = safeParseMoney(text, currency);
  if (!parsed.ok) return { ok: false, key: MONEY_ERROR_KEYS[parsed.code] };
  if (parsed.minor > PRICE_MAX_MINOR) return { ok: false, key: "errors.amountTooLarge" };
  return { ok: true, minor: parsed.minor };
}

/**
 * One cell as typed by staff: both fields empty means "not offered"; a setup fee needs a price
 * (an empty fee is 0). Amounts are strict decimals with at most the currency's decimals (parseMoney).
 */
export function parsePriceCell(cell: PriceCellInput, currency: Currency): PriceCellParse {
  const amount = cell.amount.trim();
  const setupFee = cell.setupFee.trim();
  if (!amount && !setupFee) return { kind: "empty" };
  const errors: Partial<Record<keyof PriceCellInput, string>> = {};
  const price = amount ? parseAmount(amount, currency) : null;
  const fee = setupFee ? parseAmount(setupFee, currency) : { ok: true as const, minor: 0n };
  if (!price) errors.amount = "errors.setupFeeWithoutPrice";
  else if (!price.ok) errors.amount = price.key;
  if (!fee.ok) errors.setupFee = fee.key;
  if (price?.ok && fee.ok) return { kind: "price", value: { amountMinor: price.minor, setupFeeMinor: fee.minor } };
  return { kind: "invalid", errors };
}

export const priceGridSchema = z
  .object({
    productId: z.guid("errors.notFound"),
    prices: z.record(z.enum(SUPPORTED_CURRENCIES), cycleCells),
  })
  .superRefine((grid, ctx) => {
    for (const currency of SUPPORTED_CURRENCIES) {
      for (const cycle of BILLING_CYCLES) {
        const parsed = parsePriceCell(grid.prices[currency][cycle], currency);
        if (parsed.kind !== "invalid") continue;
        for (const [field, message] of Object.entries(parsed.errors)) ctx.addIssue({ code: "custom", path: ["prices", currency, cycle, field], message });
      }
    }
  });
export type PriceGridInput = z.infer<typeof priceGridSchema>;
export type PriceGridCells = PriceGridInput["prices"];

/**
 * The grid's form values from stored prices: every supported currency × cycle, "" where nothing is
 * offered, amounts as plain decimals with the currency's decimals ("12.50", VND "250000").
 */
export function priceGridFrom(prices: readonly { currency: string; cycle: BillingCycle; amountMinor: bigint; setupFeeMinor: bigint }[]): PriceGridCells {
  const grid = Object.fromEntries(
    SUPPORTED_CURRENCIES.map((currency) => [currency, Object.fromEntries(BILLING_CYCLES.map((cycle) => [cycle, { amount: "", setupFee: "" }]))]),
  ) as PriceGridCells;
  for (const price of prices) {
    if (!isSupportedCurrency(price.currency)) continue;
    grid[price.currency][price.cycle] = {
      amount: toDecimalString(price.amountMinor, price.currency),
      setupFee: price.setupFeeMinor === 0n ? "" : toDecimalString(price.setupFeeMinor, price.currency),
    };
  }
  return grid;
}

/** The form path of one cell's field, as the server's field errors name it. */
export const priceFieldPath = (currency: Currency, cycle: BillingCycle, field: keyof PriceCellInput) => `prices.${currency}.${cycle}.${field}` as const;

// ---------------------------------------------------------------------------------------------
// VAT rates: one standard rate per country, typed as a percentage, stored in basis points.

/** ISO 3166-1 alpha-2, the officially assigned codes (249). */
export const ISO_COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
    "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

// Up to three whole digits and two decimals. A comma is read as the decimal separator too: with
// at most two decimals and nothing above 100 there is no thousands separator to confuse it with.
const PERCENT_PATTERN = /^(0|[1-9]\d{0,2})(?:[.,](\d{1,2}))?$/;

/** "23" → 2300, "5.5" → 550, "21,25" → 2125; null when it is not such a number. */
export function percentToBasisPoints(input: string): number | null {
  const match = PERCENT_PATTERN.exec(input.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 2300 → "23", 550 → "5.5", 2125 → "21.25" (locale-free, as the form shows it for editing). */
export function basisPointsToPercent(rateBp: number): string {
  const whole = Math.trunc(rateBp / 100);
  const fraction = String(rateBp % 100).padStart(2, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

const countryField = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => v.length > 0, "errors.countryRequired")
  .refine((v) => v.length === 0 || ISO_COUNTRY_CODES.has(v), "errors.countryInvalid");

const rateField = z
  .string()
  .trim()
  .min(1, "errors.rateRequired")
  .refine((v) => !v || percentToBasisPoints(v) !== null, "errors.rateFormat")
  .refine((v) => {
    const bp = percentToBasisPoints(v);
    return bp === null || bp <= 10_000;
  }, "errors.rateRange");

export const taxRateSchema = z.object({ country: countryField, rate: rateField });
export type TaxRateFormInput = z.input<typeof taxRateSchema>;
export type TaxRateInput = z.output<typeof taxRateSchema>;

export const taxRateCountrySchema = z.object({ country: countryField });
