import { getActor } from "@/lib/auth/session";
import { customerInvoicePdf, invoicePdfResponse } from "@/lib/billing/pdf/download";

/**
 * The PDF of an issued invoice, proforma or credit note, in the user's language, for the
 * customer's people with billing.view. Another customer's document, a draft, a malformed id,
 * staff and signed-out visitors all get the same 404 as an id that does not exist.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const [actor, { id }] = await Promise.all([getActor(), params]);
  if (actor?.kind !== "customer") return invoicePdfResponse(null);
  return invoicePdfResponse(await customerInvoicePdf(actor, id));
}
