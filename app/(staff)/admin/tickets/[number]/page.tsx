import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { AttachmentList } from "@/components/support/attachment-list";
import { SlaCountdown } from "@/components/support/sla-countdown";
import { Badge, Card, PageHeader, type Tone, cn } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDateTime, formatMoney } from "@/lib/format";
import type { ServiceStatus } from "@/lib/generated/prisma/enums";
import { cannedRepliesForTicket } from "@/lib/support/canned-replies";
import { type StaffTicketDetail, staffTicketDetail, staffTicketFormOptions } from "@/lib/support/staff-queries";
import { TicketPriorityBadge, TicketStatusBadge } from "@/app/(portal)/support/tickets/ticket-badges";
import { StaffReplyForm, SupportPinCheckForm, TicketPropertiesForm } from "./staff-ticket-forms";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ number }, t] = await Promise.all([params, getTranslations("staffTickets.queue")]);
  return { title: `${number} · ${t("title")} · Portico` };
}

type Fmt = { locale: string; timeZone: string };

const SYSTEM_EVENTS = ["closed", "reopened", "auto_closed", "escalated"] as const;
/** System messages store an event key; anything unknown reads as a generic update. */
function systemEventKey(body: string): (typeof SYSTEM_EVENTS)[number] | "updated" {
  return (SYSTEM_EVENTS as readonly string[]).includes(body) ? (body as (typeof SYSTEM_EVENTS)[number]) : "updated";
}

const SERVICE_TONES: Record<ServiceStatus, Tone> = { pending: "info", active: "success", suspended: "warning", cancelled: "neutral", terminated: "neutral" };

