// The staff TLD catalog's form schemas (/admin/catalog/tlds): a new TLD, its settings, and its
// price grid (action × years × currency). Shared by react-hook-form on the client and the server
// actions, so nothing here may import server-only code. Messages are keys under "tldCatalog".
import { z } from "zod";
import { PRICE_MAX_MINOR } from "@/lib/billing/catalog-schemas";
import { type Currency, SUPPORTED_CURRENCIES, isSupportedCurrency, safeParseMoney, toDecimalString } from "@/lib/billing/money";

export const TLD_ACTIONS = ["register", "transfer", "renew"] as const;
export type TldPriceAction = (typeof TLD_ACTIONS)[number];

/** Registries sell at most ten years at once (ICANN's limit for gTLDs; ccTLDs sell fewer). */
export const TLD_MAX_YEARS = 10;
export const TLD_POSITION_MAX = 9_999;
/** "co.uk", "com.vn" and "k12.ca.us" are sold like TLDs; more labels than that is a typo. */
export const TLD_MAX_LABELS = 3;
/** Typed length of a name (a U-label becomes longer as an A-label; each label is checked against 63). */
export const TLD_NAME_INPUT_MAX = 100;
export const REGISTRAR_KEY_MAX = 32;
/** How Tld.registrar keys look ("builtin", "epp-nic-sk"); whether one is installed is the server's question. */
export const REGISTRAR_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

// Letters, digits and hyphens, not at either end (RFC 1035 / 5891 LDH label).
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isValidLabel(label: string): boolean {
  if (!LDH_LABEL.test(label)) return false;
  // Hyphens in the third and fourth place are reserved for encodings; only "xn--" (an A-label) is one.
  if (label.slice(2, 4) === "--" && !label.startsWith("xn--")) return false;
  return true;
}

/**
 * A TLD as staff type it, as Tld.name stores it: lower case, without the leading dot, an IDN as its
 * A-label ("Рф" → "xn--p1ai", ".CO.UK" → "co.uk"); null when it is not a valid name. Conversion and
 * the check of an "xn--" label's Punycode use the WHATWG URL parser's IDNA (UTS #46), which the
 * browser and Node.js share, so the form and the server agree.
 */
export function normalizeTldName(input: string): string | null {
  let name = input.trim().toLowerCase().replace(/^\./, "").replace(/\.$/, "");
  if (!name || name.length > TLD_NAME_INPUT_MAX) return null;
  const needsIdna = /[^\x00-\x7f]/.test(name) || name.split(".").some((label) => label.startsWith("xn--"));
  if (needsIdna) {
    try {
      name = new URL(`http://${name}/`).hostname;
    } catch {
      return null;
    }
  }
  const labels = name.split(".");
  if (labels.length > TLD_MAX_LABELS || !labels.every(isValidLabel)) return null;
  // An all-digit last label would make names read as IP addresses.
  if (/^\d+$/.test(labels[labels.length - 1])) return null;
  return name;
}

const tldNameField = z
  .string("errors.nameRequired")
  .trim()
  .min(1, "errors.nameRequired")
  .transform((value, ctx) => {
    const name = normalizeTldName(value);
    if (name === null) {
      ctx.addIssue({ code: "custom", message: "errors.nameFormat" });
      return z.NEVER;
    }
    return name;
  });

const registrarField = z
  .string("errors.registrarRequired")
  .trim()
  .min(1, "errors.registrarRequired")
  .max(REGISTRAR_KEY_MAX, "errors.registrarUnknown")
  .regex(REGISTRAR_KEY_PATTERN, "errors.registrarUnknown");

const maxYearsField = z.number("errors.maxYearsRange").int("errors.maxYearsRange").min(1, "errors.maxYearsRange").max(TLD_MAX_YEARS, "errors.maxYearsRange");

/** Order in the list and in the customer's search (smallest first). */
const positionField = z.number("errors.positionInvalid").int("errors.positionInvalid").min(0, "errors.positionInvalid").max(TLD_POSITION_MAX, "errors.positionInvalid");

const tldIdField = z.guid("errors.notFound");

export const tldCreateSchema = z.object({
  name: tldNameField,
  registrar: registrarField,
  maxYears: maxYearsField,
  position: positionField,
  active: z.boolean("errors.invalidChoice"),
});
export type TldCreateFormInput = z.input<typeof tldCreateSchema>;
export type TldCreateInput = z.output<typeof tldCreateSchema>;

