import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { InvoiceKindLabel, InvoiceStatusBadge } from "@/components/billing/invoice-badges";
import { PayPanel } from "@/components/billing/pay-panel";
import { Alert, Button, Card, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { getPayOptions } from "@/lib/billing/customer-payments";
import { getPaymentMethodSettings } from "@/lib/billing/customer-payment-method";
import { type InvoiceDetail, type RelatedDocument, getInvoiceDetail } from "@/lib/billing/queries";
import { formatCalendarDate, formatDate, formatMoney } from "@/lib/format";
import { payWithCreditAction, startCardPaymentAction } from "../../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("billing.invoices");
  return { title: `${t("title")} · Portico` };
}

/** VAT rate in basis points as a percentage ("23 %", "5.5 %") in the locale. */
const percent = (rateBp: number, locale: string) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(rateBp / 10_000);

/** Quantity × 1000 as a plain number ("1", "1.5") in the locale. */
const quantity = (milli: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(milli / 1000);

export default async function InvoicePage({ params, searchParams }: Props) {
  const actor = await requireCustomerActor("billing.view");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const invoice = await getInvoiceDetail(actor, id);
  if (!invoice) notFound();
  const [payOptions, settings, t, locale, timeZone] = await Promise.all([
    getPayOptions(actor, invoice),
    getPaymentMethodSettings(actor),
    getTranslations("billing"),
    getLocale(),
    getTimeZone(),
  ]);
  const money = (minor: bigint) => formatMoney(minor, invoice.currency, locale);
  const title = invoice.number ?? t("invoices.unnumbered", { id: invoice.id.slice(0, 8) });
  const dueDate = formatCalendarDate(invoice.dueDate, locale, "long");
  // Back from Stripe Checkout: only the webhook marks anything paid, so this is a notice, nothing more.
  const flag = (name: string) => query[name] === "1";

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/billing/invoices", label: t("invoices.back") }}
        title={title}
        description={t(`kind.${invoice.kind}`)}
        actions={
          <Button href={`/billing/invoices/${invoice.id}/pdf`} variant="secondary" prefetch={false}>
            {t("detail.downloadPdf")}
          </Button>
        }
      />
      {flag("paid") && invoice.status === "unpaid" ? <Alert tone="info">{t("notices.cardReturned")}</Alert> : null}
      {flag("cancelled") && invoice.status === "unpaid" ? <Alert tone="warning">{t("notices.cardCancelled")}</Alert> : null}
      {query.credit === "paid" && invoice.status === "paid" ? <Alert tone="success">{t("notices.creditPaid")}</Alert> : null}
      {query.credit === "partial" && invoice.status === "unpaid" && invoice.amountPaidMinor > 0n ? <Alert tone="success">{t("notices.creditPartial")}</Alert> : null}
      {invoice.overdue ? <Alert tone="danger">{t("detail.overdueNotice", { date: dueDate })}</Alert> : null}
      {invoice.kind === "proforma" ? <Alert tone="info">{t("detail.proformaNotice")}</Alert> : null}
      {invoice.kind === "credit_note" ? <Alert tone="info">{t("detail.creditNoteNotice")}</Alert> : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-6">
          <Card title={t("detail.overview")} id="invoice-overview">
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="text-muted">{t("detail.number")}</dt>
              <dd className="font-mono">{title}</dd>
              <dt className="text-muted">{t("detail.kind")}</dt>
              <dd>
                <InvoiceKindLabel kind={invoice.kind} />
              </dd>
              <dt className="text-muted">{t("detail.status")}</dt>
              <dd data-testid="invoice-status">
                <InvoiceStatusBadge status={invoice.status} overdue={invoice.overdue} />
              </dd>
              <dt className="text-muted">{t("detail.issued")}</dt>
              <dd>{invoice.issuedAt ? formatDate(invoice.issuedAt, locale, timeZone, "long") : "—"}</dd>
              <dt className="text-muted">{t("detail.due")}</dt>
              <dd>{dueDate}</dd>
              {invoice.paidAt ? (
                <>
                  <dt className="text-muted">{t("detail.paid")}</dt>
                  <dd>{formatDate(invoice.paidAt, locale, timeZone, "long")}</dd>
                </>
              ) : null}
              {invoice.cancelledAt ? (
                <>
                  <dt className="text-muted">{t("detail.cancelled")}</dt>
                  <dd>{formatDate(invoice.cancelledAt, locale, timeZone, "long")}</dd>
                </>
              ) : null}
              {invoice.paymentReference && invoice.kind !== "credit_note" ? (
                <>
                  <dt className="text-muted">{t("detail.reference")}</dt>
                  <dd className="font-mono">{invoice.paymentReference}</dd>
                </>
              ) : null}
              <dt className="text-muted">{t("detail.total")}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid="invoice-total">
                {money(invoice.totalMinor)}
              </dd>
              {invoice.kind !== "credit_note" ? (
                <>
                  <dt className="text-muted">{t("detail.amountPaid")}</dt>
                  <dd className="tabular-nums">{money(invoice.amountPaidMinor)}</dd>
                  <dt className="text-muted">{t("detail.balance")}</dt>
                  <dd className="font-semibold tabular-nums" data-testid="invoice-balance">
                    {money(invoice.balanceMinor)}
                  </dd>
                </>
              ) : null}
            </dl>
          </Card>

          {invoice.notes ? (
            <Card title={t("detail.notes")}>
              <p className="whitespace-pre-line text-sm">{invoice.notes}</p>
            </Card>
          ) : null}
        </div>

        <div className="min-w-0 space-y-6">
          {payOptions ? (
            <Card title={t("pay.title")} id="pay-panel">
              <PayPanel
                invoiceId={invoice.id}
                amountDue={money(payOptions.balanceMinor)}
                methods={payOptions.methods}
                defaultMethod={settings.current}
                credit={
                  payOptions.credit.coversMinor > 0n
                    ? {
                        available: money(payOptions.credit.availableMinor),
                        covers: money(payOptions.credit.coversMinor),
                        remaining: money(payOptions.balanceMinor - payOptions.credit.coversMinor),
                        coversAll: payOptions.credit.coversAll,
                      }
                    : null
                }
                bank={payOptions.bank}
                payWithCredit={payWithCreditAction}
                startCardPayment={startCardPaymentAction}
              />
            </Card>
          ) : null}
          <Payments invoice={invoice} locale={locale} timeZone={timeZone} t={t} />
          <Related invoice={invoice} locale={locale} t={t} />
        </div>
      </div>
      {/* The lines get the full width: six columns do not fit next to the pay panel. */}
      <Lines invoice={invoice} locale={locale} t={t} />
      <Totals invoice={invoice} locale={locale} t={t} />
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"billing">>>;

function Lines({ invoice, locale, t }: { invoice: InvoiceDetail; locale: string; t: T }) {
  const money = (minor: bigint) => formatMoney(minor, invoice.currency, locale);
  return (
    <Card title={t("lines.title")} id="invoice-lines">
      {invoice.lines.length === 0 ? (
        <p className="text-sm text-muted">{t("lines.empty")}</p>
      ) : (
        <Table caption={t("lines.caption")}>
          <THead>
            <TR>
              <TH>{t("lines.description")}</TH>
              <TH>{t("lines.period")}</TH>
              <TH className="text-right">{t("lines.quantity")}</TH>
              <TH className="text-right">{t("lines.unitPrice")}</TH>
              <TH className="text-right">{t("lines.vatRate")}</TH>
              <TH className="text-right">{t("lines.net")}</TH>
            </TR>
          </THead>
          <TBody>
            {invoice.lines.map((line) => (
              <TR key={line.id}>
                <TD className="max-w-md whitespace-normal">{line.description}</TD>
                <TD className="whitespace-nowrap">
                  {line.periodStart && line.periodEnd
                    ? t("lines.periodRange", { start: formatCalendarDate(line.periodStart, locale), end: formatCalendarDate(line.periodEnd, locale) })
                    : "—"}
                </TD>
                <TD className="text-right tabular-nums">{quantity(line.quantityMilli, locale)}</TD>
                <TD className="text-right tabular-nums">{money(line.unitPriceMinor)}</TD>
                <TD className="text-right tabular-nums">{percent(line.taxRateBp, locale)}</TD>
                <TD className="text-right tabular-nums">{money(line.netMinor)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

function Totals({ invoice, locale, t }: { invoice: InvoiceDetail; locale: string; t: T }) {
  const money = (minor: bigint) => formatMoney(minor, invoice.currency, locale);
  return (
    <Card title={t("totals.title")} id="invoice-totals">
      <div className="space-y-4">
        {invoice.vatBreakdown.length > 0 ? (
          <Table caption={t("totals.vatBreakdownCaption")}>
            <THead>
              <TR>
                <TH>{t("totals.rate")}</TH>
                <TH className="text-right">{t("totals.base")}</TH>
                <TH className="text-right">{t("totals.vat")}</TH>
              </TR>
            </THead>
            <TBody>
              {invoice.vatBreakdown.map((rate) => (
                <TR key={rate.rateBp}>
                  <TD>{percent(rate.rateBp, locale)}</TD>
                  <TD className="text-right tabular-nums">{money(rate.netMinor)}</TD>
                  <TD className="text-right tabular-nums">{money(rate.taxMinor)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
        <dl className="ml-auto grid max-w-xs grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
          <dt className="text-muted">{t("totals.subtotal")}</dt>
          <dd className="text-right tabular-nums">{money(invoice.subtotalMinor)}</dd>
          <dt className="text-muted">{t("totals.vatTotal")}</dt>
          <dd className="text-right tabular-nums">{money(invoice.taxMinor)}</dd>
          <dt className="font-semibold">{t("totals.total")}</dt>
          <dd className="text-right font-semibold tabular-nums">{money(invoice.totalMinor)}</dd>
        </dl>
        {invoice.legalNoteKey ? (
          <p className="rounded-md border border-border bg-surface-muted px-3 py-2 text-sm" data-testid="legal-note">
            {t(`legalNotes.${invoice.legalNoteKey}`)}
          </p>
        ) : null}
      </div>
    </Card>
  );
}

function Payments({ invoice, locale, timeZone, t }: { invoice: InvoiceDetail; locale: string; timeZone: string; t: T }) {
  if (invoice.kind === "credit_note") return null;
  return (
    <Card title={t("payments.title")} id="invoice-payments">
      {invoice.payments.length === 0 ? (
        <p className="text-sm text-muted">{t("payments.empty")}</p>
      ) : (
        <ul className="divide-y divide-border text-sm" aria-label={t("payments.caption")}>
          {invoice.payments.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-3 py-2">
              <div>
                <p className="font-medium">
                  {t(`methods.${p.method}`)}
                  {p.refund ? <span className="ml-1 text-muted">({t("payments.refund")})</span> : null}
                </p>
                <p className="text-xs text-muted">{formatDate(p.receivedAt, locale, timeZone)}</p>
              </div>
              <span className="font-semibold tabular-nums">{formatMoney(p.amountMinor, p.currency, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Related({ invoice, locale, t }: { invoice: InvoiceDetail; locale: string; t: T }) {
  const links: { doc: RelatedDocument; label: string }[] = [];
  const num = (doc: RelatedDocument) => doc.number ?? t("related.unnumbered");
  if (invoice.source) {
    links.push({ doc: invoice.source, label: invoice.kind === "credit_note" ? t("related.sourceInvoice", { number: num(invoice.source) }) : t("related.sourceProforma", { number: num(invoice.source) }) });
  }
  for (const doc of invoice.derived) {
    links.push({ doc, label: doc.kind === "credit_note" ? t("related.creditNote", { number: num(doc) }) : t("related.taxInvoice", { number: num(doc) }) });
  }
  if (links.length === 0) return null;
  return (
    <Card title={t("related.title")} id="invoice-related">
      <ul className="space-y-2 text-sm">
        {links.map(({ doc, label }) => (
          <li key={doc.id} className="flex items-center justify-between gap-3">
            <Link href={`/billing/invoices/${doc.id}`} className="font-medium text-accent hover:underline">
              {label}
            </Link>
            <span className="tabular-nums text-muted">{formatMoney(doc.totalMinor, doc.currency, locale)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
