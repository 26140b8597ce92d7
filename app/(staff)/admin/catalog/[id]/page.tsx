import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { getProductForStaff } from "@/lib/billing/catalog";
import { priceGridFrom } from "@/lib/billing/catalog-schemas";
import { PriceGridForm } from "../price-grid-form";
import { ProductForm, ProductLifecycle } from "../product-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("catalog.product");
  return { title: `${t("titleEdit")} · Portico` };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProductPage({ params, searchParams }: Props) {
  const actor = await requireStaffActor("staff.catalog");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [t, product] = await Promise.all([getTranslations("catalog"), getProductForStaff(actor, id)]);
  if (!product) notFound();

  return (
    <div className="space-y-6">
      <PageHeader
        title={product.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={product.active ? "success" : "neutral"}>{product.active ? t("status.active") : t("status.inactive")}</Badge>
            <span className="font-mono">{product.slug}</span> · {t(`kinds.${product.kind}`)}
          </span>
        }
        back={{ href: "/admin/catalog", label: t("title") }}
      />
      {query.created === "1" ? <Alert tone="success">{t("product.created")}</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card id="product-details" title={t("product.titleEdit")}>
          <ProductForm
            defaults={{
              id: product.id,
              slug: product.slug,
              kind: product.kind,
              name: product.name,
              description: product.description ?? "",
              active: product.active,
              position: product.position,
            }}
          />
        </Card>
        <aside className="space-y-4">
          <Card id="product-lifecycle" title={t("lifecycle.title")}>
            <ProductLifecycle id={product.id} name={product.name} active={product.active} serviceCount={product.serviceCount} />
          </Card>
        </aside>
      </div>

      <Card id="product-prices" title={t("prices.title")} description={t("prices.description")}>
        <div className="space-y-4">
          <Alert tone="info">{t("prices.runningServicesNote", { count: product.activeServiceCount })}</Alert>
          <PriceGridForm defaults={{ productId: product.id, prices: priceGridFrom(product.prices) }} />
        </div>
      </Card>
    </div>
  );
}
