import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui";
import type { Actor } from "@/lib/auth/actor-types";
import { formatDateTime } from "@/lib/format";
import { currentNetworkIssues } from "@/lib/network/queries";
import { AffectsYouBadge, NetworkKindBadge, NetworkStatusBadge } from "./network-badges";

/**
 * Dashboard panel: maintenance and incidents going on now, the ones touching the customer's own
 * services first, or "all systems normal". Data comes from lib/network (authorised there).
 */
export async function NetworkIssuesPanel({ actor, className }: { actor: Actor; className?: string }) {
  const [{ items, total }, t, locale, timeZone] = await Promise.all([currentNetworkIssues(actor), getTranslations("kb.panel"), getLocale(), getTimeZone()]);
  return (
    <Card
      id="panel-network-status"
      title={t("title")}
      className={className}
      action={
        <Link href="/support/network-status" className="text-sm text-accent hover:underline">
          {t("viewAll")}
        </Link>
      }
    >
      {items.length === 0 ? (
        <p className="text-sm text-muted">{t("allClear")}</p>
      ) : (
        <ul className="divide-y divide-border text-sm">
          {items.map((issue) => (
            <li key={issue.id} className="py-2 first:pt-0 last:pb-0">
              <Link href={`/support/network-status#issue-${issue.id}`} className="font-medium text-fg hover:underline">
                {issue.title}
              </Link>
              <div className="mt-1 flex flex-wrap items-center gap-2">
                <NetworkKindBadge kind={issue.kind} />
                <NetworkStatusBadge status={issue.status} />
                {issue.affectsYou ? <AffectsYouBadge /> : null}
                <span className="text-xs text-muted">{formatDateTime(issue.startsAt, locale, timeZone)}</span>
              </div>
            </li>
          ))}
          {total > items.length ? <li className="pt-2 text-muted">{t("more", { count: total - items.length })}</li> : null}
        </ul>
      )}
    </Card>
  );
}
