import { can } from "@/lib/auth/actor-types";
import { getActor } from "@/lib/auth/session";
import { exportZone } from "@/lib/dns/zones";

/** The zone as a BIND file for the customer's people with domains.view; anything else is a 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const [actor, { id }] = await Promise.all([getActor(), params]);
  const file = actor?.kind === "customer" && can(actor, "domains.view") ? await exportZone(actor, id) : null;
  if (!file) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(file.text, {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${file.filename}"`, "cache-control": "no-store" },
  });
}
