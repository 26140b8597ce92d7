import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Button, EmptyState, FormField, Input, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { type DomainProgress, listDomains } from "@/lib/domains/queries";
import { DOMAIN_FILTERS, DOMAIN_LIST_QUERY_MAX, type DomainFilter, domainListParamsSchema } from "@/lib/domains/schemas";
import { formatDate, formatDateTime } from "@/lib/format";
import { DomainStatusBadge } from "./domain-status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.domains");
  return { title: `${t("title")} · Portico` };
}

/** `/domains` with the filter (active is the default) and the search kept; page 1 has no `page`. */
function listHref(filter: DomainFilter, q: string): string {
  const params = new URLSearchParams();
  if (filter !== "active") params.set("filter", filter);
  if (q) params.set("q", q);
  const query = params.toString();
  return query ? `/domains?${query}` : "/domains";
}

export default async function DomainsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("domains.view");
  const params = domainListParamsSchema.parse(await searchParams);
  const [result, t, locale, timeZone] = await Promise.all([listDomains(actor, params), getTranslations("sections"), getLocale(), getTimeZone()]);

  const progressText = (progress: DomainProgress) => {
    switch (progress.kind) {
      case "registering":
        return t("domains.progress.registering");
      case "transfer_queued":
        return t("domains.progress.transferQueued");
      case "transfer_requested":
        return t("domains.progress.transferRequested", { date: formatDate(progress.at, locale, timeZone) });
      case "retrying":
        return t("domains.progress.retrying", { time: formatDateTime(progress.at, locale, timeZone, "short") });
      case "failed":
        return progress.reason && t.has(`domains.failure.${progress.reason}`) ? t(`domains.failure.${progress.reason}`) : t("domains.failure.other");
    }
  };

  return (
    <div>
      <PageHeader
        title={t("domains.title")}
        description={t("domains.description")}
        actions={
          <>
            <Button href="/domains/search" variant="secondary">
              {t("domains.searchAction")}
            </Button>
            <Button href="/domains/transfer" variant="secondary">
              {t("domains.transferAction")}
            </Button>
          </>
        }
      />
      <form method="get" action="/domains" role="search" aria-label={t("domains.find.label")} className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-end">
        {params.filter !== "active" ? <input type="hidden" name="filter" value={params.filter} /> : null}
        <FormField id="domains-q" label={t("domains.find.field")} className="sm:w-80">
          <Input name="q" type="search" defaultValue={params.q} maxLength={DOMAIN_LIST_QUERY_MAX} placeholder={t("domains.find.placeholder")} />
        </FormField>
        <Button type="submit" variant="secondary">
          {t("domains.find.submit")}
        </Button>
        {params.q ? (
          <Link href={listHref(params.filter, "")} className="self-center text-sm font-medium text-link hover:underline sm:pb-2">
            {t("domains.find.clear")}
          </Link>
        ) : null}
      </form>
      <nav aria-label={t("common.filterLabel")} className="mb-4 flex flex-wrap gap-2">
        {DOMAIN_FILTERS.map((filter) => (
          <Button
            key={filter}
            href={listHref(filter, params.q)}
            size="sm"
            variant={filter === params.filter ? "primary" : "secondary"}
            aria-current={filter === params.filter ? "page" : undefined}
          >
            {t(`domains.filters.${filter}`)}
          </Button>
        ))}
      </nav>
      {result.items.length === 0 ? (
        params.q ? (
          <EmptyState
            title={t("domains.emptySearch", { q: params.q })}
            action={
              params.filter !== "all" ? (
                <Button href={listHref("all", params.q)} variant="secondary" size="sm">
                  {t("domains.searchAll")}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <EmptyState title={t(`domains.empty.${params.filter}`)} description={t("domains.emptyHint")} />
        )
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
              <TR key={domain.id} data-testid="domain-row">
                <TD>
                  <Link href={`/domains/${domain.id}`} className="font-medium break-all text-accent hover:underline">
                    {domain.name}
                  </Link>
                </TD>
                <TD>
                  <DomainStatusBadge status={domain.status} />
                  {domain.progress ? (
                    <span className="mt-1 block text-xs text-muted" data-testid="domain-progress">
                      {progressText(domain.progress)}
                    </span>
                  ) : null}
                </TD>
                <TD>{domain.expiresAt ? formatDate(domain.expiresAt, locale, timeZone) : t("common.none")}</TD>
                <TD>{domain.autoRenew ? t("domains.autoRenewOn") : t("domains.autoRenewOff")}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination
        page={result.page}
        pageCount={Math.ceil(result.total / result.pageSize)}
        pathname="/domains"
        searchParams={{ filter: params.filter !== "active" ? params.filter : undefined, q: params.q || undefined }}
      />
    </div>
  );
}
