import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { NetworkKindBadge, NetworkStatusBadge } from "@/components/support/network-badges";
import { Button, EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listNetworkIssuesForStaff } from "@/lib/network/queries";
import { networkListParamsSchema } from "@/lib/network/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.adminNetwork");
  return { title: `${t("title")} · Portico` };
}

export default async function AdminNetworkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.settings");
  const query = await searchParams;
  const { page } = networkListParamsSchema.parse(query);
  const [t, locale, timeZone, result] = await Promise.all([getTranslations("kb.adminNetwork"), getLocale(), getTimeZone(), listNetworkIssuesForStaff(actor, { page })]);
  const at = (d: Date) => formatDateTime(d, locale, timeZone);
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} actions={<Button href="/admin/network/new">{t("new")}</Button>} />
      {result.items.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} action={<Button href="/admin/network/new">{t("new")}</Button>} />
      ) : (
        <Table caption={t("caption")}>
          <THead>
            <tr>
              <TH>{t("colTitle")}</TH>
              <TH>{t("colKind")}</TH>
              <TH>{t("colStatus")}</TH>
              <TH>{t("colStarts")}</TH>
              <TH>{t("colEnds")}</TH>
              <TH className="text-right">{t("colServers")}</TH>
              <TH>{t("colNotified")}</TH>
            </tr>
          </THead>
          <TBody>
            {result.items.map((issue) => (
              <TR key={issue.id}>
                <TD className="max-w-xs whitespace-normal">
                  <Link href={`/admin/network/${issue.id}`} className="font-medium text-accent hover:underline">
                    {issue.title}
                  </Link>
                </TD>
                <TD>
                  <NetworkKindBadge kind={issue.kind} />
                </TD>
                <TD>
                  <NetworkStatusBadge status={issue.status} />
                </TD>
                <TD>{at(issue.startsAt)}</TD>
                <TD>{issue.endsAt ? at(issue.endsAt) : "—"}</TD>
                <TD className="text-right tabular-nums">{issue._count.servers}</TD>
                <TD>{issue.notifiedAt ? at(issue.notifiedAt) : t("notNotified")}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/admin/network" searchParams={query} />
    </div>
  );
}
