import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Button, EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { listDomains } from "@/lib/domains/queries";
import { DOMAIN_FILTERS, domainListParamsSchema } from "@/lib/domains/schemas";
import { formatDate } from "@/lib/format";
import { DomainStatusBadge } from "./domain-status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.domains");
  return { title: `${t("title")} · Portico` };
}

export default async function DomainsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("domains.view");
  const query = await searchParams;
  const params = domainListParamsSchema.parse(query);
  const [result, t, locale, timeZone] = await Promise.all([listDomains(actor, params), getTranslations("sections"), getLocale(), getTimeZone()]);

  return (
    <div>
      <PageHeader
        title={t("domains.title")}
        description={t("domains.description")}
        actions={
          <Button href="/domains/search" variant="secondary">
            {t("domains.searchAction")}
          </Button>
        }
      />
      <nav aria-label={t("common.filterLabel")} className="mb-4 flex flex-wrap gap-2">
        {DOMAIN_FILTERS.map((filter) => (
          <Button
            key={filter}
            href={filter === "active" ? "/domains" : `/domains?filter=${filter}`}
            size="sm"
            variant={filter === params.filter ? "primary" : "secondary"}
            aria-current={filter === params.filter ? "page" : undefined}
          >
            {t(`domains.filters.${filter}`)}
          </Button>
        ))}
      </nav>
      {result.items.length === 0 ? (
        <EmptyState title={t(`domains.empty.${params.filter}`)} description={t("domains.emptyHint")} />
      ) : (
        <Table caption={t("domains.table.caption")}>
          <THead>
            <TR>
              <TH>{t("domains.table.domain")}</TH>
              <TH>{t("domains.table.status")}</TH>
              <TH>{t("domains.table.expires")}</TH>
              <TH>{t("domains.table.autoRenew")}</TH>
            </TR>
          </THead>
          <TBody>
            {result.items.map((domain) => (
              <TR key={domain.id}>
                <TD>
                  <Link href={`/domains/${domain.id}`} className="font-medium text-accent hover:underline">
                    {domain.name}
                  </Link>
                </TD>
                <TD>
                  <DomainStatusBadge status={domain.status} />
                </TD>
                <TD>{domain.expiresAt ? formatDate(domain.expiresAt, locale, timeZone) : t("common.none")}</TD>
                <TD>{domain.autoRenew ? t("common.yes") : t("common.no")}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/domains" searchParams={query} />
    </div>
  );
}
