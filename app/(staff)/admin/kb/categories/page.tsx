import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, Button, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { listCategoriesForStaff } from "@/lib/kb/queries";
import { KbTabs } from "../kb-tabs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.admin");
  return { title: `${t("tabs.categories")} · ${t("title")} · Portico` };
}

export default async function AdminKbCategoriesPage() {
  const actor = await requireStaffActor("staff.tickets");
  // Categories are few (a handful per provider), so one unpaginated list.
  const [t, categories] = await Promise.all([getTranslations("kb.admin"), listCategoriesForStaff(actor)]);
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} actions={<Button href="/admin/kb/categories/new">{t("categories.new")}</Button>} />
      <KbTabs current="categories" />
      {categories.length === 0 ? (
        <EmptyState title={t("categories.empty")} description={t("categories.emptyHint")} action={<Button href="/admin/kb/categories/new">{t("categories.new")}</Button>} />
      ) : (
        <Table caption={t("categories.caption")}>
          <THead>
            <tr>
              <TH>{t("categories.colName")}</TH>
              <TH>{t("categories.colSlug")}</TH>
              <TH>{t("categories.colFaq")}</TH>
              <TH className="text-right">{t("categories.colPosition")}</TH>
              <TH className="text-right">{t("categories.colArticles")}</TH>
            </tr>
          </THead>
          <TBody>
            {categories.map((c) => (
              <TR key={c.id}>
                <TD>
                  <Link href={`/admin/kb/categories/${c.id}`} className="font-medium text-accent hover:underline">
                    {c.name}
                  </Link>
                </TD>
                <TD className="font-mono text-xs">{c.slug}</TD>
                <TD>{c.isFaq ? <Badge tone="info">{t("categories.faqBadge")}</Badge> : null}</TD>
                <TD className="text-right tabular-nums">{c.position}</TD>
                <TD className="text-right tabular-nums">{c.articleCount}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
