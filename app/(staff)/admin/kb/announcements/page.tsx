import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Badge, Button, EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { listAnnouncementsForStaff } from "@/lib/announcements/queries";
import { announcementListParamsSchema } from "@/lib/announcements/schemas";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { KbTabs } from "../kb-tabs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.admin");
  return { title: `${t("tabs.announcements")} · Portico` };
}

export default async function AdminAnnouncementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.tickets");
  const query = await searchParams;
  const { page } = announcementListParamsSchema.parse(query);
  const [t, locale, timeZone, result] = await Promise.all([getTranslations("kb"), getLocale(), getTimeZone(), listAnnouncementsForStaff(actor, { page })]);
  return (
    <div>
      <PageHeader title={t("admin.title")} description={t("admin.description")} actions={<Button href="/admin/kb/announcements/new">{t("admin.announcements.new")}</Button>} />
      <KbTabs current="announcements" />
      {result.items.length === 0 ? (
        <EmptyState
          title={t("admin.announcements.empty")}
          description={t("admin.announcements.emptyHint")}
          action={<Button href="/admin/kb/announcements/new">{t("admin.announcements.new")}</Button>}
        />
      ) : (
        <Table caption={t("admin.announcements.caption")}>
          <THead>
            <tr>
              <TH>{t("admin.announcements.colTitle")}</TH>
              <TH>{t("admin.announcements.colAudience")}</TH>
              <TH>{t("admin.announcements.colStatus")}</TH>
              <TH>{t("admin.announcements.colPublished")}</TH>
            </tr>
          </THead>
          <TBody>
            {result.items.map((a) => (
              <TR key={a.id}>
                <TD className="max-w-xs whitespace-normal">
                  <Link href={`/admin/kb/announcements/${a.id}`} className="font-medium text-accent hover:underline">
                    {a.title}
                  </Link>
                </TD>
                <TD>{t(`languages.${(a.locale ?? "all") as "all"}`)}</TD>
                <TD>
                  <Badge tone={a.publishedAt ? "success" : "neutral"}>{t(a.publishedAt ? "admin.status.published" : "admin.status.draft")}</Badge>
                </TD>
                <TD>{a.publishedAt ? formatDateTime(a.publishedAt, locale, timeZone) : "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/admin/kb/announcements" searchParams={query} />
    </div>
  );
}
