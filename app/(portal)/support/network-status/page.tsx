import type { Metadata } from "next";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { AffectsYouBadge, NetworkKindBadge, NetworkStatusBadge } from "@/components/support/network-badges";
import { EmptyState, PageHeader, Pagination } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { type NetworkIssueView, listNetworkIssues } from "@/lib/network/queries";
import { networkListParamsSchema } from "@/lib/network/schemas";
import { HelpNav } from "../kb/help-nav";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.network");
  return { title: `${t("title")} · Portico` };
}

type Fmt = { locale: string; timeZone: string; now: Date };

export default async function NetworkStatusPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor();
  const query = await searchParams;
  const { page } = networkListParamsSchema.parse(query);
  const now = new Date();
  const [t, locale, timeZone, data] = await Promise.all([getTranslations("kb.network"), getLocale(), getTimeZone(), listNetworkIssues(actor, { page, now })]);
  const fmt: Fmt = { locale, timeZone, now };
  return (
    <div>
      <PageHeader title={t("title")} description={data.personalised ? t("description") : t("descriptionGeneral")} />
      <HelpNav current="networkStatus" showTickets={can(actor, "tickets.view")} />
      <div className="space-y-8">
        <Section id="current" title={t("current")} items={data.current} empty={t("noneCurrent")} fmt={fmt} />
        <Section id="upcoming" title={t("upcoming")} items={data.upcoming} empty={t("noneUpcoming")} fmt={fmt} />
        <div>
          <Section id="past" title={t("past")} items={data.past.items} empty={t("nonePast")} fmt={fmt} />
          <Pagination page={data.past.page} pageCount={Math.ceil(data.past.total / data.past.pageSize)} pathname="/support/network-status" searchParams={query} />
        </div>
      </div>
    </div>
  );
}

function Section({ id, title, items, empty, fmt }: { id: string; title: string; items: NetworkIssueView[]; empty: string; fmt: Fmt }) {
  return (
    <section aria-labelledby={`network-${id}`}>
      <h2 id={`network-${id}`} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {items.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <div className="space-y-4">
          {items.map((issue) => (
            <IssueCard key={issue.id} issue={issue} fmt={fmt} />
          ))}
        </div>
      )}
    </section>
  );
}

async function IssueCard({ issue, fmt }: { issue: NetworkIssueView; fmt: Fmt }) {
  const t = await getTranslations("kb.network");
  const at = (d: Date) => formatDateTime(d, fmt.locale, fmt.timeZone);
  const when = issue.endsAt
    ? t("window", { start: at(issue.startsAt), end: at(issue.endsAt) })
    : issue.startsAt > fmt.now
      ? t("starts", { start: at(issue.startsAt) })
      : t("since", { start: at(issue.startsAt) });
  return (
    <article
      id={`issue-${issue.id}`}
      aria-labelledby={`issue-${issue.id}-title`}
      className={`min-w-0 rounded-lg border bg-surface p-4 shadow-sm sm:p-5 ${issue.affectsYou ? "border-warning/60" : "border-border"}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <NetworkKindBadge kind={issue.kind} />
        <NetworkStatusBadge status={issue.status} />
        {issue.affectsYou ? <AffectsYouBadge /> : null}
      </div>
      <h3 id={`issue-${issue.id}-title`} className="mt-2 text-base font-semibold text-fg">
        {issue.title}
      </h3>
      <p className="mt-1 text-sm text-muted">{when}</p>
      <div className="mt-3">
        <Markdown source={issue.body} />
      </div>
      <div className="mt-3 text-sm">
        <h4 className="font-medium text-fg">{t("servers")}</h4>
        {issue.servers.length === 0 ? (
          <p className="text-muted">{t("general")}</p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-muted">
            {issue.servers.map((s) => (
              <li key={s.hostname} className="break-all">
                <span className="font-mono text-xs text-fg">{s.hostname}</span>
                {s.location ? ` (${s.location})` : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      {issue.updates.length > 0 ? (
        <div className="mt-4 text-sm">
          <h4 className="font-medium text-fg">{t("updates")}</h4>
          <ol className="mt-2 space-y-3 border-l-2 border-border pl-4">
            {issue.updates.map((u) => (
              <li key={u.id}>
                <div className="flex flex-wrap items-center gap-2">
                  <NetworkStatusBadge status={u.status} />
                  <time dateTime={u.createdAt.toISOString()} className="text-xs text-muted">
                    {at(u.createdAt)}
                  </time>
                </div>
                <Markdown source={u.body} className="mt-1" />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </article>
  );
}
