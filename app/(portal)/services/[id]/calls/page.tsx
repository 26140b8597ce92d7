import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Button, Card, EmptyState, FormField, Input, Select, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatCalendarDate, formatDateTime, formatMoney } from "@/lib/format";
import { listCallRecords } from "@/lib/services/calls";
import { formatCallDuration } from "@/lib/services/usage-format";
import { CALL_DIRECTIONS, type CallListParams } from "@/lib/services/usage-schemas";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("serviceUsage.calls");
  return { title: `${t("title")} · Portico` };
}

/** The list's URL with the filter and at most one cursor. */
function callsHref(serviceId: string, filter: { from: string; to: string; direction: string }, cursor?: { older?: string; newer?: string }, suffix = "") {
  const search = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.direction !== "all") search.set("direction", filter.direction);
  if (cursor?.older) search.set("older", cursor.older);
  if (cursor?.newer) search.set("newer", cursor.newer);
  return `/services/${serviceId}/calls${suffix}?${search.toString()}`;
}

/** VoIP call records (usage.voip): date and direction filter, totals for the filter, keyset pages, CSV. */
export default async function CallRecordsPage({ params, searchParams }: Props) {
  const actor = await requireCustomerActor("usage.voip");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [page, t, locale] = await Promise.all([listCallRecords(actor, id, query as CallListParams), getTranslations("serviceUsage.calls"), getLocale()]);
  if (!page) notFound();
  const { filter, totals } = page;
  const filtered = Boolean(query.from || query.to || (query.direction && query.direction !== "all"));
  const paging = page.olderCursor || page.newerCursor;
  const days = { from: formatCalendarDate(new Date(`${filter.from}T00:00:00Z`), locale), to: formatCalendarDate(new Date(`${filter.to}T00:00:00Z`), locale) };

  return (
    <div className="space-y-6">
      <form method="get" action={`/services/${id}/calls`} role="search" aria-label={t("filtersLabel")} className="grid grid-cols-2 gap-3 rounded-lg border border-border bg-surface p-3 sm:grid-cols-4">
        <FormField id="calls-from" label={t("from")}>
          <Input type="date" name="from" defaultValue={filter.from} required />
        </FormField>
        <FormField id="calls-to" label={t("to")}>
          <Input type="date" name="to" defaultValue={filter.to} required />
        </FormField>
        <FormField id="calls-direction" label={t("direction")} className="col-span-2 sm:col-span-1">
          <Select name="direction" defaultValue={filter.direction}>
            {CALL_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`directions.${d}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <div className="col-span-2 flex flex-wrap items-end gap-2 sm:col-span-1">
          <Button type="submit">{t("apply")}</Button>
          {filtered ? (
            <Button href={`/services/${id}/calls`} variant="ghost">
              {t("reset")}
            </Button>
          ) : null}
        </div>
      </form>

      <Card
        title={t("totals.title")}
        description={t("totals.period", days)}
        action={
          totals.count > 0 ? (
            <Button href={callsHref(id, filter, undefined, "/csv")} variant="secondary" size="sm" prefetch={false} data-testid="calls-csv">
              {t("csv")}
            </Button>
          ) : null
        }
      >
        <dl className="grid gap-4 sm:grid-cols-3" data-testid="call-totals">
          <div>
            <dt className="text-sm text-muted">{t("totals.calls")}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid="call-count">
              {new Intl.NumberFormat(locale).format(totals.count)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("totals.duration")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{formatCallDuration(totals.durationSec)}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("totals.cost")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">
              {totals.costs.length === 0
                ? "—"
                : totals.costs.map((c) => (
                    <span key={c.currency} className="block" data-testid={`call-cost-${c.currency}`}>
                      {formatMoney(c.costMinor, c.currency, locale)}
                    </span>
                  ))}
            </dd>
          </div>
        </dl>
      </Card>

      <section aria-labelledby="calls-list-title" className="space-y-3">
        <h2 id="calls-list-title" className="text-lg font-semibold">
          {t("listTitle")}
        </h2>
        {page.items.length === 0 ? (
          <EmptyState title={filtered || page.newerCursor ? t("emptyFiltered") : t("empty")} description={t("emptyHint", days)} />
        ) : (
          <Table caption={t("tableCaption", { ...days, timeZone: page.timeZone })}>
            <THead>
              <tr>
                <TH>{t("columns.time")}</TH>
                <TH>{t("columns.direction")}</TH>
                <TH>{t("columns.from")}</TH>
                <TH>{t("columns.to")}</TH>
                <TH className="text-right">{t("columns.duration")}</TH>
                <TH className="text-right">{t("columns.cost")}</TH>
              </tr>
            </THead>
            <TBody>
              {page.items.map((call) => (
                <TR key={call.id} data-testid="call-row">
                  <TD className="tabular-nums">
                    <time dateTime={call.startedAt.toISOString()}>{formatDateTime(call.startedAt, locale, page.timeZone, "short")}</time>
                  </TD>
                  <TD>
                    <Badge tone={call.direction === "inbound" ? "info" : "neutral"}>{t(`directions.${call.direction}`)}</Badge>
                  </TD>
                  <TD className="font-mono text-xs">{call.fromNumber}</TD>
                  <TD className="font-mono text-xs">{call.toNumber}</TD>
                  <TD className="text-right tabular-nums">{call.durationSec === 0 ? t("unanswered") : formatCallDuration(call.durationSec)}</TD>
                  <TD className="text-right tabular-nums">{formatMoney(call.costMinor, call.currency, locale)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {paging ? (
          <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2">
            {page.newerCursor ? (
              <Link href={callsHref(id, filter, { newer: page.newerCursor })} rel="prev" className="inline-flex h-9 items-center rounded-md border border-border bg-surface px-3 text-sm font-medium hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
                {t("newer")}
              </Link>
            ) : (
              <span aria-disabled="true" className="inline-flex h-9 items-center rounded-md border border-border px-3 text-sm text-muted opacity-50">
                {t("newer")}
              </span>
            )}
            <Link href={callsHref(id, filter)} className="text-sm text-accent hover:underline">
              {t("newest")}
            </Link>
            {page.olderCursor ? (
              <Link href={callsHref(id, filter, { older: page.olderCursor })} rel="next" className="inline-flex h-9 items-center rounded-md border border-border bg-surface px-3 text-sm font-medium hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
                {t("older")}
              </Link>
            ) : (
              <span aria-disabled="true" className="inline-flex h-9 items-center rounded-md border border-border px-3 text-sm text-muted opacity-50">
                {t("older")}
              </span>
            )}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
