import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Badge, Button, EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table, type Tone } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { listCancellationRequests } from "@/lib/services/cancellation";
import { CANCELLATION_STATUSES, cancellationListParamsSchema } from "@/lib/services/cancellation-schemas";
import { CancellationDecision } from "./cancellation-decision";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffServices.cancellationRequests");
  return { title: `${t("title")} · Portico` };
}

const FILTERS = [...CANCELLATION_STATUSES, "any"] as const;
const STATUS_TONES: Record<(typeof CANCELLATION_STATUSES)[number], Tone> = { requested: "warning", processed: "success", rejected: "danger", withdrawn: "neutral" };

/** Cancellation requests for staff (staff.services): the open ones first, oldest first; approve or reject each. */
export default async function CancellationRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.services");
  const query = await searchParams;
  const params = cancellationListParamsSchema.parse(query);
  const [list, t, tServices, locale, timeZone] = await Promise.all([
    listCancellationRequests(actor, params),
    getTranslations("staffServices.cancellationRequests"),
    getTranslations("staffServices"),
    getLocale(),
    getTimeZone(),
  ]);

  return (
    <div>
      <PageHeader back={{ href: "/admin/services", label: tServices("list.title") }} title={t("title")} description={t("description")} />
      <nav aria-label={t("filterLabel")} className="mb-4 flex flex-wrap gap-2">
        {FILTERS.map((status) => (
          <Button
            key={status}
            href={status === "requested" ? "/admin/services/cancellations" : `/admin/services/cancellations?status=${status}`}
            size="sm"
            variant={status === params.status ? "primary" : "secondary"}
            aria-current={status === params.status ? "page" : undefined}
          >
            {t(`filters.${status}`)}
          </Button>
        ))}
      </nav>
      <p className="mb-2 text-sm text-muted" aria-live="polite">
        {t("total", { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        <EmptyState title={t(`empty.${params.status}`)} description={t("emptyHint")} />
      ) : (
        <Table caption={t("caption")}>
          <THead>
            <tr>
              <TH>{t("columns.service")}</TH>
              <TH>{t("columns.customer")}</TH>
              <TH>{t("columns.when")}</TH>
              <TH>{t("columns.reason")}</TH>
              <TH>{t("columns.status")}</TH>
              <TH>{t("columns.decision")}</TH>
            </tr>
          </THead>
          <TBody>
            {list.items.map((r) => (
              <TR key={r.id} data-testid="cancellation-row" data-status={r.status}>
                <TD className="max-w-xs whitespace-normal align-top">
                  <Link href={`/admin/services/${r.service.id}`} className="font-medium text-accent hover:underline">
                    {r.service.name}
                  </Link>
                  {r.service.label ? <span className="block text-xs text-muted">{r.service.label}</span> : null}
                  <span className="block text-xs text-muted">{tServices(`status.${r.service.status}`)}</span>
                </TD>
                <TD className="align-top">
                  <Link href={`/admin/customers/${r.customer.id}`} className="block hover:underline">
                    {r.customer.name}
                  </Link>
                  <span className="block font-mono text-xs text-muted">{r.customer.contractNumber}</span>
                </TD>
                <TD className="whitespace-normal align-top text-xs">
                  <span className="block font-medium">{tServices(`cancellations.timing.${r.timing}`)}</span>
                  <span className="block">{t("effectiveOn", { date: formatCalendarDate(r.effectiveOn, locale) })}</span>
                  <span className="block text-muted">{t("requested", { when: formatDateTime(r.createdAt, locale, timeZone, "short"), who: r.requestedBy?.name ?? t("someone") })}</span>
                </TD>
                <TD className="max-w-sm whitespace-pre-line align-top text-sm">{r.reason}</TD>
                <TD className="whitespace-normal align-top">
                  <Badge tone={STATUS_TONES[r.status]}>{t(`filters.${r.status}`)}</Badge>
                  {r.processedAt ? <span className="mt-1 block text-xs text-muted">{formatDateTime(r.processedAt, locale, timeZone, "short")}</span> : null}
                  {r.staffNote ? <span className="mt-1 block max-w-xs whitespace-pre-line text-xs">{r.staffNote}</span> : null}
                </TD>
                <TD className="align-top">
                  {r.status === "requested" ? <CancellationDecision requestId={r.id} serviceName={r.service.name} timing={r.timing} /> : <span className="text-muted">—</span>}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={list.page} pageCount={Math.ceil(list.total / list.pageSize)} pathname="/admin/services/cancellations" searchParams={query} />
    </div>
  );
}
