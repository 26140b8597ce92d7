import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert, Button, Card, PageHeader } from "@/components/ui";
import { LOCALES } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { listCategoriesForStaff, translationSourceForStaff } from "@/lib/kb/queries";
import type { KbArticleInput } from "@/lib/kb/schemas";
import { ArticleForm } from "../../kb-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.admin.articleForm");
  return { title: `${t("titleNew")} · Portico` };
}

/** A new article, or with `?translate=<slug>` a new language version of an existing one. */
export default async function NewArticlePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.tickets");
  const query = await searchParams;
  const translate = typeof query.translate === "string" ? query.translate : null;
  const [t, categories, source] = await Promise.all([
    getTranslations("kb.admin"),
    listCategoriesForStaff(actor),
    translate ? translationSourceForStaff(actor, translate) : null,
  ]);
  const defaults: KbArticleInput = {
    categoryId: source?.categoryId ?? "",
    slug: source?.slug ?? "",
    locale: LOCALES.find((l) => !source?.existingLocales.includes(l)) ?? "en",
    title: "",
    body: "",
    status: "draft",
  };
  return (
    <div className="max-w-3xl">
      <PageHeader title={source ? t("articleForm.titleTranslation", { slug: source.slug }) : t("articleForm.titleNew")} back={{ href: "/admin/kb", label: t("backToList") }} />
      {categories.length === 0 ? (
        <Alert tone="warning" title={t("articleForm.noCategories")}>
          <Button href="/admin/kb/categories/new" size="sm" className="mt-2">
            {t("categories.new")}
          </Button>
        </Alert>
      ) : (
        <Card>
          <ArticleForm isNew defaults={defaults} categories={categories.map((c) => ({ id: c.id, name: c.name }))} />
        </Card>
      )}
    </div>
  );
}
