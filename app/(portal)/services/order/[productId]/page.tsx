import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui";
import { ConfigureForm } from "@/components/services/order/configure-form";
import { requireCustomerActor } from "@/lib/auth/session";
import { getOrderProduct } from "@/lib/services/order-catalog";
import { addToCartAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders");
  return { title: `${t("configure.title")} · Portico` };
}

export default async function ConfigureProductPage({ params }: { params: Promise<{ productId: string }> }) {
  const actor = await requireCustomerActor("orders.place");
  const { productId } = await params;
  const [product, t] = await Promise.all([getOrderProduct(actor, productId), getTranslations("orders")]);
  if (!product) notFound();

  return (
    <div>
      <PageHeader back={{ href: `/services/order?group=${product.kind}`, label: t("configure.back") }} title={product.name} description={product.description ?? t("configure.description")} />
      <ConfigureForm
        product={{
          id: product.id,
          name: product.name,
          requiresDomain: product.requiresDomain,
          currency: product.currency,
          prices: product.prices.map((p) => ({ cycle: p.cycle, amountMinor: p.amountMinor.toString(), setupFeeMinor: p.setupFeeMinor.toString() })),
          options: product.options.map((o) => ({ code: o.code, name: o.name, choices: o.choices.map((c) => ({ code: c.code, label: c.label, monthlyMinor: c.monthlyMinor.toString() })) })),
        }}
        action={addToCartAction}
      />
    </div>
  );
}
