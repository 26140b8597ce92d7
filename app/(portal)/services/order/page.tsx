import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Button, Card, EmptyState, PageHeader, cn } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatMoney } from "@/lib/format";
import { countCartItems } from "@/lib/services/order-cart";
import { listOrderCatalog } from "@/lib/services/order-catalog";
import { ORDER_GROUPS, orderCatalogParamsSchema } from "@/lib/services/order-schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders");
  return { title: `${t("catalog.title")} · Portico` };
}

export default async function OrderCatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("orders.place");
  const { group } = orderCatalogParamsSchema.parse(await searchParams);
  const [catalog, cartCount, t, locale] = await Promise.all([listOrderCatalog(actor, { group }), countCartItems(actor), getTranslations("orders"), getLocale()]);

  return (
    <div>
      <PageHeader
        title={t("catalog.title")}
        description={t("catalog.description")}
        actions={
          <Button href="/services/order/cart" variant="secondary" data-testid="cart-link">
            {t("catalog.cart", { count: cartCount })}
          </Button>
        }
      />
      <nav aria-label={t("catalog.groupsLabel")} className="mb-6 flex flex-wrap gap-2">
        {[undefined, ...ORDER_GROUPS].map((g) => (
          <Link
            key={g ?? "all"}
            href={g ? `/services/order?group=${g}` : "/services/order"}
            aria-current={g === group ? "page" : undefined}
            className={cn(
              "rounded-full border px-3 py-1 text-sm",
              g === group ? "border-accent bg-accent text-accent-fg" : "border-border text-fg hover:bg-surface-muted",
            )}
          >
            {g ? t(`groups.${g}`) : t("catalog.allGroups")}
          </Link>
        ))}
      </nav>
      {catalog.groups.length === 0 ? (
        <EmptyState title={t("catalog.empty")} description={t("catalog.emptyHint")} />
      ) : (
        <div className="space-y-8">
          {catalog.groups.map(({ group: kind, products }) => (
            <section key={kind} aria-labelledby={`group-${kind}`}>
              <h2 id={`group-${kind}`} className="mb-3 text-lg font-semibold">
                {t(`groups.${kind}`)}
              </h2>
              <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                {products.map((product) => (
                  <li key={product.id}>
                    <Card className="flex h-full flex-col" bodyClassName="flex flex-1 flex-col gap-3">
                      <div>
                        <h3 className="font-semibold">{product.name}</h3>
                        {product.description ? <p className="mt-1 text-sm text-muted">{product.description}</p> : null}
                      </div>
                      <p className="text-sm">
                        {t.rich("catalog.from", {
                          price: formatMoney(product.fromMonthlyMinor, catalog.currency, locale),
                          strong: (chunks) => <strong className="text-lg tabular-nums">{chunks}</strong>,
                        })}
                      </p>
                      {product.requiresDomain ? (
                        <div>
                          <Badge tone="info">{t("catalog.needsDomain")}</Badge>
                        </div>
                      ) : null}
                      <div className="mt-auto">
                        <Button href={`/services/order/${product.id}`} aria-label={t("catalog.configureProduct", { product: product.name })}>
                          {t("catalog.configure")}
                        </Button>
                      </div>
                    </Card>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
