import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SlaCountdown } from "@/components/support/sla-countdown";
import { Button, EmptyState, FormField, Input, PageHeader, Pagination, Select, TBody, TD, TH, THead, TR, Table, cn } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { QUEUE_SLA_FILTERS, type StaffQueueParams, TICKET_PRIORITIES, TICKET_STATUSES, staffQueueParamsSchema } from "@/lib/support/schemas";
import { type StaffQueueItem, staffQueue } from "@/lib/support/staff-queries";
import { TicketPriorityBadge, TicketStatusBadge } from "@/app/(portal)/support/tickets/ticket-badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffTickets.queue");
  return { title: `${t("title")} · Portico` };
}

type SearchParams = Record<string, string | string[] | undefined>;

const STATUS_FILTERS = ["active", ...TICKET_STATUSES, "all"] as const;
const DEFAULTS: Omit<StaffQueueParams, "page"> = { department: "", status: "active", priority: "any", assignee: "any", sla: "any", q: "" };

/** The queue's URL for `params`, leaving out defaults so links stay short. */
function queueHref(params: Omit<StaffQueueParams, "page">): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) if (params[key] !== DEFAULTS[key]) search.set(key, params[key]);
  const qs = search.toString();
  return qs ? `/admin/tickets?${qs}` : "/admin/tickets";
}

const ticketHref = (number: string) => `/admin/tickets/${encodeURIComponent(number)}`;

