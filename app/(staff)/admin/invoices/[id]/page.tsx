import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Button, Card, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { type AdminInvoiceDetail, type AuditEntry, getInvoiceForStaff } from "@/lib/billing/admin-queries";
import { bpToVatPercent, milliToQuantity } from "@/lib/billing/admin-schemas";
import { type Currency, isSupportedCurrency, toDecimalString } from "@/lib/billing/money";
import { formatCalendarDate, formatDate, formatDateTime, formatMoney, todayIn } from "@/lib/format";
import { DraftForm } from "../draft-form";
import { InvoiceKindLabel, InvoiceStatusBadge } from "../invoice-badges";
import { CancelInvoiceButton, DeleteDraftButton, IssueDraftButton, RecordPaymentForm, RefundForm, ResendButton } from "./invoice-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffBilling.invoice");
  return { title: `${t("title")} · Portico` };
}

type Props = { params: Promise<{ id: string }> };
type Translate = Awaited<ReturnType<typeof getTranslations<"staffBilling">>>;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The few facts of an audit row worth a line: amounts in their currency, the method, the reason. */
function auditDetails(entry: AuditEntry, locale: string, t: Translate): string[] {
  const data = (entry.data && typeof entry.data === "object" ? entry.data : {}) as Record<string, unknown>;
  const currency = typeof data.currency === "string" ? data.currency : null;
  const money = (key: string) => (currency && typeof data[key] === "string" && /^-?\d+$/.test(data[key] as string) ? formatMoney(BigInt(data[key] as string), currency, locale) : null);
  const out: string[] = [];
  if (typeof data.number === "string") out.push(data.number);
  const amount = money("amountMinor") ?? money("totalMinor");
  if (amount) out.push(amount);
  if (typeof data.method === "string" && ["card", "bank_transfer", "credit", "manual"].includes(data.method)) out.push(t(`payment.methods.${data.method as "manual"}`));
  const credited = money("creditedMinor");
  if (credited && data.creditedMinor !== "0") out.push(t("audit.credited", { amount: credited }));
  if (typeof data.destination === "string") out.push(data.destination === "credit" ? t("refund.destinations.credit") : t("refund.destinations.original"));
  if (typeof data.emailed === "number") out.push(t("audit.emailed", { count: data.emailed }));
  if (typeof data.queued === "number") out.push(t("audit.emailed", { count: data.queued }));
  if (typeof data.reason === "string") out.push(data.reason);
  return out;
}

/** "billing.invoice.issued" → its label (message keys cannot hold dots); an unknown action reads as itself. */
function actionLabel(action: string, t: Translate): string {
  const key = `audit.actions.${action.replace(/\./g, "_")}`;
  return t.has(key) ? t(key as "audit.title") : action;
}

