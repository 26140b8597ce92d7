import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Badge, Button, EmptyState, PageHeader, Pagination, Select, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { LOCALES } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { listArticlesForStaff } from "@/lib/kb/queries";
import { kbAdminListParamsSchema } from "@/lib/kb/schemas";
import { KbTabs } from "./kb-tabs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.admin");
  return { title: `${t("title")} · Portico` };
}

export default async function AdminKbPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.tickets");
  const query = await searchParams;
  const params = kbAdminListParamsSchema.parse(query);
  const [t, locale, timeZone, result] = await Promise.all([getTranslations("kb"), getLocale(), getTimeZone(), listArticlesForStaff(actor, params)]);
  return (
    <div>
      <PageHeader title={t("admin.title")} description={t("admin.description")} actions={<Button href="/admin/kb/articles/new">{t("admin.articles.new")}</Button>} />
      <KbTabs current="articles" />
      <form method="get" action="/admin/kb" className="mb-4 flex flex-wrap items-end gap-2">
        <div className="space-y-1.5">
          <label htmlFor="kb-locale" className="block text-sm font-medium text-fg">
            {t("admin.filterLanguage")}
          </label>
          <Select id="kb-locale" name="locale" defaultValue={params.locale ?? ""} className="w-48">
            <option value="">{t("languages.all")}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          {t("admin.filterApply")}
        </Button>
      </form>
      {result.items.length === 0 ? (
        <EmptyState title={t("admin.articles.empty")} description={t("admin.articles.emptyHint")} action={<Button href="/admin/kb/articles/new">{t("admin.articles.new")}</Button>} />
      ) : (
        <Table caption={t("admin.articles.caption")}>
          <THead>
            <tr>
              <TH>{t("admin.articles.colTitle")}</TH>
              <TH>{t("admin.articles.colSlug")}</TH>
              <TH>{t("admin.articles.colLanguage")}</TH>
              <TH>{t("admin.articles.colCategory")}</TH>
              <TH>{t("admin.articles.colStatus")}</TH>
              <TH>{t("admin.articles.colHelpful")}</TH>
              <TH>{t("admin.articles.colUpdated")}</TH>
            </tr>
          </THead>
          <TBody>
            {result.items.map((a) => (
              <TR key={a.id}>
                <TD className="max-w-xs whitespace-normal">
                  <Link href={`/admin/kb/articles/${a.id}`} className="font-medium text-accent hover:underline" lang={a.locale}>
                    {a.title}
                  </Link>
                </TD>
                <TD className="font-mono text-xs">{a.slug}</TD>
                <TD>{t(`languages.${a.locale as "en"}`)}</TD>
                <TD>{a.categoryName}</TD>
                <TD>
                  <Badge tone={a.status === "published" ? "success" : "neutral"}>{t(`admin.status.${a.status}`)}</Badge>
                </TD>
                <TD className="tabular-nums">{t("admin.articles.helpfulTally", { yes: a.helpfulYes, no: a.helpfulNo })}</TD>
                <TD>{formatDate(a.updatedAt, locale, timeZone)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/admin/kb" searchParams={query} />
    </div>
  );
}
