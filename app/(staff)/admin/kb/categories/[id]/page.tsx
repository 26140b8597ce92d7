import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { getCategoryForStaff } from "@/lib/kb/queries";
import { deleteCategoryAction } from "../../actions";
import { DeleteButton } from "../../form-kit";
import { CategoryForm } from "../../kb-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.admin.categoryForm");
  return { title: `${t("titleEdit")} · Portico` };
}

export default async function EditCategoryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffActor("staff.tickets");
  const { id } = await params;
  const [t, category] = await Promise.all([getTranslations("kb.admin"), getCategoryForStaff(actor, id)]);
  if (!category) notFound();
  const n = category.names;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={t("categoryForm.titleEdit")} description={n.en} back={{ href: "/admin/kb/categories", label: t("backToList") }} />
      <Card>
        <CategoryForm
          isNew={false}
          defaults={{ id: category.id, slug: category.slug, nameEn: n.en ?? "", nameVi: n.vi ?? "", nameSk: n.sk ?? "", nameHu: n.hu ?? "", isFaq: category.isFaq, position: String(category.position) }}
        />
      </Card>
      <Card>
        <p className="mb-3 text-sm text-muted">{t("categories.notEmptyHint")}</p>
        <DeleteButton id={category.id} name={n.en ?? category.slug} action={deleteCategoryAction} afterHref="/admin/kb/categories" />
      </Card>
    </div>
  );
}
