import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Button, Card, PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { EppCode, NameserversForm, RenewAndLock } from "@/components/domains/domain-controls";
import { RenewDomainForm } from "@/components/domains/domain-order-controls";
import { getRenewOptions } from "@/lib/domains/domain-orders";
import { getDomainControls } from "@/lib/domains/manage";
import { getDomain } from "@/lib/domains/queries";
import { formatDate, formatMoney } from "@/lib/format";
import { DomainStatusBadge } from "../domain-status-badge";
import { DomainContactsLink } from "./contacts/contacts-link";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.domains");
  return { title: `${t("title")} · Portico` };
}

export default async function DomainPage({ params }: Props) {
  const actor = await requireCustomerActor("domains.view");
  const { id } = await params;
  const [domain, controls, renew, tOrders, t, tDns, tManage, locale, timeZone] = await Promise.all([
    getDomain(actor, id),
    getDomainControls(actor, id),
    getRenewOptions(actor, id),
    getTranslations("domainOrders"),
    getTranslations("sections"),
    getTranslations("dns"),
    getTranslations("domainManage"),
    getLocale(),
    getTimeZone(),
  ]);
  if (!domain) notFound();

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/domains", label: t("domains.back") }}
        title={domain.name}
        actions={
          <>
            <DomainContactsLink domainId={domain.id} />
            <Button href={`/domains/${domain.id}/dns`} variant="secondary" data-testid="domain-dns-link">
              {tDns("title")}
            </Button>
          </>
        }
      />
      <Card title={t("domains.detail.overview")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted">{t("domains.detail.status")}</dt>
          <dd>
            <DomainStatusBadge status={domain.status} />
          </dd>
          <dt className="text-muted">{t("domains.detail.expires")}</dt>
          <dd>{domain.expiresAt ? formatDate(domain.expiresAt, locale, timeZone, "long") : t("common.none")}</dd>
          <dt className="text-muted">{t("domains.detail.autoRenew")}</dt>
          <dd>{domain.autoRenew ? t("domains.detail.autoRenewOn") : t("domains.detail.autoRenewOff")}</dd>
          <dt className="text-muted">{t("domains.detail.created")}</dt>
          <dd>{formatDate(domain.createdAt, locale, timeZone)}</dd>
        </dl>
      </Card>
      {renew ? (
        <Card title={tOrders("renew.title")} description={tOrders("renew.description")} id="renew">
          {renew.kind === "choices" ? (
            <RenewDomainForm domainId={domain.id} choices={renew.choices.map((c) => ({ years: c.years, price: formatMoney(c.amountMinor, renew.currency, locale) }))} />
          ) : renew.kind === "open_invoice" ? (
            <p className="text-sm" data-testid="renewal-open">
              {tOrders("renew.open")}{" "}
              {renew.canSeeInvoice ? (
                <Link href={`/billing/invoices/${renew.invoiceId}`} className="text-accent hover:underline">
                  {tOrders("renew.viewInvoice")}
                </Link>
              ) : null}
            </p>
          ) : (
            <p className="text-sm text-muted">{tOrders("renew.notPriced")}</p>
          )}
        </Card>
      ) : null}
      {controls ? (
        <>
          <Card title={tManage("renewAndLockTitle")}>
            <RenewAndLock domainId={domain.id} autoRenew={controls.autoRenew} locked={controls.locked} lockPending={controls.lockPending} />
          </Card>
          <Card title={tManage("nsTitle")} description={tManage("nsDescription")}>
            <NameserversForm domainId={domain.id} domain={domain.name} nameservers={controls.nameservers} pending={controls.nameserversPending} />
          </Card>
          <Card title={tManage("eppTitle")} description={tManage("eppDescription")}>
            <EppCode domainId={domain.id} twoFactor={controls.twoFactor} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
