import { getTranslations } from "next-intl/server";
import { activityCsv } from "@/lib/accounts/activity";
import { parseActivityFilters } from "@/lib/accounts/activity-schemas";
import { can } from "@/lib/auth/actor-types";
import { getActor } from "@/lib/auth/session";

/** The activity log as CSV with the page's filters, for the customer's people with account.manage; anything else is a 404. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (actor?.kind !== "customer" || !can(actor, "account.manage")) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const filters = parseActivityFilters(new URL(request.url).searchParams);
  const t = await getTranslations("accountActivity");
  const { filename, stream } = activityCsv(actor, filters, (label, action) => (label ? t(`actions.${label}` as "actions.login") : action));
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
}
