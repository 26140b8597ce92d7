import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { NetworkStatusBadge } from "@/components/support/network-badges";
import { Alert, Card, PageHeader } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getNetworkIssueForStaff, listServersForStaff } from "@/lib/network/queries";
import { utcToZonedLocal } from "@/lib/network/zoned-time";
import { DeleteButton } from "../../kb/form-kit";
import { deleteNetworkIssueAction } from "../actions";
import { NetworkIssueForm, StatusUpdateForm } from "../network-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.adminNetwork.form");
  return { title: `${t("titleEdit")} · Portico` };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditNetworkIssuePage({ params, searchParams }: Props) {
  const actor = await requireStaffActor("staff.settings");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [t, locale, timeZone, issue, servers] = await Promise.all([
    getTranslations("kb.adminNetwork"),
    getLocale(),
    getTimeZone(),
    getNetworkIssueForStaff(actor, id),
    listServersForStaff(actor),
  ]);
  if (!issue) notFound();
  const zone = safeTimeZone(actor.timeZone);
  // Set by the create form when it lands here: how many emails the post queued.
  const queued = typeof query.queued === "string" && /^\d{1,6}$/.test(query.queued) ? Number(query.queued) : null;
  return (
    <div className="space-y-6">
      <PageHeader title={t("form.titleEdit")} description={issue.title} back={{ href: "/admin/network", label: t("title") }} />
      {queued !== null ? <Alert tone="success">{t("form.queued", { count: queued })}</Alert> : null}
      {issue.notifiedAt ? <p className="text-sm text-muted">{t("form.notified", { date: formatDateTime(issue.notifiedAt, locale, timeZone) })}</p> : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card>
          <NetworkIssueForm
            isNew={false}
            servers={servers}
            timeZone={zone}
            defaults={{
              id: issue.id,
              kind: issue.kind,
              title: issue.title,
              body: issue.body,
              status: issue.status,
              startsAt: utcToZonedLocal(issue.startsAt, zone),
              endsAt: issue.endsAt ? utcToZonedLocal(issue.endsAt, zone) : "",
              serverIds: issue.servers.map((s) => s.id),
              notify: false,
            }}
          />
        </Card>
        <aside className="space-y-4">
          <Card title={t("update.title")}>
            <StatusUpdateForm issueId={issue.id} kind={issue.kind} status={issue.status} />
          </Card>
          <Card title={t("update.timeline")}>
            {issue.updates.length === 0 ? (
              <p className="text-sm text-muted">{t("update.none")}</p>
            ) : (
              <ol className="space-y-3 text-sm">
                {issue.updates.map((u) => (
                  <li key={u.id} className="border-l-2 border-border pl-3">
                    <div className="flex flex-wrap items-center gap-2">
                      <NetworkStatusBadge status={u.status} />
                      <time dateTime={u.createdAt.toISOString()} className="text-xs text-muted">
                        {formatDateTime(u.createdAt, locale, timeZone)}
                      </time>
                    </div>
                    <Markdown source={u.body} className="mt-1" />
                  </li>
                ))}
              </ol>
            )}
          </Card>
          <Card>
            <DeleteButton id={issue.id} name={issue.title} action={deleteNetworkIssueAction} afterHref="/admin/network" />
          </Card>
        </aside>
      </div>
    </div>
  );
}
