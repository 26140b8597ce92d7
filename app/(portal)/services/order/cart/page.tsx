import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DomainCartLineControls } from "@/components/domains/domain-order-controls";
import { CheckoutButton, RemoveCartItemButton } from "@/components/services/order/cart-buttons";
import { Alert, Badge, Button, Card, EmptyState, PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatMoney } from "@/lib/format";
import { getCart } from "@/lib/services/order-cart";
import { getOrder } from "@/lib/services/order-checkout";
import { checkoutAction, removeCartItemAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders");
  return { title: `${t("cart.title")} · Portico` };
}

/** VAT rate in basis points as a percentage in the locale. */
const percent = (rateBp: number, locale: string) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(rateBp / 10_000);

export default async function CartPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("orders.place");
  const { placed } = await searchParams;
  const [cart, placedOrder, t, tDomains, locale] = await Promise.all([
    getCart(actor),
    typeof placed === "string" ? getOrder(actor, placed) : Promise.resolve(null),
    getTranslations("orders"),
    getTranslations("domainOrders"),
    getLocale(),
  ]);
  const lineCount = cart.lines.length + cart.domainLines.length;
  // A hosting line that transfers its domain needs the transfer (with its auth code) as a domain line too.
  const transfersInCart = new Set(cart.domainLines.flatMap((l) => ((l.ok ? l.item.action : l.action) === "transfer" ? [l.ok ? l.item.name : l.name] : [])));
  const money = (minor: bigint) => formatMoney(minor, cart.currency, locale);

  return (
    <div>
      <PageHeader
        back={{ href: "/services/order", label: t("cart.back") }}
        title={t("cart.title")}
        actions={
          <Button href="/services/order" variant="secondary">
            {t("cart.continue")}
          </Button>
        }
      />
      {placedOrder ? (
        <Alert tone="success" className="mb-6">
          {t("cart.placed", { number: placedOrder.number })}
        </Alert>
      ) : null}
      {lineCount === 0 ? (
        <EmptyState
          title={t("cart.empty")}
          description={t("cart.emptyHint")}
          action={<Button href="/services/order">{t("cart.browse")}</Button>}
        />
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <Card title={t("cart.items", { count: lineCount })} id="cart-items" bodyClassName="p-0 sm:p-0">
            <ul className="divide-y divide-border">
              {cart.lines.map((line) =>
                line.ok ? (
                  <li key={line.item.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-5" data-testid="cart-item">
                    <div className="min-w-0 space-y-1">
                      <p className="font-medium">{line.item.productName}</p>
                      {line.item.domain ? (
                        <p className="break-all text-sm">
                          {line.item.domainAction ? t(`cart.domainWith.${line.item.domainAction}`, { domain: line.item.domain }) : t("cart.hostname", { domain: line.item.domain })}
                        </p>
                      ) : null}
                      {line.item.domain && line.item.domainAction === "transfer" && !transfersInCart.has(line.item.domain) ? (
                        <p className="text-sm text-warning" data-testid="transfer-needs-code">
                          {t("cart.transferNeedsCode", { domain: line.item.domain })}{" "}
                          <Link href={`/domains/transfer?name=${encodeURIComponent(line.item.domain)}`} className="text-accent underline">
                            {t("cart.addAuthCode")}
                          </Link>
                        </p>
                      ) : null}
                      <p className="text-sm text-muted">{t(`cycles.${line.item.cycle}`)}</p>
                      {line.item.priced.options
                        .filter((o) => o.monthlyMinor > 0n)
                        .map((o) => (
                          <p key={o.option} className="text-sm text-muted">
                            {t("cart.option", { option: o.optionName, choice: o.choiceLabel, price: money(o.monthlyMinor) })}
                          </p>
                        ))}
                    </div>
                    <div className="flex shrink-0 flex-col gap-2 sm:items-end">
                      <p className="font-semibold tabular-nums">{t("cart.perCycle", { price: money(line.item.priced.recurringMinor), cycle: t(`per.${line.item.cycle}`) })}</p>
                      {line.item.priced.setupFeeMinor > 0n ? <p className="text-sm text-muted tabular-nums">{t("cart.plusSetup", { amount: money(line.item.priced.setupFeeMinor) })}</p> : null}
                      <RemoveCartItemButton itemId={line.item.id} productName={line.item.productName} action={removeCartItemAction} />
                    </div>
                  </li>
                ) : (
                  <li key={line.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-5" data-testid="cart-item">
                    <div className="min-w-0 space-y-1">
                      <p className="font-medium">{line.productName ?? t("cart.unknownProduct")}</p>
                      <Badge tone="warning">{t("cart.unavailable")}</Badge>
                      <p className="text-sm text-muted">{t(line.reason)}</p>
                    </div>
                    <div className="shrink-0">
                      <RemoveCartItemButton itemId={line.id} productName={line.productName ?? t("cart.unknownProduct")} action={removeCartItemAction} />
                    </div>
                  </li>
                ),
              )}
              {cart.domainLines.map((line) => {
                const name = line.ok ? (line.item.unicode ?? line.item.name) : (line.unicode ?? line.name);
                const id = line.ok ? line.item.id : line.id;
                const action = line.ok ? line.item.action : line.action;
                const years = line.ok ? line.item.years : line.years;
                const choices = cart.yearChoices.get(line.ok ? line.item.name : line.name)?.[action] ?? [];
                return (
                  <li key={id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-5" data-testid="cart-item">
                    <div className="min-w-0 space-y-1">
                      <p className="font-medium">{tDomains(`cart.${action}`)}</p>
                      <p className="break-all text-sm">{name}</p>
                      {line.ok ? null : (
                        <>
                          <Badge tone="warning">{t("cart.unavailable")}</Badge>
                          <p className="text-sm text-muted">{tDomains.has(line.reason) ? tDomains(line.reason) : tDomains("errors.generic")}</p>
                        </>
                      )}
                    </div>
                    <div className="flex shrink-0 flex-col gap-2 sm:items-end">
                      {line.ok ? <p className="font-semibold tabular-nums">{money(line.item.amountMinor)}</p> : null}
                      <DomainCartLineControls itemId={id} name={name} years={years} choices={choices} />
                    </div>
                  </li>
                );
              })}
            </ul>
          </Card>

          <Card title={t("cart.summary")} id="cart-summary" className="lg:sticky lg:top-4">
            <dl className="space-y-2 text-sm">
              <div className="flex justify-between gap-4">
                <dt className="text-muted">{t("cart.subtotal")}</dt>
                <dd className="tabular-nums">{money(cart.totals.netMinor)}</dd>
              </div>
              {cart.totals.setupMinor > 0n ? (
                <div className="flex justify-between gap-4 text-xs text-muted">
                  <dt>{t("cart.includingSetup")}</dt>
                  <dd className="tabular-nums">{money(cart.totals.setupMinor)}</dd>
                </div>
              ) : null}
              <div className="flex justify-between gap-4">
                <dt className="text-muted">{t("cart.vat", { rate: percent(cart.totals.taxRateBp, locale) })}</dt>
                <dd className="tabular-nums">{money(cart.totals.taxMinor)}</dd>
              </div>
              <div className="flex justify-between gap-4 border-t border-border pt-2 text-base font-semibold">
                <dt>{t("cart.total")}</dt>
                <dd className="tabular-nums" data-testid="cart-total">
                  {money(cart.totals.grossMinor)}
                </dd>
              </div>
            </dl>
            <p className="mt-2 text-xs text-muted">{t("cart.invoiceNote")}</p>
            <div className="mt-4">
              {cart.canCheckout ? <CheckoutButton total={money(cart.totals.grossMinor)} action={checkoutAction} /> : <Alert tone="warning">{t("cart.removeUnavailable")}</Alert>}
            </div>
          </Card>
        </div>
      )}
    </div>
  );
}
