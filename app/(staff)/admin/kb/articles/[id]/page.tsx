import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { Badge, Button, Card, PageHeader } from "@/components/ui";
import { LOCALES } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { getArticleForStaff, listCategoriesForStaff } from "@/lib/kb/queries";
import { deleteArticleAction } from "../../actions";
import { DeleteButton } from "../../form-kit";
import { ArticleForm } from "../../kb-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.admin.articleForm");
  return { title: `${t("titleEdit")} · Portico` };
}

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffActor("staff.tickets");
  const { id } = await params;
  const [t, article, categories] = await Promise.all([getTranslations("kb"), getArticleForStaff(actor, id), listCategoriesForStaff(actor)]);
  if (!article) notFound();
  const missing = LOCALES.filter((l) => !article.versions.some((v) => v.locale === l));
  return (
    <div>
      <PageHeader title={t("admin.articleForm.titleEdit")} description={article.title} back={{ href: "/admin/kb", label: t("admin.backToList") }} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card>
          <ArticleForm
            isNew={false}
            categories={categories.map((c) => ({ id: c.id, name: c.name }))}
            defaults={{ id: article.id, categoryId: article.categoryId, slug: article.slug, locale: article.locale as (typeof LOCALES)[number], title: article.title, body: article.body, status: article.status }}
          />
        </Card>
        <aside className="space-y-4">
          <Card title={t("admin.articleForm.versions")} headingLevel={2}>
            <ul className="space-y-2 text-sm">
              {article.versions.map((v) => (
                <li key={v.id} className="flex items-center justify-between gap-2">
                  {v.id === article.id ? (
                    <span className="font-medium" aria-current="page">
                      {t(`languages.${v.locale as "en"}`)}
                    </span>
                  ) : (
                    <Link href={`/admin/kb/articles/${v.id}`} className="text-accent hover:underline">
                      {t(`languages.${v.locale as "en"}`)}
                    </Link>
                  )}
                  <Badge tone={v.status === "published" ? "success" : "neutral"}>{t(`admin.status.${v.status}`)}</Badge>
                </li>
              ))}
            </ul>
            {missing.length > 0 ? (
              <Button href={`/admin/kb/articles/new?translate=${article.slug}`} size="sm" variant="secondary" className="mt-3">
                {t("admin.articleForm.addTranslation")}
              </Button>
            ) : null}
          </Card>
          <Card>
            <p className="mb-3 text-sm text-muted">{t("admin.articles.helpfulTally", { yes: article.helpfulYes, no: article.helpfulNo })}</p>
            <DeleteButton id={article.id} name={article.title} action={deleteArticleAction} afterHref="/admin/kb" />
          </Card>
        </aside>
      </div>
      <Card title={t("admin.preview")} className="mt-6" bodyClassName="max-w-3xl">
        <Markdown source={article.body} />
      </Card>
    </div>
  );
}
