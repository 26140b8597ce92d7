// One schema per staff billing form (/admin/invoices), shared by react-hook-form on the client and
// the server action. Messages are keys under the "staffBilling" namespace. Amounts travel as the
// text staff typed: the server parses them again with the currency it reads from the database, so
// the currency sent with a form only drives the browser's own check.
import { z } from "zod";
import { SUPPORTED_CURRENCIES, type Currency, safeParseMoney } from "./money";

export const ADMIN_STATUS_FILTERS = ["any", "draft", "unpaid", "overdue", "paid", "cancelled", "refunded"] as const;
export type AdminStatusFilter = (typeof ADMIN_STATUS_FILTERS)[number];
export const ADMIN_KIND_FILTERS = ["any", "proforma", "tax", "credit_note"] as const;
export type AdminKindFilter = (typeof ADMIN_KIND_FILTERS)[number];
export const ADMIN_SORTS = ["newest", "dueAsc", "dueDesc"] as const;
export type AdminSort = (typeof ADMIN_SORTS)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is "YYYY-MM-DD" naming a real calendar day. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2999 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const isoDate = (message = "errors.dateInvalid") => z.string().trim().refine(isIsoDate, message);
const optionalIsoDate = z.union([z.literal(""), isoDate()]);

/** `/admin/invoices?…`: anything unexpected falls back to its default instead of failing. */
export const adminInvoiceListParamsSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  status: z.enum(ADMIN_STATUS_FILTERS).catch("any"),
  kind: z.enum(ADMIN_KIND_FILTERS).catch("any"),
  currency: z.union([z.enum(SUPPORTED_CURRENCIES), z.literal("")]).catch(""),
  customer: z.union([z.guid(), z.literal("")]).catch(""),
  from: optionalIsoDate.catch(""),
  to: optionalIsoDate.catch(""),
  sort: z.enum(ADMIN_SORTS).catch("newest"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type AdminInvoiceListParams = z.infer<typeof adminInvoiceListParamsSchema>;

// Quantities have up to three decimals (stored as thousandths); VAT rates up to two (basis points).
const QUANTITY = /^(0|[1-9]\d{0,6})(?:\.(\d{1,3}))?$/;
const VAT_RATE = /^(0|[1-9]\d{0,2})(?:\.(\d{1,2}))?$/;

/** "1.5" → 1500 thousandths; null when it is not a positive quantity of at most three decimals. */
export function quantityToMilli(value: string): number | null {
  const m = QUANTITY.exec(value.trim());
  if (!m) return null;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0"));
  return milli > 0 ? milli : null;
}

/** 1500 → "1.5" (for a form's default). */
export function milliToQuantity(milli: number): string {
  const whole = Math.trunc(milli / 1000);
  const fraction = String(milli % 1000).padStart(3, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** "23" → 2300, "5.5" → 550 basis points; null above 100 % or when malformed. */
export function vatPercentToBp(value: string): number | null {
  const m = VAT_RATE.exec(value.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
}

/** 2300 → "23", 550 → "5.5". */
export function bpToVatPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(bp % 100).padStart(2, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** The message key for a money parse failure. */
export function moneyErrorKey(code: "format" | "too_many_decimals" | "negative"): string {
  return code === "too_many_decimals" ? "errors.amountDecimals" : code === "negative" ? "errors.amountNegative" : "errors.amountFormat";
}

/** Adds the issue for an amount that does not parse (or is not positive, when asked) in `currency`. */
function checkAmount(ctx: z.RefinementCtx, path: (string | number)[], value: string, currency: Currency, opts: { allowNegative?: boolean; positive?: boolean; nonZero?: boolean }) {
  const parsed = safeParseMoney(value, currency, { allowNegative: opts.allowNegative });
  if (!parsed.ok) ctx.addIssue({ code: "custom", path, message: moneyErrorKey(parsed.code) });
  else if (opts.positive && parsed.minor <= 0n) ctx.addIssue({ code: "custom", path, message: "errors.amountNotPositive" });
  else if (opts.nonZero && parsed.minor === 0n) ctx.addIssue({ code: "custom", path, message: "errors.amountZero" });
}

const currencySchema = z.enum(SUPPORTED_CURRENCIES, "errors.invalidChoice");

export const draftLineSchema = z
  .object({
    description: z.string().trim().min(1, "errors.descriptionRequired").max(500, "errors.descriptionTooLong"),
    periodStart: optionalIsoDate,
    periodEnd: optionalIsoDate,
    quantity: z.string().trim().refine((v) => quantityToMilli(v) !== null, "errors.quantityInvalid"),
    /** Negative for a discount line. */
    unitPrice: z.string().trim().min(1, "errors.amountRequired").max(30, "errors.amountFormat"),
    vatRate: z.string().trim().refine((v) => vatPercentToBp(v) !== null, "errors.vatRateInvalid"),
  })
  .superRefine((line, ctx) => {
    if (Boolean(line.periodStart) !== Boolean(line.periodEnd)) ctx.addIssue({ code: "custom", path: [line.periodStart ? "periodEnd" : "periodStart"], message: "errors.periodIncomplete" });
    else if (line.periodStart && line.periodEnd < line.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "errors.periodEndBeforeStart" });
  });
export type DraftLineInput = z.infer<typeof draftLineSchema>;

export const MAX_DRAFT_LINES = 200;

/** Creating (no invoiceId) or saving a draft: the whole document, lines replaced as a set. */
export const draftSchema = z
  .object({
    invoiceId: z.union([z.literal(""), z.guid("errors.notFound")]),
    customerId: z.guid("errors.customerRequired"),
    currency: currencySchema,
    dueDate: isoDate(),
    notes: z.string().trim().max(2000, "errors.notesTooLong"),
    lines: z.array(draftLineSchema).min(1, "errors.linesRequired").max(MAX_DRAFT_LINES, "errors.tooManyLines"),
  })
  .superRefine((v, ctx) => {
    v.lines.forEach((line, i) => checkAmount(ctx, ["lines", i, "unitPrice"], line.unitPrice, v.currency, { allowNegative: true }));
  });
export type DraftInput = z.input<typeof draftSchema>;

export const invoiceIdInputSchema = z.object({ invoiceId: z.guid("errors.notFound") });
export type InvoiceIdInput = z.infer<typeof invoiceIdInputSchema>;

export const MANUAL_PAYMENT_METHODS = ["bank_transfer", "manual"] as const;

export const recordPaymentSchema = z
  .object({
    invoiceId: z.guid("errors.notFound"),
    currency: currencySchema,
    method: z.enum(MANUAL_PAYMENT_METHODS, "errors.invalidChoice"),
    amount: z.string().trim().min(1, "errors.amountRequired").max(30, "errors.amountFormat"),
    receivedOn: isoDate(),
    reference: z.string().trim().max(100, "errors.textTooLong"),
    /** The bank's transaction id: the same one is never booked twice (also not by the statement import). */
    transactionId: z.string().trim().max(100, "errors.textTooLong"),
    note: z.string().trim().max(1000, "errors.textTooLong"),
  })
  .superRefine((v, ctx) => checkAmount(ctx, ["amount"], v.amount, v.currency, { positive: true }));
export type RecordPaymentInput = z.input<typeof recordPaymentSchema>;

export const REFUND_DESTINATIONS = ["credit", "original"] as const;

export const refundSchema = z
  .object({
    paymentId: z.guid("errors.notFound"),
    currency: currencySchema,
    amount: z.string().trim().min(1, "errors.amountRequired").max(30, "errors.amountFormat"),
    destination: z.enum(REFUND_DESTINATIONS, "errors.invalidChoice"),
    reason: z.string().trim().min(3, "errors.reasonRequired").max(500, "errors.textTooLong"),
  })
  .superRefine((v, ctx) => checkAmount(ctx, ["amount"], v.amount, v.currency, { positive: true }));
export type RefundInput = z.input<typeof refundSchema>;

export const adjustCreditSchema = z
  .object({
    customerId: z.guid("errors.notFound"),
    currency: currencySchema,
    /** Signed: "-5.00" takes credit away. */
    amount: z.string().trim().min(1, "errors.amountRequired").max(30, "errors.amountFormat"),
    note: z.string().trim().min(3, "errors.noteRequired").max(500, "errors.textTooLong"),
  })
  .superRefine((v, ctx) => checkAmount(ctx, ["amount"], v.amount, v.currency, { allowNegative: true, nonZero: true }));
export type AdjustCreditInput = z.input<typeof adjustCreditSchema>;

/** A bank statement's text as read by the browser (about 5 000 rows fit). */
export const MAX_BANK_CSV_CHARS = 1_000_000;
export const bankImportSchema = z.object({
  csv: z.string().min(1, "errors.fileRequired").max(MAX_BANK_CSV_CHARS, "errors.fileTooLarge"),
});
export type BankImportInput = z.infer<typeof bankImportSchema>;

/** `?year=` of the revenue report. */
export function reportParamsSchema(currentYear: number) {
  return z.object({ year: z.coerce.number().int().min(2000).max(2100).catch(currentYear) });
}

/** `?customer=` of the credit page. */
export const creditParamsSchema = z.object({ customer: z.guid().catch("") });
