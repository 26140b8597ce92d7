import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Button, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { type CatalogProductRow, listCatalog } from "@/lib/billing/catalog";
import { CATALOG_FILTERS, type CatalogFilter, catalogListParamsSchema } from "@/lib/billing/catalog-schemas";
import { formatMoney } from "@/lib/format";
import { CatalogTabs } from "./catalog-tabs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("catalog");
  return { title: `${t("title")} · Portico` };
}

const filterHref = (status: CatalogFilter) => (status === "all" ? "/admin/catalog" : `/admin/catalog?status=${status}`);

/** Per currency, the price of the shortest cycle offered (the list's summary; the grid is on the product page). */
function priceSummary(prices: CatalogProductRow["prices"]) {
  // Prices come sorted by currency, then cycle: the first of each currency is its shortest cycle.
  return prices.filter((price, index) => index === 0 || prices[index - 1].currency !== price.currency);
}

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.catalog");
  const { status } = catalogListParamsSchema.parse(await searchParams);
  const [t, locale, catalog] = await Promise.all([getTranslations("catalog"), getLocale(), listCatalog(actor, status)]);
  const newButton = <Button href="/admin/catalog/new">{t("list.newProduct")}</Button>;

  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} actions={newButton} />
      <CatalogTabs current="products" />
      <nav aria-label={t("list.filterLabel")} className="mb-4 flex flex-wrap gap-2">
        {CATALOG_FILTERS.map((filter) => (
          <Button key={filter} href={filterHref(filter)} size="sm" variant={filter === status ? "primary" : "secondary"} aria-current={filter === status ? "page" : undefined}>
            {t(`list.filters.${filter}`)}
          </Button>
        ))}
      </nav>

      {catalog.total === 0 ? (
        status === "all" ? (
          <EmptyState title={t("list.empty")} description={t("list.emptyHint")} action={newButton} />
        ) : (
          <EmptyState title={t("list.emptyFiltered")} description={t("list.emptyFilteredHint")} action={<Button href="/admin/catalog" variant="secondary">{t("list.showAll")}</Button>} />
        )
      ) : (
        <div className="space-y-8">
          {catalog.groups.map((group) => (
            <section key={group.kind} aria-labelledby={`group-${group.kind}`} data-testid={`catalog-group-${group.kind}`} className="space-y-2">
              <h2 id={`group-${group.kind}`} className="text-lg font-semibold">
                {t(`kinds.${group.kind}`)} <span className="text-sm font-normal text-muted">({group.products.length})</span>
              </h2>
              <Table caption={t("list.caption", { group: t(`kinds.${group.kind}`) })}>
                <THead>
                  <tr>
                    <TH className="w-24 text-right">{t("list.colPosition")}</TH>
                    <TH className="w-72">{t("list.colName")}</TH>
                    <TH>{t("list.colPrices")}</TH>
                    <TH className="w-28 text-right">{t("list.colServices")}</TH>
                    <TH className="w-32">{t("list.colStatus")}</TH>
                  </tr>
                </THead>
                <TBody>
                  {group.products.map((product) => {
                    const summary = priceSummary(product.prices);
                    return (
                      <TR key={product.id} data-testid="catalog-product">
                        <TD className="text-right tabular-nums text-muted">{product.position}</TD>
                        <TD className="max-w-xs whitespace-normal">
                          <Link href={`/admin/catalog/${product.id}`} className="font-medium text-accent hover:underline">
                            {product.name}
                          </Link>
                          <span className="block font-mono text-xs text-muted">{product.slug}</span>
                        </TD>
                        <TD className="whitespace-normal">
                          {summary.length === 0 ? (
                            <span className="text-muted">{t("list.noPrices")}</span>
                          ) : (
                            <ul className="flex flex-wrap gap-x-3 gap-y-1">
                              {summary.map((price) => (
                                <li key={price.currency} className="tabular-nums">
                                  {formatMoney(price.amountMinor, price.currency, locale)} <span className="text-muted">· {t(`cycles.${price.cycle}`)}</span>
                                </li>
                              ))}
                              {product.prices.length > summary.length ? <li className="text-muted">{t("list.morePrices", { count: product.prices.length - summary.length })}</li> : null}
                            </ul>
                          )}
                        </TD>
                        <TD className="text-right tabular-nums">{product.serviceCount}</TD>
                        <TD>
                          <Badge tone={product.active ? "success" : "neutral"}>{product.active ? t("status.active") : t("status.inactive")}</Badge>
                        </TD>
                      </TR>
                    );
                  })}
                </TBody>
              </Table>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
