import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { CategoryForm } from "../../kb-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.admin.categoryForm");
  return { title: `${t("titleNew")} · Portico` };
}

export default async function NewCategoryPage() {
  await requireStaffActor("staff.tickets");
  const t = await getTranslations("kb.admin");
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("categoryForm.titleNew")} back={{ href: "/admin/kb/categories", label: t("backToList") }} />
      <Card>
        <CategoryForm isNew defaults={{ slug: "", nameEn: "", nameVi: "", nameSk: "", nameHu: "", isFaq: false, position: "0" }} />
      </Card>
    </div>
  );
}
