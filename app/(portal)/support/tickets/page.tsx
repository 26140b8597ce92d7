import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Button, EmptyState, Input, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
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
  const [result, t, ts, locale, timeZone] = await Promise.all([listTickets(actor, params), getTranslations("sections"), getTranslations("support"), getLocale(), getTimeZone()]);

  const mayCreate = can(actor, "tickets.create");
  const filterHref = (status: string) => {
    const search = new URLSearchParams();
    if (status !== "active") search.set("status", status);
    if (params.q) search.set("q", params.q);
    const qs = search.toString();
    return qs ? `/support/tickets?${qs}` : "/support/tickets";
  };

  return (
    <div>
      <PageHeader
        title={t("tickets.title")}
        description={t("tickets.description")}
        actions={mayCreate ? <Button href="/support/tickets/new">{ts("list.newTicket")}</Button> : undefined}
      />
      <form method="get" action="/support/tickets" role="search" className="mb-4 flex flex-wrap gap-2">
        {params.status !== "active" ? <input type="hidden" name="status" value={params.status} /> : null}
        <label htmlFor="ticket-search" className="sr-only">
          {ts("list.search")}
        </label>
        <Input id="ticket-search" name="q" type="search" defaultValue={params.q} placeholder={ts("list.searchPlaceholder")} className="max-w-xs" />
        <Button type="submit" variant="secondary">
          {ts("list.search")}
        </Button>
      </form>
      <nav aria-label={t("common.filterLabel")} className="mb-4 flex flex-wrap gap-2">
        {TICKET_FILTERS.map((filter) => (
          <Button
            key={filter}
            href={filterHref(filter)}
            size="sm"
            variant={filter === params.status ? "primary" : "secondary"}
            aria-current={filter === params.status ? "page" : undefined}
          >
            {ts(`list.filters.${filter}`)}
          </Button>
        ))}
      </nav>
      {result.items.length === 0 ? (
        <EmptyState title={params.q ? ts("list.noMatches", { q: params.q }) : ts(`list.empty.${params.status}`)} description={t("tickets.emptyHint")} />
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
