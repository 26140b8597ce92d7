// One schema per form or URL, shared by react-hook-form on the client and the server action.
// Messages are keys under the "billing" namespace (messages/<locale>/billing.json).
import { z } from "zod";

export const INVOICE_FILTERS = ["unpaid", "paid", "all"] as const;
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number];

/** `/billing/invoices?status=…&page=…`; anything unexpected falls back to the default instead of failing. */
export const invoiceListParamsSchema = z.object({
  status: z.enum(INVOICE_FILTERS).catch("unpaid"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type InvoiceListParams = z.infer<typeof invoiceListParamsSchema>;

export const invoiceIdSchema = z.guid();

/** `/billing/credit?page=…`. */
export const creditLedgerParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/**
 * Paying an invoice (with credit, or starting a card checkout): the invoice and nothing else. The
 * amount is the server's to decide; an `amount` field posted along is stripped by the schema.
 */
export const payInvoiceSchema = z.object({ invoiceId: z.guid("errors.notFound") });
export type PayInvoiceInput = z.infer<typeof payInvoiceSchema>;

/** The methods a customer may choose as their default ("manual" is staff's, not a choice). */
export const DEFAULT_PAYMENT_METHODS = ["bank_transfer", "card", "credit"] as const;
export type DefaultPaymentMethod = (typeof DEFAULT_PAYMENT_METHODS)[number];

export const paymentMethodSchema = z.object({ method: z.enum(DEFAULT_PAYMENT_METHODS, "errors.invalidMethod") });
export type PaymentMethodInput = z.infer<typeof paymentMethodSchema>;
