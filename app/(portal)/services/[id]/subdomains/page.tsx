import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { type HostingPageProps, HostingNotices, UsageCount, hostingMetadata, pageOf } from "@/components/services/hosting/hosting-page-parts";
import { DeleteResource } from "@/components/services/hosting/resource-actions";
import { CreateSubdomainForm } from "@/components/services/hosting/subdomain-forms";
import { Card, EmptyState, Pagination, Table, TBody, TD, TH, THead, TR, parsePage } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { getHostingSubdomains } from "@/lib/services/hosting";

export const generateMetadata = () => hostingMetadata("subdomains");

export default async function HostingSubdomainsPage({ params, searchParams }: HostingPageProps) {
  const actor = await requireCustomerActor("services.view");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [view, t, locale, timeZone] = await Promise.all([getHostingSubdomains(actor, id), getTranslations("hosting"), getLocale(), getTimeZone()]);
  if (!view) notFound();
  const { service } = view;
  const domain = service.domain ?? "";
  const list = view.data ? pageOf(view.data.subdomains, parsePage(query.page)) : null;
  const dns = view.data?.dns ?? null;

  return (
    <div className="space-y-6">
      <HostingNotices service={service} errorKey={view.errorKey} />
      <Card
        id="subdomains"
        title={t("subdomains.title")}
        description={t("subdomains.description", { domain })}
        action={view.data ? <UsageCount count={view.data.subdomains.length} limit={service.limits.subdomains} /> : null}
      >
        {list && list.items.length === 0 ? <EmptyState title={t("subdomains.empty")} description={service.canManage ? t("subdomains.emptyHint") : undefined} /> : null}
        {list && list.items.length > 0 ? (
          <Table caption={t("subdomains.title")}>
            <THead>
              <TR>
                <TH>{t("subdomains.name")}</TH>
                <TH>{t("subdomains.documentRoot")}</TH>
                <TH>{t("common.created")}</TH>
                {service.canManage ? <TH>{t("common.actions")}</TH> : null}
              </TR>
            </THead>
            <TBody>
              {list.items.map((subdomain) => (
                <TR key={subdomain.id} data-testid="subdomain-row">
                  <TD className="font-medium break-all">{subdomain.fqdn}</TD>
                  <TD className="font-mono text-xs">{subdomain.documentRoot}</TD>
                  <TD>{formatDate(subdomain.createdAt, locale, timeZone)}</TD>
                  {service.canManage ? (
                    <TD>
                      <DeleteResource kind="subdomain" serviceId={service.id} resourceId={subdomain.id} name={subdomain.fqdn} />
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
        {list ? <Pagination page={list.page} pageCount={list.pageCount} pathname={`/services/${service.id}/subdomains`} searchParams={query} /> : null}
      </Card>
      {service.canManage && view.data ? (
        <Card>
          <CreateSubdomainForm serviceId={service.id} domain={domain} />
        </Card>
      ) : null}
      <Card id="dns" title={t("dns.title")}>
        {dns ? (
          <p className="text-sm">
            {t("dns.managed", { domain: dns.name })}{" "}
            <Link href={`/domains/${dns.domainId}`} className="font-medium text-accent underline-offset-2 hover:underline" data-testid="dns-link">
              {t("dns.link", { domain: dns.name })}
            </Link>
          </p>
        ) : (
          <p className="text-sm text-muted" data-testid="dns-note">
            {view.data && !view.data.canViewDomains ? t("dns.noPermission") : t("dns.external", { domain })}
          </p>
        )}
      </Card>
    </div>
  );
}
