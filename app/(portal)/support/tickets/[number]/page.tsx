import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { AttachmentList } from "@/components/support/attachment-list";
import { Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDateTime, formatDurationMinutes } from "@/lib/format";
import { getTicketThread } from "@/lib/support/queries";
import { TicketPriorityBadge, TicketStatusBadge } from "../ticket-badges";
import { CloseTicketButton, RateTicketForm, ReopenTicketButton, ReplyForm } from "./ticket-forms";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.tickets");
  return { title: `${t("title")} · Portico` };
}

export default async function TicketPage({ params }: Props) {
  const actor = await requireCustomerActor("tickets.view");
  const { number } = await params;
  const [ticket, t, ts, locale, timeZone] = await Promise.all([
    getTicketThread(actor, number),
    getTranslations("sections"),
    getTranslations("support"),
    getLocale(),
    getTimeZone(),
  ]);
  if (!ticket) notFound();
  const mayWrite = can(actor, "tickets.create");
  const closed = ticket.status === "closed";
  const base = `/support/tickets/${encodeURIComponent(ticket.number)}`;

  return (
    <div className="space-y-6">
      <PageHeader back={{ href: "/support/tickets", label: t("tickets.back") }} title={ticket.subject} description={t("tickets.detail.number", { number: ticket.number })} />
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0 space-y-4">
          {!closed && !ticket.firstRespondedAt && ticket.firstResponseMinutes ? (
            <p className="rounded-md border border-border bg-surface-muted p-3 text-sm" data-testid="response-target">
              {ts(ticket.businessHoursOnly ? "responseTarget.businessHours" : "responseTarget.always", {
                priority: t(`tickets.priority.${ticket.priority}`).toLowerCase(),
                duration: formatDurationMinutes(ticket.firstResponseMinutes, locale),
              })}
            </p>
          ) : null}
          <ol className="space-y-4" aria-label={ts("thread.label")}>
            {ticket.messages.map((m) =>
              m.authorKind === "system" ? (
                <li key={m.id} className="text-center text-xs text-muted">
                  {ts(`thread.system.${systemEventKey(m.body)}`, { name: m.authorName })} · {formatDateTime(m.createdAt, locale, timeZone)}
                </li>
              ) : (
                <li key={m.id} data-testid="ticket-message" className={m.authorKind === "staff" ? "rounded-lg border border-accent/40 bg-accent/5 p-4" : "rounded-lg border border-border p-4"}>
                  <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
                    <span className="font-medium">
                      {m.authorName}
                      {m.authorKind === "staff" ? <span className="ml-2 text-xs text-muted">{ts("thread.staff")}</span> : null}
                    </span>
                    <time className="text-xs text-muted" dateTime={m.createdAt.toISOString()}>
                      {formatDateTime(m.createdAt, locale, timeZone)}
                    </time>
                  </div>
                  <Markdown source={m.body} />
                  {m.attachments.length ? <AttachmentList baseHref={`${base}/attachments`} attachments={m.attachments} /> : null}
                </li>
              ),
            )}
          </ol>
          {mayWrite && !closed ? <ReplyForm number={ticket.number} /> : null}
          {closed ? (
            <Card title={ts("closed.title")}>
              <div className="space-y-4">
                <RateTicketForm number={ticket.number} rating={ticket.rating} comment={ticket.ratingComment} />
                {mayWrite ? <ReopenTicketButton number={ticket.number} /> : null}
              </div>
            </Card>
          ) : null}
        </div>
        <aside className="space-y-4">
          <Card title={t("tickets.detail.overview")}>
            <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-2 text-sm">
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
              {ticket.service ? (
                <>
                  <dt className="text-muted">{ts("detail.service")}</dt>
                  <dd>
                    <Link href={`/services/${ticket.service.id}`} className="text-link hover:underline">
                      {ticket.service.label ?? ticket.service.name}
                    </Link>
                  </dd>
                </>
              ) : null}
              {ticket.domain ? (
                <>
                  <dt className="text-muted">{ts("detail.domain")}</dt>
                  <dd>
                    <Link href={`/domains/${ticket.domain.id}`} className="text-link hover:underline">
                      {ticket.domain.name}
                    </Link>
                  </dd>
                </>
              ) : null}
              <dt className="text-muted">{t("tickets.detail.created")}</dt>
              <dd>{formatDateTime(ticket.createdAt, locale, timeZone)}</dd>
              <dt className="text-muted">{t("tickets.detail.lastReply")}</dt>
              <dd>{formatDateTime(ticket.lastReplyAt, locale, timeZone)}</dd>
            </dl>
          </Card>
          {mayWrite && !closed ? <CloseTicketButton number={ticket.number} /> : null}
        </aside>
      </div>
    </div>
  );
}

const SYSTEM_EVENTS = ["closed", "reopened", "auto_closed"] as const;
/** System messages store an event key; anything unknown reads as a generic update. */
function systemEventKey(body: string): (typeof SYSTEM_EVENTS)[number] | "updated" {
  return (SYSTEM_EVENTS as readonly string[]).includes(body) ? (body as (typeof SYSTEM_EVENTS)[number]) : "updated";
}
