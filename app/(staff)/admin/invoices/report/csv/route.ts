import { NextResponse } from "next/server";
import { can } from "@/lib/auth/actor-types";
import { getActor } from "@/lib/auth/session";
import { revenueReport, revenueReportCsv } from "@/lib/billing/admin-report";
import { reportParamsSchema } from "@/lib/billing/admin-schemas";

/** The revenue report of `?year=` as CSV, for staff with staff.billing; anyone else gets a 404 (401 without a session). */
export async function GET(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new NextResponse("Unauthorized", { status: 401 });
  if (actor.kind !== "staff" || !can(actor, "staff.billing")) return new NextResponse("Not found", { status: 404 });
  const { year } = reportParamsSchema(new Date().getUTCFullYear()).parse(Object.fromEntries(new URL(request.url).searchParams));
  const csv = revenueReportCsv(await revenueReport(actor, year));
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="revenue-${year}.csv"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
