import { getActor } from "@/lib/auth/session";
import { downloadResponse, getAttachmentForDownload } from "@/lib/support/attachments";

/**
 * A ticket attachment for staff who handle the ticket's department (staff.tickets), internal
 * notes included. Customers and signed-out visitors get a 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ number: string; id: string }> }) {
  const [actor, { number, id }] = await Promise.all([getActor(), params]);
  if (actor?.kind !== "staff") return downloadResponse(null);
  return downloadResponse(await getAttachmentForDownload(actor, { ticketNumber: number, attachmentId: id }));
}
