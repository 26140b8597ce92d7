import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Button, Card, EmptyState, Input, Label, PageHeader } from "@/components/ui";
import { NetworkIssuesPanel } from "@/components/support/network-issues-panel";
import { SupportPinCard } from "@/components/support/support-pin-card";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { getSupportPin } from "@/lib/support/support-pin";
import { type Dashboard, type InvoicesPanel, getDashboard } from "@/lib/dashboard/queries";
import { formatCalendarDate, formatCountry, formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { safeTimeZone } from "@/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: `${t("title")} · Portico` };
}

type Fmt = { locale: string; timeZone: string };

export default async function DashboardPage() {
  const actor = await requireCustomerActor();
  const [data, t, locale, pin] = await Promise.all([getDashboard(actor), getTranslations("dashboard"), getLocale(), getSupportPin(actor)]);
  const fmt: Fmt = { locale, timeZone: safeTimeZone(actor.timeZone) };

  return (
    <>
      <PageHeader title={t("title")} description={t("welcome", { name: actor.name })} />
      {data.invoices && data.invoices.overdueCount > 0 ? <OverdueAlert invoices={data.invoices} fmt={fmt} /> : null}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <CustomerCard customer={data.customer} locale={locale} />
        {data.domainSearch ? <DomainSearchCard /> : null}
        {data.services ? <ServicesCard services={data.services} /> : null}
        {data.domains ? <DomainsCard domains={data.domains} fmt={fmt} /> : null}
        {data.tickets ? <TicketsCard tickets={data.tickets} canOpenTicket={data.canOpenTicket} fmt={fmt} /> : null}
        {data.invoices ? <InvoicesCard invoices={data.invoices} fmt={fmt} /> : null}
        <NetworkIssuesPanel actor={actor} />
        <SupportPinCard id="panel-support-pin" pin={pin.pin} updatedAt={pin.updatedAt} mayRegenerate={can(actor, "account.manage")} timeZone={fmt.timeZone} />
      </div>
    </>
  );
}

function amounts(totals: { currency: string; totalMinor: bigint }[], locale: string) {
  // Listed per currency, never added up.
  return totals.map((g) => formatMoney(g.totalMinor, g.currency, locale)).join(", ");
}

async function OverdueAlert({ invoices, fmt }: { invoices: InvoicesPanel; fmt: Fmt }) {
  const t = await getTranslations("dashboard.invoices");
  return (
    <Alert tone="danger" title={t("overdueAlertTitle", { count: invoices.overdueCount })} className="mb-4">
      <p>
        {t("overdueAlertBody", { amount: amounts(invoices.overdue, fmt.locale) })}{" "}
        <Link href="/billing/invoices" className="font-medium underline underline-offset-2">
          {t("payNow")}
        </Link>
      </p>
    </Alert>
  );
}

