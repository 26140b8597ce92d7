import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Button, EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listTickets } from "@/lib/support/queries";
import { TICKET_FILTERS, ticketListParamsSchema } from "@/lib/support/schemas";
import { TicketPriorityBadge, TicketStatusBadge } from "./ticket-badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.tickets");
  return { title: `${t("title")} · Portico` };
}

export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("tickets.view");
  const query = await searchParams;
  const params = ticketListParamsSchema.parse(query);
  const [result, t, locale, timeZone] = await Promise.all([listTickets(actor, params), getTranslations("sections"), getLocale(), getTimeZone()]);

  return (
    <div>
      <PageHeader title={t("tickets.title")} description={t("tickets.description")} />
      <nav aria-label={t("common.filterLabel")} className="mb-4 flex flex-wrap gap-2">
        {TICKET_FILTERS.map((filter) => (
          <Button
            key={filter}
            href={filter === "open" ? "/support/tickets" : `/support/tickets?status=${filter}`}
            size="sm"
            variant={filter === params.status ? "primary" : "secondary"}
            aria-current={filter === params.status ? "page" : undefined}
          >
            {t(`tickets.filters.${filter}`)}
          </Button>
        ))}
      </nav>
      {result.items.length === 0 ? (
        <EmptyState title={t(`tickets.empty.${params.status}`)} description={t("tickets.emptyHint")} />
      ) : (
        <Table caption={t("tickets.table.caption")}>
          <THead>
            <TR>
              <TH>{t("tickets.table.number")}</TH>
              <TH>{t("tickets.table.subject")}</TH>
              <TH>{t("tickets.table.department")}</TH>
              <TH>{t("tickets.table.status")}</TH>
              <TH>{t("tickets.table.priority")}</TH>
              <TH>{t("tickets.table.lastUpdate")}</TH>
            </TR>
          </THead>
          <TBody>
            {result.items.map((ticket) => (
              <TR key={ticket.number}>
                <TD className="font-mono text-xs">{ticket.number}</TD>
                <TD>
                  <Link href={`/support/tickets/${encodeURIComponent(ticket.number)}`} className="font-medium text-accent hover:underline">
                    {ticket.subject}
                  </Link>
                </TD>
                <TD>{ticket.departmentName}</TD>
                <TD>
                  <TicketStatusBadge status={ticket.status} />
                </TD>
                <TD>
                  <TicketPriorityBadge priority={ticket.priority} />
                </TD>
                <TD>{formatDateTime(ticket.lastReplyAt, locale, timeZone)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/support/tickets" searchParams={query} />
    </div>
  );
}
