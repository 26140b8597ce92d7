import type { Metadata } from "next";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Badge, Button, EmptyState, FormField, Input, PageHeader, Pagination, Select, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { STAFF_DOMAIN_FILTERS, listDomainsForStaff, staffDomainListParamsSchema } from "@/lib/domains/staff-domains";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { RegistrarRowActions } from "./registrar-row-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffDomains");
  return { title: `${t("title")} · Portico` };
}

/**
 * Every customer's domains: search by name, customer or contract number; filter by status, expiring
 * soon or pending transfers (with when each was asked for); sync, lock / unlock, retry a failed job.
 */
export default async function StaffDomainsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.customers");
  const query = await searchParams;
  const params = staffDomainListParamsSchema.parse(query);
  const [list, t, tStatus, locale, timeZone] = await Promise.all([
    listDomainsForStaff(actor, params),
    getTranslations("staffDomains"),
    getTranslations("sections.domains.status"),
    getLocale(),
    getTimeZone(),
  ]);
  const pendingOnly = params.status === "pending_transfer";

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
      <nav aria-label={t("quickFilters")} className="mb-4 flex flex-wrap gap-2">
        <Button href="/admin/domains" size="sm" variant={params.status === "any" && !params.q ? "primary" : "secondary"}>
          {t("any")}
        </Button>
        <Button href="/admin/domains?status=pending_transfer" size="sm" variant={pendingOnly ? "primary" : "secondary"} aria-current={pendingOnly ? "page" : undefined} data-testid="pending-transfers-filter">
          {t("pendingTransfers", { count: list.pendingTransfers })}
        </Button>
        <Button href="/admin/domains?status=expiring" size="sm" variant={params.status === "expiring" ? "primary" : "secondary"} aria-current={params.status === "expiring" ? "page" : undefined}>
          {t("expiring")}
        </Button>
      </nav>
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
                    {d.failureReason && d.status === "cancelled" ? <span className="block text-xs text-muted">{t.has(`failure.${d.failureReason}`) ? t(`failure.${d.failureReason}`) : d.failureReason}</span> : null}
                    {d.status === "pending_transfer" ? (
                      <span className="block text-xs text-muted" data-testid="transfer-requested">
                        {d.transferRequestedAt ? t("transferRequested", { at: formatDateTime(d.transferRequestedAt, locale, timeZone, "short") }) : t("transferNotSent")}
                      </span>
                    ) : null}
                  </TD>
                  <TD>
                    {d.expiresAt ? formatCalendarDate(d.expiresAt, locale) : "—"}
                    <span className="block text-xs text-muted">{d.autoRenew ? t("autoRenewOn") : t("autoRenewOff")}</span>
                  </TD>
                  <TD className="text-xs">
                    {d.locked ? t("locked") : t("unlocked")}
                    {job ? <span className={job.status === "failed" ? "block text-danger" : "block text-muted"}>{t(`job.${job.status}`, { operation: job.operation })}</span> : null}
                    {job?.status === "failed" && job.lastError ? <span className="block break-all text-muted">{job.lastError.slice(0, 160)}</span> : null}
                  </TD>
                  <TD>
                    <RegistrarRowActions
                      domainId={d.id}
                      name={d.name}
                      lockAction={d.status === "active" && !(job && job.status !== "failed" && (job.operation === "lock" || job.operation === "unlock")) ? (d.locked ? "unlock" : "lock") : null}
                      failedJobId={job?.status === "failed" ? job.id : null}
                    />
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