function DocumentTotals({ invoice, locale, t }: { invoice: AdminInvoiceDetail; locale: string; t: Translate }) {
  const money = (minor: bigint) => formatMoney(minor, invoice.currency, locale);
  return (
    <dl className="ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm tabular-nums" data-testid="invoice-totals">
      <dt>{t("invoice.subtotal")}</dt>
      <dd className="text-right">{money(invoice.subtotalMinor)}</dd>
      {invoice.byRate.map((r) => (
        <div key={r.rateBp} className="contents">
          <dt className="text-muted">{t("invoice.vatAt", { rate: bpToVatPercent(r.rateBp), net: money(r.netMinor) })}</dt>
          <dd className="text-right text-muted">{money(r.taxMinor)}</dd>
        </div>
      ))}
      <dt>{t("invoice.vat")}</dt>
      <dd className="text-right">{money(invoice.taxMinor)}</dd>
      <dt className="font-semibold">{t("invoice.total")}</dt>
      <dd className="text-right font-semibold">{money(invoice.totalMinor)}</dd>
      {invoice.status !== "draft" && invoice.kind !== "credit_note" ? (
        <>
          <dt>{t("invoice.amountPaid")}</dt>
          <dd className="text-right">{money(invoice.amountPaidMinor)}</dd>
          <dt className="font-semibold">{t("invoice.balance")}</dt>
          <dd className="text-right font-semibold" data-testid="invoice-balance">
            {money(invoice.balanceMinor)}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export default async function AdminInvoicePage({ params }: Props) {
  const actor = await requireStaffActor("staff.billing");
  const { id } = await params;
  const [invoice, t, locale] = await Promise.all([getInvoiceForStaff(actor, id), getTranslations("staffBilling"), getLocale()]);
  if (!invoice) notFound();
  const timeZone = safeTimeZone(actor.timeZone);
  const money = (minor: bigint, currency = invoice.currency) => formatMoney(minor, currency, locale);
  const currency = invoice.currency;
  const supported = isSupportedCurrency(currency);
  const decimal = (minor: bigint) => (supported ? toDecimalString(minor, currency as Currency) : minor.toString());
  const title = invoice.number ?? t("invoice.draftTitle");
  const back = { href: "/admin/invoices", label: t("list.title") };
  const payable = invoice.status === "unpaid" && invoice.kind !== "credit_note";
  const cancellable = invoice.status === "unpaid" && invoice.kind !== "credit_note" && invoice.amountPaidMinor === 0n && invoice.payments.length === 0;
  const sendable = invoice.status !== "draft" && invoice.status !== "cancelled" && invoice.kind !== "credit_note" && Boolean(invoice.number);

  const customerBox = (
    <Card title={t("customer.title")}>
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="text-muted">{t("customer.name")}</dt>
          <dd>
            <Link href={`/admin/invoices?customer=${invoice.customer.id}`} className="text-accent hover:underline">
              {invoice.customer.name}
            </Link>
          </dd>
        </div>
        <div>
          <dt className="text-muted">{t("customer.contract")}</dt>
          <dd className="font-mono">{invoice.customer.contractNumber}</dd>
        </div>
        <div>
          <dt className="text-muted">{t("customer.country")}</dt>
          <dd>
            {invoice.customer.country}
            {invoice.customer.vatId ? ` · ${invoice.customer.vatId}` : ""} · {t(`treatment.${invoice.customer.treatment}`)}
          </dd>
        </div>
        <div>
          <dt className="text-muted">{t("customer.credit")}</dt>
          <dd data-testid="customer-credit">
            {invoice.creditBalances.filter((b) => b.balanceMinor !== 0n).length === 0
              ? money(0n, invoice.customer.currency)
              : invoice.creditBalances
                  .filter((b) => b.balanceMinor !== 0n)
                  .map((b) => money(b.balanceMinor, b.currency))
                  .join(" · ")}
          </dd>
        </div>
      </dl>
      <Link href={`/admin/invoices/credit?customer=${invoice.customer.id}`} className="mt-3 inline-block text-sm font-medium text-accent hover:underline">
        {t("customer.adjustCredit")}
      </Link>
    </Card>
  );

  if (invoice.status === "draft") {
    const defaultVatRate = invoice.customer.defaultRateBp === null ? "" : bpToVatPercent(invoice.customer.defaultRateBp);
    return (
      <div className="space-y-6">
        <PageHeader
          title={title}
          description={
            <span className="flex flex-wrap items-center gap-2">
              <InvoiceStatusBadge status="draft" />
              <span>{t("draft.forCustomer", { name: invoice.customer.name, contract: invoice.customer.contractNumber })}</span>
            </span>
          }
          back={back}
        />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <Card title={t("draft.editTitle")}>
            {supported ? (
              <DraftForm
                mode="edit"
                customer={{ id: invoice.customer.id, name: invoice.customer.name, contractNumber: invoice.customer.contractNumber, currency: currency as Currency, defaultVatRate }}
                defaults={{
                  invoiceId: invoice.id,
                  customerId: invoice.customer.id,
                  currency: currency as Currency,
                  dueDate: isoDate(invoice.dueDate),
                  notes: invoice.notes ?? "",
                  lines: invoice.lines.map((l) => ({
                    description: l.description,
                    periodStart: l.periodStart ? isoDate(l.periodStart) : "",
                    periodEnd: l.periodEnd ? isoDate(l.periodEnd) : "",
                    quantity: milliToQuantity(l.quantityMilli),
                    unitPrice: decimal(l.unitPriceMinor),
                    vatRate: bpToVatPercent(l.taxRateBp),
                  })),
                }}
              />
            ) : (
              <Alert tone="danger">{t("errors.currencyUnsupported")}</Alert>
            )}
          </Card>
          <aside className="space-y-4">
            <Card title={t("invoice.actions")}>
              <div className="space-y-3">
                <p className="text-sm text-muted">{t("draft.issueHint")}</p>
                <IssueDraftButton invoiceId={invoice.id} total={money(invoice.totalMinor)} />
                <DeleteDraftButton invoiceId={invoice.id} />
              </div>
            </Card>
            {customerBox}
            <AuditCard audit={invoice.audit} locale={locale} timeZone={timeZone} t={t} />
          </aside>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title={title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <InvoiceKindLabel kind={invoice.kind} status={invoice.status} />
            <InvoiceStatusBadge status={invoice.status} overdue={invoice.overdue} />
            <span>· {invoice.customer.name}</span>
          </span>
        }
        back={back}
        actions={
          <Button href={`/admin/invoices/${invoice.id}/pdf`} variant="secondary" prefetch={false}>
            {t("invoice.pdf")}
          </Button>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <Card title={t("invoice.document")}>
            <dl className="mb-4 grid gap-3 text-sm sm:grid-cols-3">
              <Fact label={t("invoice.issuedAt")} value={invoice.issuedAt ? formatDate(invoice.issuedAt, locale, timeZone) : "—"} />
              <Fact label={t("invoice.dueDate")} value={formatCalendarDate(invoice.dueDate, locale)} />
              <Fact label={t("invoice.paymentReference")} value={invoice.paymentReference ?? "—"} mono />
              {invoice.paidAt ? <Fact label={t("invoice.paidAt")} value={formatDate(invoice.paidAt, locale, timeZone)} /> : null}
              {invoice.cancelledAt ? <Fact label={t("invoice.cancelledAt")} value={formatDateTime(invoice.cancelledAt, locale, timeZone)} /> : null}
              <Fact label={t("invoice.currency")} value={invoice.currency} />
            </dl>
            <Table caption={t("invoice.linesCaption")}>
              <THead>
                <tr>
                  <TH>{t("invoice.columns.description")}</TH>
                  <TH className="text-right">{t("invoice.columns.quantity")}</TH>
                  <TH className="text-right">{t("invoice.columns.unitPrice")}</TH>
                  <TH className="text-right">{t("invoice.columns.vat")}</TH>
                  <TH className="text-right">{t("invoice.columns.net")}</TH>
                </tr>
              </THead>
              <TBody>
                {invoice.lines.map((l) => (
                  <TR key={l.id}>
                    <TD className="max-w-md whitespace-normal">
                      {l.description}
                      {l.periodStart && l.periodEnd ? (
                        <span className="block text-xs text-muted">{t("invoice.period", { start: formatCalendarDate(l.periodStart, locale), end: formatCalendarDate(l.periodEnd, locale) })}</span>
                      ) : null}
                    </TD>
                    <TD className="text-right tabular-nums">{milliToQuantity(l.quantityMilli)}</TD>
                    <TD className="text-right tabular-nums">{money(l.unitPriceMinor)}</TD>
                    <TD className="text-right tabular-nums">{bpToVatPercent(l.taxRateBp)} %</TD>
                    <TD className="text-right tabular-nums">{money(l.netMinor)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
            <div className="mt-4">
              <DocumentTotals invoice={invoice} locale={locale} t={t} />
            </div>
            {invoice.customer.legalNoteKey ? <p className="mt-3 text-xs text-muted">{t(`legalNote.${invoice.customer.legalNoteKey}`)}</p> : null}
            {invoice.notes ? <p className="mt-3 whitespace-pre-line text-sm">{invoice.notes}</p> : null}
          </Card>

          <Card title={t("payments.title")}>
            {invoice.payments.length === 0 ? (
              <p className="text-sm text-muted">{t("payments.none")}</p>
            ) : (
              <Table caption={t("payments.title")}>
                <THead>
                  <tr>
                    <TH>{t("payments.columns.date")}</TH>
                    <TH>{t("payments.columns.method")}</TH>
                    <TH className="text-right">{t("payments.columns.amount")}</TH>
                    <TH>{t("payments.columns.details")}</TH>
                    <TH>{t("payments.columns.refund")}</TH>
                  </tr>
                </THead>
                <TBody>
                  {invoice.payments.map((p) => (
                    <TR key={p.id} data-testid="payment-row" className={p.refundOfId ? "text-muted" : undefined}>
                      <TD>{formatDate(p.receivedAt, locale, timeZone)}</TD>
                      <TD>
                        {t(`payment.methods.${p.method}`)}
                        {p.refundOfId ? <span className="block text-xs">{t("payments.refundRow")}</span> : null}
                      </TD>
                      <TD className="text-right tabular-nums">{money(p.amountMinor, p.currency)}</TD>
                      <TD className="max-w-xs whitespace-normal text-xs">
                        {p.reference ? <span className="block">{t("payments.reference", { reference: p.reference })}</span> : null}
                        {p.externalId ? <span className="block break-all font-mono">{p.externalId}</span> : null}
                        {p.note ? <span className="block">{p.note}</span> : null}
                        {p.recordedBy ? <span className="block text-muted">{t("payments.recordedBy", { name: p.recordedBy })}</span> : null}
                      </TD>
                      <TD className="align-top">
                        {p.refundableMinor > 0n && isSupportedCurrency(p.currency) ? (
                          <RefundForm paymentId={p.id} method={p.method} currency={p.currency} refundable={toDecimalString(p.refundableMinor, p.currency)} />
                        ) : null}
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </Card>

          <Card title={t("related.title")}>
            {invoice.related.length === 0 ? (
              <p className="text-sm text-muted">{t("related.none")}</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {invoice.related.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-2" data-testid="related-document">
                    <span className="text-muted">{t(`related.${r.relation}`)}</span>
                    <Link href={`/admin/invoices/${r.id}`} className="font-mono text-accent hover:underline">
                      {r.number ?? t("list.draftNumber")}
                    </Link>
                    <InvoiceStatusBadge status={r.status} />
                    <span className="tabular-nums">{money(r.totalMinor, r.currency)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>

        <aside className="space-y-4">
          {supported && invoice.kind !== "credit_note" ? (
            <RecordPaymentForm invoiceId={invoice.id} currency={currency as Currency} balance={decimal(invoice.balanceMinor)} today={todayIn(timeZone)} payable={payable} />
          ) : null}
          {sendable || cancellable ? (
            <Card title={t("invoice.actions")}>
              <div className="space-y-3">
                {sendable ? <ResendButton invoiceId={invoice.id} /> : null}
                {cancellable ? <CancelInvoiceButton invoiceId={invoice.id} number={title} /> : null}
              </div>
            </Card>
          ) : null}
          {invoice.status === "paid" && invoice.kind === "tax" ? <p className="text-xs text-muted">{t("invoice.refundInsteadOfCancel")}</p> : null}
          {customerBox}
          <AuditCard audit={invoice.audit} locale={locale} timeZone={timeZone} t={t} />
        </aside>
      </div>
    </div>
  );
}

function Fact({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <dt className="text-muted">{label}</dt>
      <dd className={mono ? "font-mono" : undefined}>{value}</dd>
    </div>
  );
}

function AuditCard({ audit, locale, timeZone, t }: { audit: AuditEntry[]; locale: string; timeZone: string; t: Translate }) {
  return (
    <Card title={t("audit.title")}>
      {audit.length === 0 ? (
        <p className="text-sm text-muted">{t("audit.none")}</p>
      ) : (
        <ol className="space-y-3 text-sm" data-testid="audit-trail">
          {audit.map((a) => (
            <li key={a.id} className="border-l-2 border-border pl-3">
              <p className="font-medium">{actionLabel(a.action, t)}</p>
              <p className="text-xs text-muted">
                <time dateTime={a.createdAt.toISOString()}>{formatDateTime(a.createdAt, locale, timeZone)}</time>
                {a.actorName ? ` · ${a.actorName}` : ` · ${t("audit.system")}`}
              </p>
              {auditDetails(a, locale, t).map((d, i) => (
                <p key={i} className="break-words text-xs">
                  {d}
                </p>
              ))}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
