import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button, Card, EmptyState, FormField, Input, PageHeader, Pagination, Select, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { listInvoicesForStaff } from "@/lib/billing/admin-queries";
import { ADMIN_KIND_FILTERS, ADMIN_SORTS, ADMIN_STATUS_FILTERS, type AdminInvoiceListParams, adminInvoiceListParamsSchema } from "@/lib/billing/admin-schemas";
import { SUPPORTED_CURRENCIES } from "@/lib/billing/money";
import { formatCalendarDate, formatDate, formatMoney } from "@/lib/format";
import { safeTimeZone } from "@/i18n/locales";
import { InvoiceKindLabel, InvoiceStatusBadge } from "./invoice-badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffBilling.list");
  return { title: `${t("title")} · Portico` };
}

type SearchParams = Record<string, string | string[] | undefined>;

const DEFAULTS: Omit<AdminInvoiceListParams, "page"> = { q: "", status: "any", kind: "any", currency: "", customer: "", from: "", to: "", sort: "newest" };
const FILTER_KEYS = Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[];

/** The list's URL for `params`, leaving out defaults so links stay short. */
function listHref(params: Omit<AdminInvoiceListParams, "page">): string {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) if (params[key] !== DEFAULTS[key]) search.set(key, params[key]);
  const qs = search.toString();
  return qs ? `/admin/invoices?${qs}` : "/admin/invoices";
}

export default async function AdminInvoicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireStaffActor("staff.billing");
  const query = await searchParams;
  const params = adminInvoiceListParamsSchema.parse(query);
  const [list, t, locale] = await Promise.all([listInvoicesForStaff(actor, params), getTranslations("staffBilling"), getLocale()]);
  const timeZone = safeTimeZone(actor.timeZone);
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
            <Button href="/admin/invoices/new">{t("list.newDraft")}</Button>
            <Button href="/admin/invoices/import" variant="secondary">
              {t("import.title")}
            </Button>
            <Button href="/admin/invoices/report" variant="secondary">
              {t("report.title")}
            </Button>
          </>
        }
      />

      <form method="get" action="/admin/invoices" role="search" aria-label={t("list.filtersLabel")} className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-border bg-surface p-3 sm:grid-cols-3 lg:grid-cols-6">
        <FormField id="invoices-q" label={t("list.filters.search")} hint={t("list.filters.searchHint")} className="col-span-2 sm:col-span-3 lg:col-span-6">
          <Input name="q" type="search" defaultValue={params.q} maxLength={100} />
        </FormField>
        <FormField id="invoices-status" label={t("list.filters.status")}>
          <Select name="status" defaultValue={params.status}>
            {ADMIN_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "any" ? t("list.filters.any") : t(`status.${s}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="invoices-kind" label={t("list.filters.kind")}>
          <Select name="kind" defaultValue={params.kind}>
            {ADMIN_KIND_FILTERS.map((k) => (
              <option key={k} value={k}>
                {k === "any" ? t("list.filters.any") : t(`kind.${k}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="invoices-currency" label={t("list.filters.currency")}>
          <Select name="currency" defaultValue={params.currency}>
            <option value="">{t("list.filters.any")}</option>
            {SUPPORTED_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="invoices-from" label={t("list.filters.issuedFrom")}>
          <Input name="from" type="date" defaultValue={params.from} />
        </FormField>
        <FormField id="invoices-to" label={t("list.filters.issuedTo")}>
          <Input name="to" type="date" defaultValue={params.to} />
        </FormField>
        <FormField id="invoices-sort" label={t("list.filters.sort")}>
          <Select name="sort" defaultValue={params.sort}>
            {ADMIN_SORTS.map((s) => (
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
            <Button href="/admin/invoices" variant="ghost">
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
          {" · "}
          <Link href={`/admin/invoices/credit?customer=${list.customer.id}`} className="text-accent hover:underline">
            {t("credit.title")}
          </Link>
        </p>
      ) : null}

      {list.totals.length ? (
        <Card title={t("list.totals.title")} description={t("list.totals.description")} className="mb-4">
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="invoice-totals">
            {list.totals.map((total) => (
              <div key={total.currency} className="rounded-md border border-border p-3">
                <dt className="text-xs font-medium text-muted">{t("list.totals.count", { currency: total.currency, count: total.count })}</dt>
                <dd className="mt-1 text-lg font-semibold tabular-nums">{formatMoney(total.totalMinor, total.currency, locale)}</dd>
                <dd className="text-xs text-muted tabular-nums">
                  {t("list.totals.paid", { amount: formatMoney(total.paidMinor, total.currency, locale) })} · {t("list.totals.outstanding", { amount: formatMoney(total.outstandingMinor, total.currency, locale) })}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      ) : null}

      <p className="mb-2 text-sm text-muted" aria-live="polite">
        {t("list.total", { count: list.total })}
      </p>

      {list.items.length === 0 ? (
        <EmptyState
          title={filtered ? t("list.emptyFiltered") : t("list.empty")}
          description={filtered ? t("list.emptyFilteredHint") : t("list.emptyHint")}
          action={filtered ? undefined : <Button href="/admin/invoices/new">{t("list.newDraft")}</Button>}
        />
      ) : (
        <Table caption={t("list.tableCaption")}>
          <THead>
            <tr>
              <TH>{t("list.columns.number")}</TH>
              <TH>{t("list.columns.customer")}</TH>
              <TH>{t("list.columns.kind")}</TH>
              <TH>{t("list.columns.status")}</TH>
              <TH>{t("list.columns.issued")}</TH>
              <TH aria-sort={params.sort === "dueAsc" ? "ascending" : params.sort === "dueDesc" ? "descending" : undefined}>
                <Link href={listHref({ ...params, sort: nextDueSort })} className="hover:underline">
                  {t("list.columns.due")}
                  {dueSortMark}
                </Link>
              </TH>
              <TH className="text-right">{t("list.columns.total")}</TH>
              <TH className="text-right">{t("list.columns.balance")}</TH>
            </tr>
          </THead>
          <TBody>
            {list.items.map((invoice) => (
              <TR key={invoice.id} data-testid="invoice-row" className={invoice.overdue ? "bg-danger-soft/40" : undefined}>
                <TD>
                  <Link href={`/admin/invoices/${invoice.id}`} className="font-mono font-medium text-accent hover:underline">
                    {invoice.number ?? t("list.draftNumber")}
                  </Link>
                </TD>
                <TD>
                  <Link href={listHref({ ...DEFAULTS, customer: invoice.customer.id })} className="block hover:underline">
                    {invoice.customer.name}
                  </Link>
                  <span className="block font-mono text-xs text-muted">{invoice.customer.contractNumber}</span>
                </TD>
                <TD>
                  <InvoiceKindLabel kind={invoice.kind} status={invoice.status} />
                </TD>
                <TD>
                  <InvoiceStatusBadge status={invoice.status} overdue={invoice.overdue} />
                </TD>
                <TD>{invoice.issuedAt ? formatDate(invoice.issuedAt, locale, timeZone) : "—"}</TD>
                <TD>{formatCalendarDate(invoice.dueDate, locale)}</TD>
                <TD className="text-right tabular-nums">{formatMoney(invoice.totalMinor, invoice.currency, locale)}</TD>
                <TD className="text-right tabular-nums">{invoice.status === "unpaid" ? formatMoney(invoice.totalMinor - invoice.amountPaidMinor, invoice.currency, locale) : "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={list.page} pageCount={Math.ceil(list.total / list.pageSize)} pathname="/admin/invoices" searchParams={query} />
    </div>
  );
}
