import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Alert, Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { getQuote } from "@/lib/billing/quotes";
import { formatCalendarDate, formatDate, formatMoney } from "@/lib/format";
import { QuoteLines } from "../quote-lines";
import { QuoteStatusBadge } from "../quote-status-badge";
import { QuoteAnswer } from "./quote-answer";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quotes.customer");
  return { title: `${t("title")} · Portico` };
}

export default async function QuotePage({ params }: Props) {
  const actor = await requireCustomerActor("billing.view");
  const { id } = await params;
  const [quote, t, locale, timeZone] = await Promise.all([getQuote(actor, id), getTranslations("quotes.customer"), getLocale(), getTimeZone()]);
  if (!quote || !quote.number) notFound();
  const validUntil = formatCalendarDate(quote.validUntil, locale, "long");
  const amount = formatMoney(quote.totals.totalMinor, quote.currency, locale);

  return (
    <div className="space-y-6">
      <PageHeader back={{ href: "/billing/quotes", label: t("back") }} title={quote.number} description={quote.subject} />

      {quote.status === "expired" ? <Alert tone="warning">{t("notice.expired", { date: validUntil })}</Alert> : null}
      {quote.status === "declined" ? <Alert tone="info">{t("notice.declined", { date: quote.declinedAt ? formatDate(quote.declinedAt, locale, timeZone, "long") : validUntil })}</Alert> : null}
      {quote.status === "accepted" && quote.invoice ? (
        <Alert tone="success">
          {t("notice.accepted")}{" "}
          <Link href={`/billing/invoices/${quote.invoice.id}`} className="font-medium text-accent underline">
            {t("viewInvoice", { number: quote.invoice.number ?? "" })}
          </Link>
        </Alert>
      ) : null}

      <Card title={t("detail.overview")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted">{t("detail.status")}</dt>
          <dd>
            <QuoteStatusBadge status={quote.status} />
          </dd>
          {quote.sentAt ? (
            <>
              <dt className="text-muted">{t("detail.sent")}</dt>
              <dd>{formatDate(quote.sentAt, locale, timeZone, "long")}</dd>
            </>
          ) : null}
          <dt className="text-muted">{t("detail.validUntil")}</dt>
          <dd>{validUntil}</dd>
          {quote.acceptedAt ? (
            <>
              <dt className="text-muted">{t("detail.accepted")}</dt>
              <dd>{formatDate(quote.acceptedAt, locale, timeZone, "long")}</dd>
            </>
          ) : null}
          <dt className="text-muted">{t("detail.total")}</dt>
          <dd className="text-lg font-semibold tabular-nums">{amount}</dd>
        </dl>
        {quote.notes ? <p className="mt-4 whitespace-pre-line border-t border-border pt-4 text-sm">{quote.notes}</p> : null}
      </Card>

      <Card title={t("detail.lines")}>
        <QuoteLines lines={quote.lines} totals={quote.totals} currency={quote.currency} locale={locale} />
      </Card>

      {quote.status === "sent" ? (
        <Card title={t("answer.title")} description={t("answer.description", { date: validUntil })}>
          {can(actor, "billing.pay") ? (
            <div data-testid="quote-answer">
              <QuoteAnswer id={quote.id} number={quote.number} amount={amount} />
            </div>
          ) : (
            <p data-testid="quote-answer-forbidden" className="text-sm text-muted">
              {t("answer.noPermission")}
            </p>
          )}
        </Card>
      ) : null}
    </div>
  );
}
