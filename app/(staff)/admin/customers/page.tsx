import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button, EmptyState, FormField, Input, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { listCustomersForStaff, staffCustomerListParamsSchema } from "@/lib/admin/customers";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffCustomers");
  return { title: `${t("title")} · Portico` };
}

/** Every customer: search by name, contract number, VAT ID or a contact's email. */
export default async function StaffCustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.customers");
  const query = await searchParams;
  const params = staffCustomerListParamsSchema.parse(query);
  const [list, t, locale] = await Promise.all([listCustomersForStaff(actor, params), getTranslations("staffCustomers"), getLocale()]);

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button href="/admin/customers/access-requests" variant="secondary" size="sm">
              {t("accessRequests")}
            </Button>
            <Button href="/admin/customers/profile-changes" variant="secondary" size="sm">
              {t("profileChanges")}
            </Button>
          </div>
        }
      />
      <form method="get" action="/admin/customers" role="search" aria-label={t("searchLabel")} className="mb-4 flex flex-col gap-3 rounded-lg border border-border bg-surface p-3 sm:flex-row sm:items-end">
        <FormField id="customers-q" label={t("search")} hint={t("searchHint")} className="flex-1">
          <Input name="q" type="search" defaultValue={params.q} maxLength={100} autoComplete="off" />
        </FormField>
        <Button type="submit" variant="secondary">
          {t("apply")}
        </Button>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={params.q ? t("emptySearch") : t("empty")} />
      ) : (
        <Table caption={t("caption", { total: list.total })}>
          <THead>
            <TR>
              <TH>{t("customer")}</TH>
              <TH>{t("contract")}</TH>
              <TH>{t("email")}</TH>
              <TH>{t("counts")}</TH>
              <TH>{t("since")}</TH>
            </TR>
          </THead>
          <TBody>
            {list.items.map((c) => (
              <TR key={c.id} data-testid="staff-customer-row">
                <TD>
                  <Link href={`/admin/customers/${c.id}`} className="font-medium text-accent hover:underline">
                    {c.name}
                  </Link>
                  <span className="block text-xs text-muted">
                    {c.country} · {c.currency}
                  </span>
                </TD>
                <TD className="whitespace-nowrap font-mono text-sm">{c.contractNumber}</TD>
                <TD className="break-all text-sm">{c.email}</TD>
                <TD className="text-sm">{t("countsValue", { contacts: c._count.memberships, services: c._count.services, domains: c._count.domains })}</TD>
                <TD className="whitespace-nowrap text-sm">{formatDate(c.createdAt, locale, actor.timeZone)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={list.page} pageCount={Math.ceil(list.total / list.pageSize)} pathname="/admin/customers" searchParams={query} />
    </div>
  );
}