/** A TLD's settings; the name is fixed once domains may use it (create another TLD instead). */
export const tldSettingsSchema = z.object({
  id: tldIdField,
  registrar: registrarField,
  maxYears: maxYearsField,
  position: positionField,
});
export type TldSettingsInput = z.infer<typeof tldSettingsSchema>;

export const tldActiveSchema = z.object({ id: tldIdField, active: z.boolean("errors.invalidChoice") });
export type TldActiveInput = z.infer<typeof tldActiveSchema>;

// ---------------------------------------------------------------------------------------------
// The price grid: per action a row per year count (1…maxYears), a cell per currency. The amount is
// the price of the whole term (2 years of renewal, not per year); an empty cell is not sold.

const cellText = z.string("errors.amountFormat").trim().max(24, "errors.amountFormat");
const yearRows = z.array(z.record(z.enum(SUPPORTED_CURRENCIES), cellText)).min(1, "errors.invalidForm").max(TLD_MAX_YEARS, "errors.invalidForm");

export type TldPriceCellParse = { kind: "empty" } | { kind: "price"; amountMinor: bigint } | { kind: "invalid"; key: string };

const MONEY_ERROR_KEYS = { format: "errors.amountFormat", too_many_decimals: "errors.amountDecimals", negative: "errors.amountNegative" } as const;

/** One cell as typed: empty is "not sold"; otherwise a plain decimal with at most the currency's decimals (parseMoney). */
export function parseTldPriceCell(text: string, currency: Currency): TldPriceCellParse {
  const trimmed = text.trim();
  if (!trimmed) return { kind: "empty" };
  const parsed = safeParseMoney(trimmed, currency);
  if (!parsed.ok) return { kind: "invalid", key: MONEY_ERROR_KEYS[parsed.code] };
  if (parsed.minor > PRICE_MAX_MINOR) return { kind: "invalid", key: "errors.amountTooLarge" };
  return { kind: "price", amountMinor: parsed.minor };
}

export const tldPriceGridSchema = z
  .object({
    tldId: tldIdField,
    prices: z.record(z.enum(TLD_ACTIONS), yearRows),
  })
  .superRefine((grid, ctx) => {
    const years = grid.prices.register.length;
    if (TLD_ACTIONS.some((action) => grid.prices[action].length !== years)) {
      ctx.addIssue({ code: "custom", path: ["prices"], message: "errors.invalidForm" });
      return;
    }
    for (const action of TLD_ACTIONS) {
      grid.prices[action].forEach((row, index) => {
        for (const currency of SUPPORTED_CURRENCIES) {
          const parsed = parseTldPriceCell(row[currency], currency);
          if (parsed.kind === "invalid") ctx.addIssue({ code: "custom", path: ["prices", action, index, currency], message: parsed.key });
        }
      });
    }
  });
export type TldPriceGridInput = z.infer<typeof tldPriceGridSchema>;
export type TldPriceGridCells = TldPriceGridInput["prices"];

/** The form path of one cell, as the server's field errors name it (years count from 1, rows from 0). */
export const tldPriceFieldPath = (action: TldPriceAction, years: number, currency: Currency) => `prices.${action}.${years - 1}.${currency}` as const;

/**
 * The grid's form values from stored prices: every action × 1…maxYears × supported currency, ""
 * where it is not sold, amounts as plain decimals with the currency's decimals ("12.50", VND "250000").
 * Prices for longer terms than maxYears, or in other currencies, are not part of the form.
 */
export function tldPriceGridFrom(prices: readonly { action: TldPriceAction; currency: string; years: number; amountMinor: bigint }[], maxYears: number): TldPriceGridCells {
  const emptyRow = () => Object.fromEntries(SUPPORTED_CURRENCIES.map((currency) => [currency, ""])) as Record<Currency, string>;
  const grid = Object.fromEntries(TLD_ACTIONS.map((action) => [action, Array.from({ length: maxYears }, emptyRow)])) as TldPriceGridCells;
  for (const price of prices) {
    if (!isSupportedCurrency(price.currency) || price.years < 1 || price.years > maxYears) continue;
    grid[price.action][price.years - 1][price.currency] = toDecimalString(price.amountMinor, price.currency);
  }
  return grid;
}
