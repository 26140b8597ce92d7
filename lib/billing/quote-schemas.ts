// One schema per quote form, shared by react-hook-form on the client and the server action.
// Messages are keys under the "quotes" namespace (messages/<locale>/quotes.json). Amounts arrive
// as plain decimal strings: the server parses them with parseMoney in the customer's currency.
import { z } from "zod";

export const QUOTE_STATUSES = ["draft", "sent", "accepted", "declined", "expired"] as const;
export type QuoteStatusName = (typeof QUOTE_STATUSES)[number];

export const QUOTE_SUBJECT_MAX = 200;
export const QUOTE_NOTES_MAX = 5_000;
export const QUOTE_LINE_DESCRIPTION_MAX = 500;
export const QUOTE_LINES_MAX = 100;
export const QUOTE_DECLINE_REASON_MAX = 1_000;

export const quoteIdSchema = z.guid();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "YYYY-MM-DD" naming a real calendar day (2026-02-30 is refused, not rolled over). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// "1", "2.5", "0.125": up to three decimals, because lines store the quantity in thousandths.
const QUANTITY = /^(0|[1-9]\d{0,5})(\.\d{1,3})?$/;
// Plain digits with an optional "." fraction, as parseMoney accepts; the currency's decimals are checked on the server.
const AMOUNT = /^(0|[1-9]\d{0,14})(\.\d+)?$/;
// A VAT rate in percent with up to two decimals ("23", "5.5"), 0 to 100.
const RATE = /^(100(\.0{1,2})?|[1-9]?\d(\.\d{1,2})?)$/;

/** "2.5" → 2500 thousandths. Call only with a value the schema accepted. */
export function quantityToMilli(value: string): number {
  const [whole, fraction = ""] = value.trim().split(".");
  return Number(whole) * 1000 + Number(fraction.padEnd(3, "0"));
}

/** 2500 → "2.5" (the form shows what staff typed, without trailing zeros). */
export function milliToQuantity(milli: number): string {
  const whole = Math.trunc(milli / 1000);
  const fraction = String(milli % 1000).padStart(3, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** "23" → 2300 basis points, "5.5" → 550. Call only with a value the schema accepted. */
export function percentToBp(value: string): number {
  const [whole, fraction = ""] = value.trim().split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** 2300 → "23", 550 → "5.5". */
export function bpToPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(bp % 100).padStart(2, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

export const quoteLineSchema = z.object({
  description: z.string().trim().min(1, "errors.descriptionRequired").max(QUOTE_LINE_DESCRIPTION_MAX, "errors.descriptionTooLong"),
  quantity: z
    .string()
    .trim()
    .regex(QUANTITY, { message: "errors.quantityInvalid", abort: true })
    .refine((v) => quantityToMilli(v) > 0, "errors.quantityInvalid"),
  unitPrice: z.string().trim().regex(AMOUNT, "errors.amountInvalid"),
  taxRate: z.string().trim().regex(RATE, "errors.rateInvalid"),
});
export type QuoteLineInput = z.infer<typeof quoteLineSchema>;

/** Create (no id) or edit (id) a draft. The customer is fixed once the draft exists. */
export const quoteDraftSchema = z.object({
  id: z.union([z.literal(""), z.guid("errors.invalidChoice")]).default(""),
  customerId: z.guid("errors.customerRequired"),
  subject: z.string().trim().min(3, "errors.subjectTooShort").max(QUOTE_SUBJECT_MAX, "errors.subjectTooLong"),
  validUntil: z.string().trim().refine(isIsoDate, "errors.dateInvalid"),
  notes: z.string().trim().max(QUOTE_NOTES_MAX, "errors.notesTooLong").default(""),
  lines: z.array(quoteLineSchema).min(1, "errors.linesRequired").max(QUOTE_LINES_MAX, "errors.tooManyLines"),
});
export type QuoteDraftInput = z.input<typeof quoteDraftSchema>;
export type QuoteDraftValues = z.output<typeof quoteDraftSchema>;

export const quoteIdInputSchema = z.object({ id: z.guid("errors.notFound") });

export const declineQuoteSchema = z.object({
  id: z.guid("errors.notFound"),
  reason: z.string().trim().max(QUOTE_DECLINE_REASON_MAX, "errors.reasonTooLong").default(""),
});
export type DeclineQuoteInput = z.input<typeof declineQuoteSchema>;

export const STAFF_QUOTE_FILTERS = ["all", ...QUOTE_STATUSES] as const;
export type StaffQuoteFilter = (typeof STAFF_QUOTE_FILTERS)[number];

/** `/admin/quotes?q=…&status=…&page=…`; anything unexpected falls back to the default instead of failing. */
export const staffQuoteListParamsSchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  status: z.enum(STAFF_QUOTE_FILTERS).catch("all").default("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type StaffQuoteListParams = z.infer<typeof staffQuoteListParamsSchema>;

/** `/billing/quotes?page=…`. */
export const quoteListParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** `/admin/quotes/new?q=…&customer=…`: the customer search before the form. */
export const newQuoteParamsSchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  customer: z.union([z.guid(), z.literal("")]).catch("").default(""),
});
