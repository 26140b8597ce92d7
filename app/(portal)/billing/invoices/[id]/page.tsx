import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Alert, Card, PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { getInvoice } from "@/lib/billing/queries";
import { formatCalendarDate, formatDate, formatMoney } from "@/lib/format";
import { InvoiceStatusBadge } from "../invoice-status-badge";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.invoices");
  return { title: `${t("title")} · Portico` };
}

export default async function InvoicePage({ params }: Props) {
  const actor = await requireCustomerActor("billing.view");
  const { id } = await params;
  const [invoice, t, locale, timeZone] = await Promise.all([getInvoice(actor, id), getTranslations("sections"), getLocale(), getTimeZone()]);
  if (!invoice) notFound();
  const none = t("common.none");
  const dueDate = formatCalendarDate(invoice.dueDate, locale, "long");

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/billing/invoices", label: t("invoices.back") }}
        title={invoice.number ?? t("invoices.unnumbered", { id: invoice.id.slice(0, 8) })}
      />
      {invoice.overdue ? <Alert tone="danger">{t("invoices.detail.overdueNotice", { date: dueDate })}</Alert> : null}
      <Card title={t("invoices.detail.overview")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted">{t("invoices.detail.status")}</dt>
          <dd>
            <InvoiceStatusBadge status={invoice.status} overdue={invoice.overdue} />
          </dd>
          <dt className="text-muted">{t("invoices.detail.issued")}</dt>
          <dd>{invoice.issuedAt ? formatDate(invoice.issuedAt, locale, timeZone, "long") : none}</dd>
          <dt className="text-muted">{t("invoices.detail.due")}</dt>
          <dd>{dueDate}</dd>
          {invoice.paidAt ? (
            <>
              <dt className="text-muted">{t("invoices.detail.paid")}</dt>
              <dd>{formatDate(invoice.paidAt, locale, timeZone, "long")}</dd>
            </>
          ) : null}
          <dt className="text-muted">{t("invoices.detail.total")}</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatMoney(invoice.totalMinor, invoice.currency, locale)}</dd>
        </dl>
      </Card>
    </div>
  );
}
