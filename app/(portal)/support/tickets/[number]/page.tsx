import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getTicketByNumber } from "@/lib/support/queries";
import { TicketPriorityBadge, TicketStatusBadge } from "../ticket-badges";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.tickets");
  return { title: `${t("title")} · Portico` };
}

export default async function TicketPage({ params }: Props) {
  const actor = await requireCustomerActor("tickets.view");
  const { number } = await params;
  const [ticket, t, locale, timeZone] = await Promise.all([
    getTicketByNumber(actor, number),
    getTranslations("sections"),
    getLocale(),
    getTimeZone(),
  ]);
  if (!ticket) notFound();

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/support/tickets", label: t("tickets.back") }}
        title={ticket.subject}
        description={t("tickets.detail.number", { number: ticket.number })}
      />
      <Card title={t("tickets.detail.overview")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted">{t("tickets.detail.status")}</dt>
          <dd>
            <TicketStatusBadge status={ticket.status} />
          </dd>
          <dt className="text-muted">{t("tickets.detail.priority")}</dt>
          <dd>
            <TicketPriorityBadge priority={ticket.priority} />
          </dd>
          <dt className="text-muted">{t("tickets.detail.department")}</dt>
          <dd>{ticket.departmentName}</dd>
          <dt className="text-muted">{t("tickets.detail.created")}</dt>
          <dd>{formatDateTime(ticket.createdAt, locale, timeZone)}</dd>
          <dt className="text-muted">{t("tickets.detail.lastReply")}</dt>
          <dd>{formatDateTime(ticket.lastReplyAt, locale, timeZone)}</dd>
        </dl>
      </Card>
    </div>
  );
}
