import "server-only";
import { renderToBuffer } from "@react-pdf/renderer";
import { registerPdfFonts } from "./fonts";
import { InvoicePdf } from "./invoice-pdf";
import { unsafeLoadInvoicePdfData } from "./invoice-pdf-data";
import { invoicePdfTranslator } from "./translator";

/** No invoice with this id: callers answer 404. */
export class InvoicePdfNotFound extends Error {
  constructor(readonly invoiceId: string) {
    super(`invoice ${invoiceId} not found`);
    this.name = "InvoicePdfNotFound";
  }
}

/**
 * The PDF of a stored invoice, proforma or credit note in `locale` (English when unsupported).
 * Does not authorise: the routes go through lib/billing/pdf/download.ts, which does.
 */
export async function renderInvoicePdf(invoiceId: string, locale: string): Promise<Buffer> {
  const data = await unsafeLoadInvoicePdfData(invoiceId);
  if (!data) throw new InvoicePdfNotFound(invoiceId);
  registerPdfFonts();
  const { locale: pdfLocale, t } = invoicePdfTranslator(locale);
  // Called as a function (it uses no hooks) so renderToBuffer gets the <Document> element itself.
  return renderToBuffer(InvoicePdf({ data, locale: pdfLocale, t }));
}
