import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Button, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { SUPPORTED_CURRENCIES } from "@/lib/billing/money";
import { type TldListRow, listTlds } from "@/lib/domains/tld-catalog";
import { TLD_ACTIONS, type TldPriceAction } from "@/lib/domains/tld-catalog-schemas";
import { formatMoney } from "@/lib/format";
import { CatalogTabs } from "../catalog-tabs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tldCatalog");
  return { title: `${t("list.title")} · Portico` };
}

/** The 1-year price of an action in each supported currency that sells it (the list's summary; every term is on the TLD's page). */
function oneYear(tld: TldListRow, action: TldPriceAction) {
  return SUPPORTED_CURRENCIES.flatMap((currency) => {
    const price = tld.prices.find((p) => p.action === action && p.years === 1 && p.currency === currency);
    return price ? [{ currency, amountMinor: price.amountMinor }] : [];
  });
}

export default async function TldCatalogPage() {
  const actor = await requireStaffActor("staff.catalog");
  const [t, tc, locale, tlds] = await Promise.all([getTranslations("tldCatalog"), getTranslations("catalog"), getLocale(), listTlds(actor)]);
  const newButton = <Button href="/admin/catalog/tlds/new">{t("list.newTld")}</Button>;

  return (
    <div>
      <PageHeader title={tc("title")} description={tc("description")} actions={newButton} />
      <CatalogTabs current="tlds" />
      <div className="mb-3">
        <h2 className="text-lg font-semibold">{t("list.title")}</h2>
        <p className="text-sm text-muted">{t("list.description")}</p>
      </div>
      {tlds.length === 0 ? (
        <EmptyState title={t("list.empty")} description={t("list.emptyHint")} action={newButton} />
      ) : (
        <Table caption={t("list.caption")}>
          <THead>
            <tr>
              <TH className="w-20 text-right">{t("list.colPosition")}</TH>
              <TH>{t("list.colName")}</TH>
              <TH>{t("list.colRegistrar")}</TH>
              <TH className="text-right">{t("list.colMaxYears")}</TH>
              {TLD_ACTIONS.map((action) => (
                <TH key={action}>{t("list.colOneYear", { action: t(`actions.${action}`) })}</TH>
              ))}
              <TH className="text-right">{t("list.colDomains")}</TH>
              <TH>{t("list.colStatus")}</TH>
            </tr>
          </THead>
          <TBody>
            {tlds.map((tld) => (
              <TR key={tld.id} data-testid="tld-row" data-tld={tld.name}>
                <TD className="text-right tabular-nums text-muted">{tld.position}</TD>
                <TD>
                  <Link href={`/admin/catalog/tlds/${tld.id}`} className="font-mono font-medium text-accent hover:underline">
                    .{tld.name}
                  </Link>
                  {tld.unicode ? <span className="block text-xs text-muted">.{tld.unicode}</span> : null}
                </TD>
                <TD className="font-mono text-xs">{tld.registrar}</TD>
                <TD className="text-right tabular-nums">{tld.maxYears}</TD>
                {TLD_ACTIONS.map((action) => {
                  const prices = oneYear(tld, action);
                  return (
                    <TD key={action} data-testid={`tld-${action}-1y`}>
                      {prices.length === 0 ? (
                        <span className="text-muted">{t("list.notSold")}</span>
                      ) : (
                        <ul className="space-y-0.5 tabular-nums">
                          {prices.map((price) => (
                            <li key={price.currency}>{formatMoney(price.amountMinor, price.currency, locale)}</li>
                          ))}
                        </ul>
                      )}
                    </TD>
                  );
                })}
                <TD className="text-right tabular-nums">{tld.domainCount}</TD>
                <TD>
                  <Badge tone={tld.active ? "success" : "neutral"}>{tld.active ? t("status.active") : t("status.inactive")}</Badge>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
