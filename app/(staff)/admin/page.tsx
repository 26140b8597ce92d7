import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { type StaffDashboard, getStaffDashboard } from "@/lib/admin/queries";
import { requireStaffActor } from "@/lib/auth/session";
import { formatCalendarDate, formatDate, formatMoney } from "@/lib/format";
import { safeTimeZone } from "@/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.dashboard");
  return { title: `${t("title")} · Portico` };
}

type Fmt = { locale: string; timeZone: string };

export default async function StaffDashboardPage() {
  const actor = await requireStaffActor("staff.access");
  const [data, t, locale] = await Promise.all([getStaffDashboard(actor), getTranslations("admin.dashboard"), getLocale()]);
  const fmt: Fmt = { locale, timeZone: safeTimeZone(actor.timeZone) };
  const nothing = !data.tickets && !data.invoices && !data.customers;
  return (
    <>
      <PageHeader title={t("title")} description={t("welcome", { name: actor.name })} />
      {nothing ? <Alert tone="info">{t("noPanels")}</Alert> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {data.tickets ? <TicketsCard tickets={data.tickets} /> : null}
        {data.invoices ? <InvoicesCard invoices={data.invoices} fmt={fmt} /> : null}
        {data.customers ? <CustomersCard customers={data.customers} fmt={fmt} /> : null}
      </div>
    </>
  );
}

async function TicketsCard({ tickets }: { tickets: NonNullable<StaffDashboard["tickets"]> }) {
  const t = await getTranslations("admin.dashboard.tickets");
  return (
    <Card id="panel-open-tickets" title={t("title")} description={t("total", { count: tickets.total })}>
      {tickets.departments.length === 0 ? (
        <EmptyState title={t("noDepartments")} />
      ) : (
        <ul className="divide-y divide-border text-sm">
          {tickets.departments.map((d) => (
            <li key={d.id} className="flex items-center justify-between py-2">
              <span className="text-fg">{d.name}</span>
              {d.open > 0 ? <Badge tone="info">{d.open}</Badge> : <span className="tabular-nums text-muted">0</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

async function InvoicesCard({ invoices, fmt }: { invoices: NonNullable<StaffDashboard["invoices"]>; fmt: Fmt }) {
  const t = await getTranslations("admin.dashboard.invoices");
  return (
    <Card
      id="panel-overdue-invoices"
      title={t("title")}
      description={t("count", { count: invoices.count })}
      className="lg:row-span-2"
    >
      {invoices.count === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <div className="space-y-4">
          <ul className="flex flex-wrap gap-2">
            {invoices.totals.map((g) => (
              <li key={g.currency} className="rounded-md bg-danger-soft px-3 py-2 text-sm ring-1 ring-danger/30">
                <span className="font-semibold tabular-nums text-danger">{formatMoney(g.totalMinor, g.currency, fmt.locale)}</span>{" "}
                <span className="text-muted">{t("invoiceCount", { count: g.count })}</span>
              </li>
            ))}
          </ul>
          <Table caption={t("oldestCaption")}>
            <THead>
              <tr>
                <TH>{t("number")}</TH>
                <TH>{t("customer")}</TH>
                <TH>{t("dueDate")}</TH>
                <TH className="text-right">{t("amount")}</TH>
              </tr>
            </THead>
            <TBody>
              {invoices.oldest.map((invoice) => (
                <TR key={invoice.id}>
                  <TD className="font-mono">{invoice.number ?? "—"}</TD>
                  <TD>{invoice.customerName}</TD>
                  <TD>{formatCalendarDate(invoice.dueDate, fmt.locale)}</TD>
                  <TD className="text-right tabular-nums">{formatMoney(invoice.totalMinor, invoice.currency, fmt.locale)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </Card>
  );
}

async function CustomersCard({ customers, fmt }: { customers: NonNullable<StaffDashboard["customers"]>; fmt: Fmt }) {
  const t = await getTranslations("admin.dashboard.customers");
  return (
    <Card id="panel-new-customers" title={t("title")}>
      {customers.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <Table caption={t("title")}>
          <THead>
            <tr>
              <TH>{t("name")}</TH>
              <TH>{t("contractNumber")}</TH>
              <TH>{t("created")}</TH>
            </tr>
          </THead>
          <TBody>
            {customers.map((c) => (
              <TR key={c.id}>
                <TD>
                  <span className="block font-medium">{c.name}</span>
                  <span className="block text-xs text-muted">{c.email}</span>
                </TD>
                <TD className="font-mono">{c.contractNumber}</TD>
                <TD>{formatDate(c.createdAt, fmt.locale, fmt.timeZone)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
