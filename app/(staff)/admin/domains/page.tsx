import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Button, EmptyState, FormField, Input, PageHeader, Pagination, Select, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { STAFF_DOMAIN_FILTERS, listDomainsForStaff, staffDomainListParamsSchema } from "@/lib/domains/staff-domains";
import { formatCalendarDate } from "@/lib/format";
import { syncDomainFormAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffDomains");
  return { title: `${t("title")} · Portico` };
}

/** Every customer's domains: search by name, customer or contract number; filter by status or expiring soon; sync with the registry. */
export default async function StaffDomainsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.customers");
  const query = await searchParams;
  const params = staffDomainListParamsSchema.parse(query);
  const [list, t, tStatus, locale] = await Promise.all([listDomainsForStaff(actor, params), getTranslations("staffDomains"), getTranslations("sections.domains.status"), getLocale()]);

  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <form method="get" action="/admin/domains" role="search" aria-label={t("filters")} className="mb-4 grid gap-3 rounded-lg border border-border bg-surface p-3 sm:grid-cols-[1fr_14rem_auto] sm:items-end">
        <FormField id="domains-q" label={t("search")}>
          <Input name="q" type="search" defaultValue={params.q} maxLength={100} />
        </FormField>
        <FormField id="domains-status" label={t("status")}>
          <Select name="status" defaultValue={params.status}>
            {STAFF_DOMAIN_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "any" ? t("any") : s === "expiring" ? t("expiring") : tStatus(s)}
              </option>
            ))}
          </Select>
        </FormField>
        <Button type="submit" variant="secondary">
          {t("apply")}
        </Button>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <Table caption={t("caption", { total: list.total })}>
          <THead>
            <TR>
              <TH>{t("domain")}</TH>
              <TH>{t("customer")}</TH>
              <TH>{t("status")}</TH>
              <TH>{t("expires")}</TH>
              <TH>{t("registry")}</TH>
              <TH>
                <span className="sr-only">{t("actions")}</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {list.items.map((d) => {
              const job = d.registrarJobs[0];
              return (
                <TR key={d.id} data-testid="staff-domain-row">
                  <TD className="font-medium break-all">{d.name}</TD>
                  <TD>
                    {d.customer.name} <span className="text-xs text-muted">{d.customer.contractNumber}</span>
                  </TD>
                  <TD>
                    <Badge tone={d.status === "active" ? "success" : d.status === "cancelled" || d.status === "expired" ? "danger" : "neutral"}>{tStatus(d.status)}</Badge>
                    {d.failureReason ? <span className="block text-xs text-muted">{t(`failure.${d.failureReason}`)}</span> : null}
                  </TD>
                  <TD>
                    {d.expiresAt ? formatCalendarDate(d.expiresAt, locale) : "—"}
                    <span className="block text-xs text-muted">{d.autoRenew ? t("autoRenewOn") : t("autoRenewOff")}</span>
                  </TD>
                  <TD className="text-xs">
                    {d.locked ? t("locked") : t("unlocked")}
                    {job ? <span className={job.status === "failed" ? "block text-danger" : "block text-muted"}>{t(`job.${job.status}`, { operation: job.operation })}</span> : null}
                  </TD>
                  <TD>
                    <form action={syncDomainFormAction}>
                      <input type="hidden" name="domainId" value={d.id} />
                      <Button type="submit" variant="secondary" size="sm" aria-label={t("syncNamed", { name: d.name })}>
                        {t("sync")}
                      </Button>
                    </form>
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
      <Pagination page={list.page} pageCount={Math.ceil(list.total / list.pageSize)} pathname="/admin/domains" searchParams={query} />
    </div>
  );
}
