import { NextResponse } from "next/server";
import { can } from "@/lib/auth/actor-types";
import { getActor } from "@/lib/auth/session";
import { callRecordsCsv } from "@/lib/services/calls";

const notFound = () => new NextResponse("Not found", { status: 404, headers: { "cache-control": "private, no-store" } });

/**
 * The call records of the list's filter (`?from&to&direction`) as CSV, streamed, for the
 * customer's people with usage.voip. Another customer's service, a service of another kind, a
 * contact without the permission and staff all get the same 404; no session gets 401.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const [actor, { id }] = await Promise.all([getActor(), params]);
  if (!actor) return new NextResponse("Unauthorized", { status: 401 });
  if (actor.kind !== "customer" || !can(actor, "usage.voip")) return notFound();
  const search = new URL(request.url).searchParams;
  const csv = await callRecordsCsv(actor, id, {
    from: search.get("from") ?? undefined,
    to: search.get("to") ?? undefined,
    direction: (search.get("direction") ?? undefined) as "all" | undefined,
  });
  if (!csv) return notFound();
  return new Response(csv.stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csv.filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
