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
