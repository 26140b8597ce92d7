import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, Button, Card, EmptyState, FormField, Input, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { bpToPercent, newQuoteParamsSchema } from "@/lib/billing/quote-schemas";
import { customerForQuote, searchCustomersForQuote } from "@/lib/billing/quote-staff";
import { todayFor } from "@/lib/billing/quotes";
import { QuoteForm } from "../quote-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quotes.staff.newQuote");
  return { title: `${t("title")} · Portico` };
}

/** A new quote's validity: thirty days, a common offer period. */
const DEFAULT_VALID_DAYS = 30;

/** First the customer (searched by contract number or name), then the quote's form. */
export default async function NewQuotePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.billing");
  const params = newQuoteParamsSchema.parse(await searchParams);
  const [t, customer, matches] = await Promise.all([
    getTranslations("quotes.staff"),
    params.customer ? customerForQuote(actor, params.customer) : null,
    params.customer ? [] : searchCustomersForQuote(actor, params.q),
  ]);
  const back = { href: "/admin/quotes", label: t("title") };

  if (customer) {
    const validUntil = new Date(todayFor(actor).getTime() + DEFAULT_VALID_DAYS * 86_400_000).toISOString().slice(0, 10);
    const defaultRate = customer.defaultRateBp === null ? "" : bpToPercent(customer.defaultRateBp);
    return (
      <div className="max-w-4xl space-y-4">
        <PageHeader title={t("newQuote.title")} description={t("newQuote.for", { customer: customer.name, contract: customer.contractNumber, currency: customer.currency })} back={back} />
        {customer.defaultRateBp === null ? <Alert tone="warning">{t("form.noDefaultRate")}</Alert> : null}
        <Card>
          <QuoteForm
            currency={customer.currency}
            defaultRate={defaultRate}
            defaults={{ id: "", customerId: customer.id, subject: "", validUntil, notes: "", lines: [{ description: "", quantity: "1", unitPrice: "", taxRate: defaultRate }] }}
          />
        </Card>
        <p className="text-sm">
          <Link href="/admin/quotes/new" className="text-accent hover:underline">
            {t("newQuote.otherCustomer")}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t("newQuote.title")} description={t("newQuote.pickCustomer")} back={back} />
      {params.customer ? <Alert tone="danger">{t("newQuote.customerNotFound")}</Alert> : null}
      <form method="get" action="/admin/quotes/new" role="search" className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <FormField id="customer-q" label={t("newQuote.searchLabel")} className="flex-1">
          <Input name="q" type="search" defaultValue={params.q} placeholder={t("newQuote.searchPlaceholder")} autoFocus />
        </FormField>
        <Button type="submit">{t("newQuote.search")}</Button>
      </form>
      {params.q === "" ? null : matches.length === 0 ? (
        <EmptyState title={t("newQuote.noMatches")} />
      ) : (
        <ul className="divide-y divide-border rounded-md border border-border" aria-label={t("newQuote.results")}>
          {matches.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span>
                <span className="block font-medium">{c.name}</span>
                <span className="block font-mono text-xs text-muted">
                  {c.contractNumber} · {c.currency}
                </span>
              </span>
              <Button href={`/admin/quotes/new?customer=${c.id}`} size="sm" variant="secondary">
                {t("newQuote.choose")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
