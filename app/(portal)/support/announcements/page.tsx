import type { Metadata } from "next";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { Card, EmptyState, PageHeader, Pagination } from "@/components/ui";
import { listAnnouncements } from "@/lib/announcements/queries";
import { announcementListParamsSchema } from "@/lib/announcements/schemas";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { HelpNav } from "../kb/help-nav";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.announcements");
  return { title: `${t("title")} · Portico` };
}

export default async function AnnouncementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor();
  const query = await searchParams;
  const { page } = announcementListParamsSchema.parse(query);
  const [t, locale, timeZone] = await Promise.all([getTranslations("kb.announcements"), getLocale(), getTimeZone()]);
  const result = await listAnnouncements(actor, locale, { page });
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <HelpNav current="announcements" showTickets={can(actor, "tickets.view")} />
      {result.items.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} />
      ) : (
        <div className="space-y-4">
          {result.items.map((a) => (
            <Card key={a.id} id={`announcement-${a.id}`} title={a.title} description={<time dateTime={a.publishedAt.toISOString()}>{t("published", { date: formatDate(a.publishedAt, locale, timeZone, "long") })}</time>}>
              <Markdown source={a.body} />
            </Card>
          ))}
        </div>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/support/announcements" searchParams={query} />
    </div>
  );
}