async function CustomerCard({ customer, locale }: { customer: Dashboard["customer"]; locale: string }) {
  const t = await getTranslations("dashboard.customer");
  const rows: [string, React.ReactNode][] = [
    [t("name"), customer.name],
    [t("contractNumber"), <span key="c" className="font-mono">{customer.contractNumber}</span>],
    [
      t("address"),
      customer.addressLines.length > 0 ? (
        <address key="a" className="not-italic">
          {customer.addressLines.map((line) => (
            <span key={line} className="block">
              {line}
            </span>
          ))}
          <span className="block">{formatCountry(customer.country, locale)}</span>
        </address>
      ) : (
        t("noAddress")
      ),
    ],
    [t("email"), <span key="e" className="break-all">{customer.email}</span>],
  ];
  return (
    <Card id="panel-customer" title={t("title")}>
      <dl className="grid grid-cols-[minmax(0,auto)_1fr] gap-x-4 gap-y-2 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted">{term}</dt>
            <dd className="min-w-0 text-fg">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

async function DomainSearchCard() {
  const t = await getTranslations("dashboard.domainSearch");
  return (
    <Card id="panel-domain-search" title={t("title")} description={t("description")}>
      <form action="/domains/search" method="get" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1 space-y-1.5">
          <Label htmlFor="domain-search-q">{t("label")}</Label>
          <Input id="domain-search-q" name="q" type="search" required maxLength={253} placeholder={t("placeholder")} autoComplete="off" spellCheck={false} />
        </div>
        <Button type="submit">{t("submit")}</Button>
      </form>
    </Card>
  );
}

async function ServicesCard({ services }: { services: NonNullable<Dashboard["services"]> }) {
  const t = await getTranslations("dashboard.services");
  return (
    <Card
      id="panel-services"
      title={t("title")}
      action={<Link href="/services" className="text-sm font-medium text-link hover:underline">{t("viewAll")}</Link>}
    >
      {services.total === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} />
      ) : (
        <>
          <p className="mb-3 text-sm text-muted">{t("activeTotal", { count: services.total })}</p>
          <ul className="divide-y divide-border text-sm">
            {services.byKind.map(({ kind, count }) => (
              <li key={kind} className="flex items-center justify-between py-2">
                <span className={count === 0 ? "text-muted" : "text-fg"}>{t(`kinds.${kind}`)}</span>
                <span className="font-semibold tabular-nums text-fg">{count}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

async function DomainsCard({ domains, fmt }: { domains: NonNullable<Dashboard["domains"]>; fmt: Fmt }) {
  const t = await getTranslations("dashboard.domains");
  return (
    <Card
      id="panel-domains"
      title={t("title")}
      action={<Link href="/domains" className="text-sm font-medium text-link hover:underline">{t("viewAll")}</Link>}
    >
      {domains.activeCount === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} />
      ) : (
        <div className="space-y-3 text-sm">
          <p>
            <span className="text-3xl font-semibold tabular-nums text-fg">{domains.activeCount}</span>{" "}
            <span className="text-muted">{t("active", { count: domains.activeCount })}</span>
          </p>
          {domains.nextExpiry ? (
            <p className="text-muted">
              {t.rich("nextExpiry", {
                name: domains.nextExpiry.name,
                date: formatDate(domains.nextExpiry.expiresAt, fmt.locale, fmt.timeZone),
                link: (chunks) => (
                  <Link href={`/domains/${domains.nextExpiry!.id}`} className="font-medium text-fg hover:underline">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          ) : (
            <p className="text-muted">{t("noUpcomingExpiry")}</p>
          )}
        </div>
      )}
    </Card>
  );
}

async function TicketsCard({ tickets, canOpenTicket, fmt }: { tickets: NonNullable<Dashboard["tickets"]>; canOpenTicket: boolean; fmt: Fmt }) {
  const t = await getTranslations("dashboard.tickets");
  return (
    <Card
      id="panel-tickets"
      title={t("title")}
      description={tickets.awaitingReplyCount > 0 ? t("awaiting", { count: tickets.awaitingReplyCount }) : undefined}
      action={<Link href="/support/tickets" className="text-sm font-medium text-link hover:underline">{t("viewAll")}</Link>}
    >
      {tickets.awaitingReplyCount === 0 ? (
        <EmptyState
          title={t("empty")}
          action={
            canOpenTicket ? (
              <Button variant="secondary" size="sm" href="/support/tickets/new">
                {t("newTicket")}
              </Button>
            ) : undefined
          }
        />
      ) : (
        <ul className="divide-y divide-border text-sm">
          {tickets.newest.map((ticket) => (
            <li key={ticket.number} className="py-2">
              <Link href={`/support/tickets/${encodeURIComponent(ticket.number)}`} className="font-medium text-fg hover:underline">
                {ticket.subject}
              </Link>
              <p className="text-xs text-muted">
                <span className="font-mono">#{ticket.number}</span> · {t("lastReply", { date: formatDateTime(ticket.lastReplyAt, fmt.locale, fmt.timeZone) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

async function InvoicesCard({ invoices, fmt }: { invoices: InvoicesPanel; fmt: Fmt }) {
  const t = await getTranslations("dashboard.invoices");
  return (
    <Card
      id="panel-invoices"
      title={t("title")}
      action={<Link href="/billing/invoices" className="text-sm font-medium text-link hover:underline">{t("viewAll")}</Link>}
      className="md:col-span-2 xl:col-span-1"
    >
      {invoices.unpaidCount === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} />
      ) : (
        <div className="space-y-4 text-sm">
          <dl className="grid grid-cols-2 gap-3">
            <div className="rounded-md bg-surface-muted p-3">
              <dt className="text-muted">{t("unpaid", { count: invoices.unpaidCount })}</dt>
              <dd className="mt-1 font-semibold tabular-nums text-fg">
                {invoices.unpaid.map((g) => (
                  <span key={g.currency} className="block">
                    {formatMoney(g.totalMinor, g.currency, fmt.locale)}
                  </span>
                ))}
              </dd>
            </div>
            <div className={invoices.overdueCount > 0 ? "rounded-md bg-danger-soft p-3 ring-1 ring-danger/30" : "rounded-md bg-surface-muted p-3"}>
              <dt className={invoices.overdueCount > 0 ? "font-medium text-danger" : "text-muted"}>{t("overdue", { count: invoices.overdueCount })}</dt>
              <dd className="mt-1 font-semibold tabular-nums text-fg">
                {invoices.overdue.length > 0
                  ? invoices.overdue.map((g) => (
                      <span key={g.currency} className="block">
                        {formatMoney(g.totalMinor, g.currency, fmt.locale)}
                      </span>
                    ))
                  : "—"}
              </dd>
            </div>
          </dl>
          <ul className="divide-y divide-border">
            {invoices.dueFirst.map((invoice) => (
              <li key={invoice.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
                <div className="min-w-0">
                  <Link href={`/billing/invoices/${invoice.id}`} className="font-medium text-fg hover:underline">
                    {invoice.number ?? t("draftNumber")}
                  </Link>
                  <p className="text-xs text-muted">{t("due", { date: formatCalendarDate(invoice.dueDate, fmt.locale) })}</p>
                </div>
                <div className="flex items-center gap-2">
                  {invoice.overdue ? <Badge tone="danger">{t("overdueBadge")}</Badge> : <Badge tone="warning">{t("unpaidBadge")}</Badge>}
                  <span className="font-semibold tabular-nums">{formatMoney(invoice.balanceMinor, invoice.currency, fmt.locale)}</span>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