export default async function StaffTicketQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireStaffActor("staff.tickets");
  const query = await searchParams;
  const params = staffQueueParamsSchema.parse(query);
  const [queue, t, tInbound, locale] = await Promise.all([staffQueue(actor, params), getTranslations("staffTickets"), getTranslations("inbound"), getLocale()]);
  const timeZone = safeTimeZone(actor.timeZone);
  const now = queue.now.toISOString();
  const filtered = (Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]).some((key) => params[key] !== DEFAULTS[key]);
  const activeTotal = queue.countsByDepartment.reduce((n, d) => n + d.count, 0);

  const due = (item: StaffQueueItem) =>
    item.dueAt ? <SlaCountdown dueAt={item.dueAt.toISOString()} now={now} absolute={formatDateTime(item.dueAt, locale, timeZone)} /> : <span className="text-muted">{t("queue.noDue")}</span>;

  return (
    <div>
      <PageHeader
        title={t("queue.title")}
        description={t("queue.description")}
        actions={
          <>
            <Button href="/admin/tickets/inbox" variant="secondary">
              {tInbound("title")}
            </Button>
            <Button href="/admin/tickets/canned" variant="secondary">
              {t("canned.title")}
            </Button>
          </>
        }
      />

      <nav aria-label={t("queue.departmentsLabel")} className="mb-4 flex flex-wrap gap-2">
        <DepartmentChip href={queueHref({ ...params, department: "" })} current={params.department === ""} label={t("queue.allDepartments")} count={activeTotal} />
        {queue.countsByDepartment.map((d) => (
          <DepartmentChip key={d.slug} href={queueHref({ ...params, department: d.slug })} current={params.department === d.slug} label={d.name} count={d.count} />
        ))}
      </nav>

      <form method="get" action="/admin/tickets" role="search" aria-label={t("queue.filtersLabel")} className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-border bg-surface p-3 sm:grid-cols-3 lg:grid-cols-6">
        <FormField id="queue-q" label={t("queue.filters.search")} className="col-span-2 sm:col-span-3 lg:col-span-6">
          <Input name="q" type="search" defaultValue={params.q} placeholder={t("queue.filters.searchPlaceholder")} />
        </FormField>
        <FormField id="queue-department" label={t("queue.filters.department")}>
          <Select name="department" defaultValue={params.department}>
            <option value="">{t("queue.allDepartments")}</option>
            {queue.countsByDepartment.map((d) => (
              <option key={d.slug} value={d.slug}>
                {d.name}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="queue-status" label={t("queue.filters.status")}>
          <Select name="status" defaultValue={params.status}>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`statusFilter.${s}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="queue-priority" label={t("queue.filters.priority")}>
          <Select name="priority" defaultValue={params.priority}>
            <option value="any">{t("queue.filters.anyPriority")}</option>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="queue-assignee" label={t("queue.filters.assignee")}>
          <Select name="assignee" defaultValue={params.assignee === "any" || params.assignee === "mine" || params.assignee === "none" ? params.assignee : "any"}>
            <option value="any">{t("queue.filters.assigneeAny")}</option>
            <option value="mine">{t("queue.filters.assigneeMine")}</option>
            <option value="none">{t("queue.filters.assigneeNone")}</option>
          </Select>
        </FormField>
        <FormField id="queue-sla" label={t("queue.filters.sla")}>
          <Select name="sla" defaultValue={params.sla}>
            {QUEUE_SLA_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`queue.filters.slaOptions.${s}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
          <Button type="submit" className="flex-1">
            {t("queue.filters.apply")}
          </Button>
          {filtered ? (
            <Button href="/admin/tickets" variant="ghost">
              {t("queue.filters.reset")}
            </Button>
          ) : null}
        </div>
      </form>

      <p className="mb-2 text-sm text-muted" aria-live="polite">
        {t("queue.total", { count: queue.total })}
      </p>

      {queue.items.length === 0 ? (
        <EmptyState title={filtered ? t("queue.emptyFiltered") : t("queue.empty")} description={filtered ? t("queue.emptyFilteredHint") : undefined} />
      ) : (
        <>
          {/* Phone: one card per ticket, most urgent first. */}
          <ul className="space-y-2 md:hidden" aria-label={t("queue.tableCaption")}>
            {queue.items.map((item) => (
              <li key={item.number} data-testid="queue-item" data-breached={item.breached || undefined} className={cn("rounded-lg border p-3", item.breached ? "border-danger/40 bg-danger-soft" : "border-border bg-surface")}>
                <div className="flex items-start justify-between gap-2">
                  <Link href={ticketHref(item.number)} className="min-w-0 font-medium text-accent hover:underline">
                    <span className="block font-mono text-xs text-muted">{item.number}</span>
                    <span className="block break-words">{item.subject}</span>
                  </Link>
                  <div className="shrink-0 text-right text-sm">{due(item)}</div>
                </div>
                <p className="mt-1 text-sm text-muted">
                  {item.customerName} · <span className="font-mono">{item.contractNumber}</span> · {item.department.name}
                </p>
                <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
                  <TicketStatusBadge status={item.status} />
                  <TicketPriorityBadge priority={item.priority} />
                  <span className="text-muted">{item.assignee ? item.assignee.name : t("queue.unassigned")}</span>
                </div>
              </li>
            ))}
          </ul>

          <div className="hidden md:block">
            <Table caption={t("queue.tableCaption")}>
              <THead>
                <tr>
                  <TH>{t("queue.columns.due")}</TH>
                  <TH>{t("queue.columns.ticket")}</TH>
                  <TH>{t("queue.columns.customer")}</TH>
                  <TH>{t("queue.columns.department")}</TH>
                  <TH>{t("queue.columns.status")}</TH>
                  <TH>{t("queue.columns.priority")}</TH>
                  <TH>{t("queue.columns.assignee")}</TH>
                  <TH>{t("queue.columns.lastReply")}</TH>
                </tr>
              </THead>
              <TBody>
                {queue.items.map((item) => (
                  <TR key={item.number} data-testid="queue-row" data-breached={item.breached || undefined} className={item.breached ? "bg-danger-soft hover:bg-danger-soft" : undefined}>
                    <TD>{due(item)}</TD>
                    <TD className="max-w-xs whitespace-normal">
                      <span className="block font-mono text-xs text-muted">{item.number}</span>
                      <Link href={ticketHref(item.number)} className="font-medium text-accent hover:underline">
                        {item.subject}
                      </Link>
                    </TD>
                    <TD>
                      <span className="block">{item.customerName}</span>
                      <span className="block font-mono text-xs text-muted">{item.contractNumber}</span>
                    </TD>
                    <TD>{item.department.name}</TD>
                    <TD>
                      <TicketStatusBadge status={item.status} />
                    </TD>
                    <TD>
                      <TicketPriorityBadge priority={item.priority} />
                    </TD>
                    <TD>{item.assignee ? item.assignee.name : <span className="text-muted">{t("queue.unassigned")}</span>}</TD>
                    <TD>{formatDateTime(item.lastReplyAt, locale, timeZone, "short")}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        </>
      )}
      <Pagination page={queue.page} pageCount={Math.ceil(queue.total / queue.pageSize)} pathname="/admin/tickets" searchParams={query} />
    </div>
  );
}

function DepartmentChip({ href, current, label, count }: { href: string; current: boolean; label: string; count: number }) {
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={cn(
        "inline-flex h-9 items-center gap-2 rounded-full border px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
        current ? "border-accent bg-accent text-accent-fg" : "border-border bg-surface text-fg hover:bg-surface-muted",
      )}
    >
      {label}
      <span className={cn("rounded-full px-1.5 text-xs tabular-nums", current ? "bg-accent-fg/20" : "bg-surface-muted text-muted")}>{count}</span>
    </Link>
  );
}
