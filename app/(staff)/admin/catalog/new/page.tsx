import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { ProductForm } from "../product-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("catalog.product");
  return { title: `${t("titleNew")} · Portico` };
}

export default async function NewProductPage() {
  await requireStaffActor("staff.catalog");
  const t = await getTranslations("catalog");
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("product.titleNew")} description={t("product.newHint")} back={{ href: "/admin/catalog", label: t("title") }} />
      <Card>
        <ProductForm defaults={{ slug: "", kind: "hosting", name: "", description: "", active: true, position: 0 }} />
      </Card>
    </div>
  );
}
