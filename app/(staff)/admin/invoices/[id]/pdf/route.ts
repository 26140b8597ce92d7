import { getActor } from "@/lib/auth/session";
import { invoicePdfResponse, staffInvoicePdf } from "@/lib/billing/pdf/download";

/**
 * The PDF of any invoice, drafts included (marked DRAFT), in the staff member's language, for
 * staff with staff.billing. Customers, other staff and signed-out visitors get a 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const [actor, { id }] = await Promise.all([getActor(), params]);
  if (actor?.kind !== "staff") return invoicePdfResponse(null);
  return invoicePdfResponse(await staffInvoicePdf(actor, id));
}
