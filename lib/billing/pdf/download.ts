import "server-only";
// Authorised PDF downloads for the route handlers: a customer's people with billing.view get their
// customer's issued documents; staff with staff.billing get any document, drafts included.
// Everything else is null, which the routes answer with the same 404 as a missing id.
import { db } from "@/lib/db";
import { type CustomerActor, type StaffActor, can } from "@/lib/auth/actor-types";
import { getInvoice } from "../queries";
import { invoiceIdSchema } from "../schemas";
import { renderInvoicePdf } from "./render";

export type InvoicePdfFile = { fileName: string; data: Buffer };

/** "PF-2026-000123.pdf"; a draft has no number yet. Only filename-safe characters, never quotes. */
export function invoicePdfFileName(invoice: { id: string; number: string | null }): string {
  const base = invoice.number ?? `draft-${invoice.id.slice(0, 8)}`;
  return `${base.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf`;
}

/** An issued document of the actor's customer in the actor's language; null for anything they may not see. */
export async function customerInvoicePdf(actor: CustomerActor, invoiceId: string): Promise<InvoicePdfFile | null> {
  if (!can(actor, "billing.view")) return null;
  // getInvoice scopes by customer and leaves out drafts and malformed ids, like the invoice page.
  const invoice = await getInvoice(actor, invoiceId);
  if (!invoice) return null;
  return { fileName: invoicePdfFileName(invoice), data: await renderInvoicePdf(invoice.id, actor.locale) };
}

/** Any document, drafts included (marked as such), in the staff member's language. */
export async function staffInvoicePdf(actor: StaffActor, invoiceId: string): Promise<InvoicePdfFile | null> {
  if (!can(actor, "staff.billing")) return null;
  if (!invoiceIdSchema.safeParse(invoiceId).success) return null;
  const invoice = await db.invoice.findUnique({ where: { id: invoiceId }, select: { id: true, number: true } });
  if (!invoice) return null;
  return { fileName: invoicePdfFileName(invoice), data: await renderInvoicePdf(invoice.id, actor.locale) };
}

const PRIVATE_NO_STORE = "private, no-store";

/** The PDF as a download, or the plain 404 every refusal gets. */
export function invoicePdfResponse(file: InvoicePdfFile | null): Response {
  if (!file) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": PRIVATE_NO_STORE, "X-Content-Type-Options": "nosniff" },
    });
  }
  return new Response(new Uint8Array(file.data), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(file.data.byteLength),
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": PRIVATE_NO_STORE,
    },
  });
}
