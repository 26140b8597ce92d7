import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert, Button, Card, EmptyState, FormField, Input, PageHeader } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { getDraftCustomer, searchCustomersForStaff } from "@/lib/billing/admin-queries";
import { bpToVatPercent } from "@/lib/billing/admin-schemas";
import { isSupportedCurrency } from "@/lib/billing/money";
import { todayIn } from "@/lib/format";
import { DraftForm } from "../draft-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffBilling.draft");
  return { title: `${t("createTitle")} · Portico` };
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** A date `days` after the ISO date `iso`. */
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export default async function NewDraftPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireStaffActor("staff.billing");
  const query = await searchParams;
  const customerId = first(query.customer);
  const q = first(query.q).slice(0, 100);
  const t = await getTranslations("staffBilling");
  const back = { href: "/admin/invoices", label: t("list.title") };

  if (customerId) {
    const customer = await getDraftCustomer(actor, customerId);
    if (!customer) notFound();
    if (!isSupportedCurrency(customer.currency)) return <Alert tone="danger">{t("errors.currencyUnsupported")}</Alert>;
    const today = todayIn(safeTimeZone(actor.timeZone));
    return (
      <div className="space-y-6">
        <PageHeader title={t("draft.createTitle")} description={t("draft.forCustomer", { name: customer.name, contract: customer.contractNumber })} back={back} />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <Card>
            <DraftForm
              mode="create"
              customer={{ id: customer.id, name: customer.name, contractNumber: customer.contractNumber, currency: customer.currency, defaultVatRate: customer.defaultRateBp === null ? "" : bpToVatPercent(customer.defaultRateBp) }}
              defaults={{
                invoiceId: "",
                customerId: customer.id,
                currency: customer.currency,
                dueDate: plusDays(today, 14),
                notes: "",
                lines: [{ description: "", periodStart: "", periodEnd: "", quantity: "1", unitPrice: "", vatRate: customer.defaultRateBp === null ? "" : bpToVatPercent(customer.defaultRateBp) }],
              }}
            />
          </Card>
          <aside>
            <Card title={t("customer.title")}>
              <dl className="space-y-2 text-sm">
                <div>
                  <dt className="text-muted">{t("customer.name")}</dt>
                  <dd>{customer.name}</dd>
                </div>
                <div>
                  <dt className="text-muted">{t("customer.contract")}</dt>
                  <dd className="font-mono">{customer.contractNumber}</dd>
                </div>
                <div>
                  <dt className="text-muted">{t("customer.country")}</dt>
                  <dd>
                    {customer.country}
                    {customer.vatId ? ` · ${customer.vatId}` : ""}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted">{t("customer.vat")}</dt>
                  <dd>{t(`treatment.${customer.treatment}`)}</dd>
                </div>
              </dl>
              {customer.defaultRateBp === null ? (
                <Alert tone="warning" className="mt-3">
                  {t("draft.noDefaultRate", { country: customer.country })}
                </Alert>
              ) : null}
            </Card>
          </aside>
        </div>
      </div>
    );
  }

  const customers = await searchCustomersForStaff(actor, q);
  return (
    <div className="space-y-6">
      <PageHeader title={t("draft.createTitle")} description={t("draft.pickCustomer")} back={back} />
      <form method="get" action="/admin/invoices/new" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <FormField id="customer-q" label={t("draft.customerSearch")} hint={t("draft.customerSearchHint")} className="flex-1">
          <Input name="q" type="search" defaultValue={q} maxLength={100} autoFocus />
        </FormField>
        <Button type="submit">{t("draft.search")}</Button>
      </form>
      {q ? (
        customers.length === 0 ? (
          <EmptyState title={t("draft.noCustomers")} />
        ) : (
          <ul className="divide-y divide-border rounded-md border border-border" aria-label={t("draft.customers")}>
            {customers.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div>
                  <p className="font-medium">{c.name}</p>
                  <p className="text-xs text-muted">
                    <span className="font-mono">{c.contractNumber}</span> · {c.country} · {c.currency}
                  </p>
                </div>
                <Link href={`/admin/invoices/new?customer=${c.id}`} className="text-sm font-medium text-accent hover:underline">
                  {t("draft.createFor", { name: c.name })}
                </Link>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
