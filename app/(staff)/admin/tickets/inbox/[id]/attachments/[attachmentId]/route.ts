import { getActor } from "@/lib/auth/session";
import { downloadResponse } from "@/lib/support/attachments";
import { getHeldAttachmentForDownload } from "@/lib/support/inbound-email";

/** A file of held mail, for staff who may accept or reject that mail; everyone else gets a 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; attachmentId: string }> }) {
  const [actor, { id, attachmentId }] = await Promise.all([getActor(), params]);
  return downloadResponse(await getHeldAttachmentForDownload(actor, { inboundEmailId: id, attachmentId }));
}
