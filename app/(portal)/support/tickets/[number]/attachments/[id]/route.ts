import { getActor } from "@/lib/auth/session";
import { downloadResponse, getAttachmentForDownload } from "@/lib/support/attachments";

/**
 * A ticket attachment for the customer's people (tickets.view, not internal notes). Anyone else,
 * staff and signed-out visitors included, gets the same 404 as for a file that does not exist.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ number: string; id: string }> }) {
  const [actor, { number, id }] = await Promise.all([getActor(), params]);
  if (actor?.kind !== "customer") return downloadResponse(null);
  return downloadResponse(await getAttachmentForDownload(actor, { ticketNumber: number, attachmentId: id }));
}
