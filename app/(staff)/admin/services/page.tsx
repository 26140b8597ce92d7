import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button, EmptyState, FormField, Input, PageHeader, Pagination, Select, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { formatCalendarDate } from "@/lib/format";
import { listServicesForStaff } from "@/lib/services/staff-services";
import {
  PROVISIONING_FILTERS,
  SERVICE_KIND_FILTERS,
  SERVICE_STATUS_FILTERS,
  STAFF_SERVICE_SORTS,
  type StaffServiceListParams,
  staffServiceListParamsSchema,
} from "@/lib/services/staff-services-schemas";
import { ProvisioningBadge, ServiceStatusBadge } from "./[id]/service-badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffServices.list");
  return { title: `${t("title")} · Portico` };
}

type SearchParams = Record<string, string | string[] | undefined>;

const DEFAULTS: Omit<StaffServiceListParams, "page"> = { q: "", status: "any", kind: "any", product: "", server: "", provisioning: "any", customer: "", sort: "newest" };
const FILTER_KEYS = Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[];

/** The list's URL for `params`, leaving out defaults so links stay short. */
function listHref(params: Omit<StaffServiceListParams, "page">): string {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) if (params[key] !== DEFAULTS[key]) search.set(key, params[key]);
  const qs = search.toString();
  return qs ? `/admin/services?${qs}` : "/admin/services";
}

export default async function StaffServicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireStaffActor("staff.services");
  const query = await searchParams;
  const params = staffServiceListParamsSchema.parse(query);
  const [list, t, locale] = await Promise.all([listServicesForStaff(actor, params), getTranslations("staffServices"), getLocale()]);
  const filtered = FILTER_KEYS.some((key) => key !== "sort" && params[key] !== DEFAULTS[key]);
  const nextDueSort = params.sort === "dueAsc" ? "dueDesc" : "dueAsc";
  const dueSortMark = params.sort === "dueAsc" ? " ↑" : params.sort === "dueDesc" ? " ↓" : "";

  return (
    <div>
      <PageHeader
        title={t("list.title")}
        description={t("list.description")}
        actions={
          <>
            <Button href="/admin/services/cancellations" variant="secondary" size="sm">
              {t("cancellationRequests.link")}
            </Button>
            <Button href="/admin/services/usage-import" variant="secondary" size="sm">
              {t("usageImport.link")}
            </Button>
          </>
        }
      />

      <form method="get" action="/admin/services" role="search" aria-label={t("list.filtersLabel")} className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-border bg-surface p-3 sm:grid-cols-3 lg:grid-cols-6">
        <FormField id="services-q" label={t("list.filters.search")} hint={t("list.filters.searchHint")} className="col-span-2 sm:col-span-3 lg:col-span-6">
          <Input name="q" type="search" defaultValue={params.q} maxLength={100} />
        </FormField>
        <FormField id="services-status" label={t("list.filters.status")}>
          <Select name="status" defaultValue={params.status}>
            {SERVICE_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "any" ? t("list.filters.any") : t(`status.${s}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="services-kind" label={t("list.filters.kind")}>
          <Select name="kind" defaultValue={params.kind}>
            {SERVICE_KIND_FILTERS.map((k) => (
              <option key={k} value={k}>
                {k === "any" ? t("list.filters.any") : t(`kind.${k}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="services-product" label={t("list.filters.product")}>
          <Select name="product" defaultValue={params.product}>
            <option value="">{t("list.filters.any")}</option>
            {list.options.products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="services-server" label={t("list.filters.server")}>
          <Select name="server" defaultValue={params.server}>
            <option value="">{t("list.filters.any")}</option>
            {list.options.servers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="services-provisioning" label={t("list.filters.provisioning")}>
          <Select name="provisioning" defaultValue={params.provisioning}>
            {PROVISIONING_FILTERS.map((p) => (
              <option key={p} value={p}>
                {p === "any" ? t("list.filters.any") : t(`list.provisioningFilter.${p}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="services-sort" label={t("list.filters.sort")}>
          <Select name="sort" defaultValue={params.sort}>
            {STAFF_SERVICE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`list.sort.${s}`)}
              </option>
            ))}
          </Select>
        </FormField>
        {params.customer ? <input type="hidden" name="customer" value={params.customer} /> : null}
        <div className="col-span-2 flex items-end gap-2 sm:col-span-3 lg:col-span-6">
          <Button type="submit">{t("list.filters.apply")}</Button>
          {filtered ? (
            <Button href="/admin/services" variant="ghost">
              {t("list.filters.reset")}
            </Button>
          ) : null}
        </div>
      </form>

      {list.customer ? (
        <p className="mb-3 text-sm">
          {t("list.customerFilter", { name: list.customer.name, contract: list.customer.contractNumber })}{" "}
          <Link href={listHref({ ...params, customer: "" })} className="text-accent hover:underline">
            {t("list.customerFilterClear")}
          </Link>
        </p>
      ) : null}

      <p className="mb-2 text-sm text-muted" aria-live="polite">
        {t("list.total", { count: list.total })}
      </p>

      {list.items.length === 0 ? (
        <EmptyState title={filtered ? t("list.emptyFiltered") : t("list.empty")} description={filtered ? t("list.emptyFilteredHint") : t("list.emptyHint")} />
      ) : (
        <Table caption={t("list.tableCaption")}>
          <THead>
            <tr>
              <TH>{t("list.columns.service")}</TH>
              <TH>{t("list.columns.customer")}</TH>
              <TH>{t("list.columns.product")}</TH>
              <TH>{t("list.columns.server")}</TH>
              <TH>{t("list.columns.status")}</TH>
              <TH aria-sort={params.sort === "dueAsc" ? "ascending" : params.sort === "dueDesc" ? "descending" : undefined}>
                <Link href={listHref({ ...params, sort: nextDueSort })} className="hover:underline">
                  {t("list.columns.due")}
                  {dueSortMark}
                </Link>
              </TH>
            </tr>
          </THead>
          <TBody>
            {list.items.map((service) => (
              <TR key={service.id} data-testid="service-row">
                <TD className="max-w-xs whitespace-normal">
                  <Link href={`/admin/services/${service.id}`} className="font-medium text-accent hover:underline">
                    {service.name}
                  </Link>
                  <span className="block text-xs text-muted">
                    {t(`kind.${service.kind}`)}
                    {service.domain ? ` · ${service.domain}` : service.label ? ` · ${service.label}` : ""}
                  </span>
                  {service.username ? <span className="block font-mono text-xs text-muted">{service.username}</span> : null}
                </TD>
                <TD>
                  <Link href={listHref({ ...DEFAULTS, customer: service.customer.id })} className="block hover:underline">
                    {service.customer.name}
                  </Link>
                  <span className="block font-mono text-xs text-muted">{service.customer.contractNumber}</span>
                </TD>
                <TD>{service.product?.name ?? "—"}</TD>
                <TD>{service.server?.name ?? "—"}</TD>
                <TD>
                  <span className="flex flex-wrap gap-1">
                    <ServiceStatusBadge status={service.status} />
                    {/* A finished call needs no attention in the list; the service page shows every state. */}
                    {service.provisioningState === "done" ? null : <ProvisioningBadge state={service.provisioningState} />}
                  </span>
                </TD>
                <TD>{service.nextDueDate ? formatCalendarDate(service.nextDueDate, locale) : "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={list.page} pageCount={Math.ceil(list.total / list.pageSize)} pathname="/admin/services" searchParams={query} />
    </div>
  );
}