export default async function StaffTicketPage({ params }: Props) {
  const actor = await requireStaffActor("staff.tickets");
  const { number } = await params;
  const [ticket, options, t, locale] = await Promise.all([staffTicketDetail(actor, number), staffTicketFormOptions(actor, number), getTranslations("staffTickets"), getLocale()]);
  if (!ticket || !options) notFound();
  const canned = await cannedRepliesForTicket(actor, ticket.department.id, {
    customer: { name: ticket.customer.name, contract: ticket.customer.contractNumber },
    contact: ticket.contactUser,
    ticket: { number: ticket.number, subject: ticket.subject },
    staff: { name: actor.name },
  });
  const fmt: Fmt = { locale, timeZone: safeTimeZone(actor.timeZone) };
  const base = `/admin/tickets/${encodeURIComponent(ticket.number)}`;

  return (
    <div>
      <PageHeader
        back={{ href: "/admin/tickets", label: t("detail.back") }}
        title={ticket.subject}
        description={t("detail.subtitle", { number: ticket.number, customer: ticket.customer.name, contract: ticket.customer.contractNumber })}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-4">
          <ol className="space-y-4" aria-label={t("thread.label")}>
            {ticket.messages.map((m) => (
              <Message key={m.id} message={m} base={base} fmt={fmt} />
            ))}
          </ol>
          <StaffReplyForm number={ticket.number} canned={canned} />
        </div>

        <aside className="min-w-0 space-y-4" aria-label={t("detail.sidebar")}>
          <Card id="ticket-overview" title={t("detail.overview")}>
            <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
              <dt className="text-muted">{t("detail.due")}</dt>
              <dd>
                {ticket.dueAt ? (
                  <SlaCountdown dueAt={ticket.dueAt.toISOString()} now={ticket.now.toISOString()} absolute={formatDateTime(ticket.dueAt, fmt.locale, fmt.timeZone)} />
                ) : (
                  <span className="text-muted">{t("queue.noDue")}</span>
                )}
              </dd>
              <dt className="text-muted">{t("detail.status")}</dt>
              <dd>
                <TicketStatusBadge status={ticket.status} />
              </dd>
              <dt className="text-muted">{t("detail.priority")}</dt>
              <dd>
                <TicketPriorityBadge priority={ticket.priority} />
              </dd>
              <dt className="text-muted">{t("detail.opened")}</dt>
              <dd>{formatDateTime(ticket.createdAt, fmt.locale, fmt.timeZone)}</dd>
              <dt className="text-muted">{t("detail.source")}</dt>
              <dd>{t(`detail.sources.${ticket.source}`)}</dd>
              {ticket.domain ? (
                <>
                  <dt className="text-muted">{t("detail.domain")}</dt>
                  <dd className="break-words">{ticket.domain.name}</dd>
                </>
              ) : null}
              {ticket.rating ? (
                <>
                  <dt className="text-muted">{t("detail.rating")}</dt>
                  <dd>
                    {t("detail.ratingValue", { rating: ticket.rating })}
                    {ticket.ratingComment ? <span className="block text-muted">{ticket.ratingComment}</span> : null}
                  </dd>
                </>
              ) : null}
            </dl>
          </Card>

          <Card id="ticket-properties" title={t("properties.title")}>
            <TicketPropertiesForm
              me={actor.userId}
              values={{
                number: ticket.number,
                departmentId: ticket.department.id,
                priority: ticket.priority,
                status: ticket.status,
                assigneeId: ticket.assignee?.id ?? "",
                serviceId: ticket.service?.id ?? "",
              }}
              departments={options.departments}
              assignees={options.assignees}
              services={options.services}
            />
          </Card>

          <CustomerCard ticket={ticket} />

          <Card id="support-pin-check" title={t("pin.title")} description={t("pin.description")}>
            <SupportPinCheckForm customerId={ticket.customer.id} />
          </Card>

          <Card id="customer-services" title={t("side.services")}>
            {ticket.side.services.length === 0 ? (
              <p className="text-sm text-muted">{t("side.noServices")}</p>
            ) : (
              <ul className="divide-y divide-border text-sm">
                {ticket.side.services.map((s) => (
                  <li key={s.id} className="flex items-center justify-between gap-2 py-2">
                    <span className="min-w-0 break-words">
                      {s.label ?? s.name}
                      {s.label ? <span className="block text-xs text-muted">{s.name}</span> : null}
                      {ticket.service?.id === s.id ? <span className="block text-xs font-medium text-accent">{t("side.linked")}</span> : null}
                    </span>
                    <Badge tone={SERVICE_TONES[s.status]}>{t(`serviceStatus.${s.status}`)}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card id="customer-invoices" title={t("side.invoices")}>
            {ticket.side.invoices.length === 0 ? (
              <p className="text-sm text-muted">{t("side.noUnpaid")}</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {ticket.side.invoices.map((g) => (
                  <li key={g.currency} className="rounded-md border border-border p-2">
                    <span className="block">{t("side.unpaid", { count: g.unpaidCount, amount: formatMoney(g.unpaidMinor, g.currency, fmt.locale) })}</span>
                    {g.overdueCount > 0 ? (
                      <span className="block font-medium text-danger">{t("side.overdue", { count: g.overdueCount, amount: formatMoney(g.overdueMinor, g.currency, fmt.locale) })}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card id="customer-recent-tickets" title={t("side.recentTickets")}>
            {ticket.side.recentTickets.length === 0 ? (
              <p className="text-sm text-muted">{t("side.noRecentTickets")}</p>
            ) : (
              <ul className="divide-y divide-border text-sm">
                {ticket.side.recentTickets.map((r) => (
                  <li key={r.number} className="py-2">
                    <Link href={`/admin/tickets/${encodeURIComponent(r.number)}`} className="font-medium text-accent hover:underline">
                      {r.subject}
                    </Link>
                    <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
                      <span className="font-mono">{r.number}</span>
                      <TicketStatusBadge status={r.status} />
                      <span>{formatDateTime(r.lastReplyAt, fmt.locale, fmt.timeZone, "short")}</span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </aside>
      </div>
    </div>
  );
}

async function CustomerCard({ ticket }: { ticket: StaffTicketDetail }) {
  const t = await getTranslations("staffTickets.side");
  return (
    <Card id="ticket-customer" title={t("customer")}>
      <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
        <dt className="text-muted">{t("name")}</dt>
        <dd className="break-words">{ticket.customer.name}</dd>
        <dt className="text-muted">{t("contract")}</dt>
        <dd className="font-mono">{ticket.customer.contractNumber}</dd>
        <dt className="text-muted">{t("email")}</dt>
        <dd className="break-all">{ticket.customer.email}</dd>
        {ticket.customer.phone ? (
          <>
            <dt className="text-muted">{t("phone")}</dt>
            <dd>{ticket.customer.phone}</dd>
          </>
        ) : null}
        <dt className="text-muted">{t("contact")}</dt>
        <dd className="break-words">
          {ticket.contactUser ? (
            <>
              {ticket.contactUser.name}
              <span className="block break-all text-xs text-muted">{ticket.contactUser.email}</span>
            </>
          ) : (
            <span className="text-muted">{t("noContact")}</span>
          )}
        </dd>
      </dl>
    </Card>
  );
}

async function Message({ message: m, base, fmt }: { message: StaffTicketDetail["messages"][number]; base: string; fmt: Fmt }) {
  const t = await getTranslations("staffTickets.thread");
  const at = (
    <time className="text-xs text-muted" dateTime={m.createdAt.toISOString()}>
      {formatDateTime(m.createdAt, fmt.locale, fmt.timeZone)}
    </time>
  );
  if (m.authorKind === "system") {
    return (
      <li className="text-center text-xs text-muted" data-testid="system-message">
        {t(`system.${systemEventKey(m.body)}`, { name: m.authorName })} · {at}
      </li>
    );
  }
  const style = m.internal
    ? "border-2 border-dashed border-warning/60 bg-warning-soft"
    : m.authorKind === "staff"
      ? "border border-accent/40 bg-accent/5"
      : "border border-border bg-surface";
  return (
    <li data-testid={m.internal ? "internal-note" : "ticket-message"} className={cn("rounded-lg p-4", style)}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{m.authorName}</span>
          {m.internal ? (
            <Badge tone="warning">{t("internalNote")}</Badge>
          ) : m.authorKind === "staff" ? (
            <span className="text-xs text-muted">{t("staff")}</span>
          ) : (
            <span className="text-xs text-muted">{t("customer")}</span>
          )}
          {m.source === "email" ? <span className="text-xs text-muted">{t("viaEmail")}</span> : null}
        </span>
        {at}
      </div>
      {m.internal ? <p className="mb-2 text-xs text-warning">{t("internalNoteHint")}</p> : null}
      <Markdown source={m.body} />
      {m.attachments.length ? <AttachmentList baseHref={`${base}/attachments`} attachments={m.attachments} className="mt-3" /> : null}
    </li>
  );
}
