import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Alert, Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { bpToPercent, milliToQuantity } from "@/lib/billing/quote-schemas";
import { getQuoteForStaff } from "@/lib/billing/quote-staff";
import { currencyDigits, formatCalendarDate, formatDate, formatDateTime, formatMoney, minorToDecimalString } from "@/lib/format";
import { QuoteLines } from "@/app/(portal)/billing/quotes/quote-lines";
import { QuoteStatusBadge } from "@/app/(portal)/billing/quotes/quote-status-badge";
import { DeleteQuoteButton, SendQuoteButton } from "../quote-buttons";
import { QuoteForm } from "../quote-form";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quotes.staff");
  return { title: `${t("title")} · Portico` };
}

export default async function StaffQuotePage({ params }: Props) {
  const actor = await requireStaffActor("staff.billing");
  const { id } = await params;
  const [quote, t, locale, timeZone] = await Promise.all([getQuoteForStaff(actor, id), getTranslations("quotes.staff"), getLocale(), getTimeZone()]);
  if (!quote) notFound();
  const back = { href: "/admin/quotes", label: t("title") };
  const customerLine = `${quote.customer.name} · ${quote.customer.contractNumber}`;

  if (quote.storedStatus === "draft") {
    const defaultRate = quote.customer.defaultRateBp === null ? "" : bpToPercent(quote.customer.defaultRateBp);
    return (
      <div className="space-y-4">
        <PageHeader
          title={t("detail.draftTitle")}
          description={
            <span className="flex flex-wrap items-center gap-2">
              <QuoteStatusBadge status="draft" />
              <span>{customerLine}</span>
            </span>
          }
          back={back}
        />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <Card>
            <QuoteForm
              currency={quote.currency}
              defaultRate={defaultRate}
              defaults={{
                id: quote.id,
                customerId: quote.customer.id,
                subject: quote.subject,
                validUntil: quote.validUntil.toISOString().slice(0, 10),
                notes: quote.notes ?? "",
                lines: quote.lines.map((l) => ({
                  description: l.description,
                  quantity: milliToQuantity(l.quantityMilli),
                  unitPrice: minorToDecimalString(l.unitPriceMinor, currencyDigits(quote.currency)),
                  taxRate: bpToPercent(l.taxRateBp),
                })),
              }}
            />
          </Card>
          <aside className="space-y-4">
            <Card title={t("detail.savedTotals")}>
              <QuoteLines lines={quote.lines} totals={quote.totals} currency={quote.currency} locale={locale} />
            </Card>
            <Card title={t("send.title")} description={t("send.description")}>
              <SendQuoteButton id={quote.id} customer={customerLine} />
            </Card>
            <Card>
              <DeleteQuoteButton id={quote.id} subject={quote.subject} />
            </Card>
          </aside>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader title={quote.number ?? t("draftNumber")} description={quote.subject} back={back} />
      {quote.status === "accepted" && quote.invoice ? (
        <Alert tone="success">
          {t("detail.acceptedNotice")}{" "}
          <Link href={`/admin/invoices/${quote.invoice.id}`} className="font-medium text-accent underline">
            {t("detail.invoiceLink", { number: quote.invoice.number ?? "" })}
          </Link>
        </Alert>
      ) : null}
      {quote.status === "declined" ? <Alert tone="info">{quote.declineReason ? t("detail.declinedWithReason", { reason: quote.declineReason }) : t("detail.declinedNoReason")}</Alert> : null}
      {quote.status === "expired" ? <Alert tone="warning">{t("detail.expiredNotice")}</Alert> : null}
      <Card title={t("detail.overview")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted">{t("detail.customer")}</dt>
          <dd>{customerLine}</dd>
          <dt className="text-muted">{t("detail.status")}</dt>
          <dd>
            <QuoteStatusBadge status={quote.status} />
          </dd>
          {quote.sentAt ? (
            <>
              <dt className="text-muted">{t("detail.sent")}</dt>
              <dd>{formatDateTime(quote.sentAt, locale, timeZone)}</dd>
            </>
          ) : null}
          <dt className="text-muted">{t("detail.validUntil")}</dt>
          <dd>{formatCalendarDate(quote.validUntil, locale, "long")}</dd>
          {quote.acceptedAt ? (
            <>
              <dt className="text-muted">{t("detail.accepted")}</dt>
              <dd>{formatDateTime(quote.acceptedAt, locale, timeZone)}</dd>
            </>
          ) : null}
          {quote.declinedAt ? (
            <>
              <dt className="text-muted">{t("detail.declined")}</dt>
              <dd>{formatDate(quote.declinedAt, locale, timeZone, "long")}</dd>
            </>
          ) : null}
          <dt className="text-muted">{t("detail.total")}</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatMoney(quote.totals.totalMinor, quote.currency, locale)}</dd>
        </dl>
        {quote.notes ? <p className="mt-4 whitespace-pre-line border-t border-border pt-4 text-sm">{quote.notes}</p> : null}
      </Card>
      <Card title={t("detail.lines")}>
        <QuoteLines lines={quote.lines} totals={quote.totals} currency={quote.currency} locale={locale} />
      </Card>
    </div>
  );
}
