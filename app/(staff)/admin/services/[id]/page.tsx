import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { formatCalendarDate, formatDateTime, formatMoney } from "@/lib/format";
import { type StaffAuditEntry, type StaffServiceDetail, getServiceForStaff } from "@/lib/services/staff-services";
import { ProvisioningBadge, ServiceStatusBadge, jobStatusTone } from "./service-badges";
import { MarkJobDoneButton, ModuleActions, RetryJobButton } from "./service-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffServices.detail");
  return { title: `${t("title")} · Portico` };
}

type Props = { params: Promise<{ id: string }> };
type Translate = Awaited<ReturnType<typeof getTranslations<"staffServices">>>;

/** "services.module.requested" → its label (message keys cannot hold dots); an unknown action reads as itself. */
function actionLabel(action: string, t: Translate): string {
  const key = `audit.actions.${action.replace(/\./g, "_")}`;
  return t.has(key) ? t(key as "audit.title") : action;
}

/** The few facts of an audit row worth a line: the operation, the reason, a note. */
function auditDetails(entry: StaffAuditEntry, t: Translate): string[] {
  const data = (entry.data && typeof entry.data === "object" ? entry.data : {}) as Record<string, unknown>;
  const out: string[] = [];
  if (typeof data.operation === "string" && t.has(`operation.${data.operation}`)) out.push(t(`operation.${data.operation}` as "operation.create"));
  for (const key of ["reason", "note"] as const) if (typeof data[key] === "string") out.push(data[key] as string);
  return out;
}

export default async function StaffServicePage({ params }: Props) {
  const actor = await requireStaffActor("staff.services");
  const { id } = await params;
  const [service, t, locale] = await Promise.all([getServiceForStaff(actor, id), getTranslations("staffServices"), getLocale()]);
  if (!service) notFound();
  const timeZone = safeTimeZone(actor.timeZone);
  const when = (d: Date) => formatDateTime(d, locale, timeZone);

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/admin/services", label: t("list.title") }}
        title={service.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ServiceStatusBadge status={service.status} />
            <ProvisioningBadge state={service.provisioningState} />
            {service.label ? <span>{service.label}</span> : null}
          </span>
        }
      />

      {service.provisioningState === "failed" && service.provisioningError ? (
        <Alert tone="danger" data-testid="provisioning-error">
          <p className="font-medium">{t("detail.provisioningFailed")}</p>
          <p className="mt-1 break-words font-mono text-xs">{service.provisioningError}</p>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card id="overview" title={t("detail.overview")}>
          <Overview service={service} t={t} locale={locale} when={when} />
        </Card>
        <Card id="module-actions" title={t("actions.title")} description={t("actions.description")}>
          <ModuleActions serviceId={service.id} serviceName={service.name} refusals={service.refusals} packages={service.packages} />
        </Card>
      </div>

      {service.cancellations.length ? (
        <Card id="cancellations" title={t("cancellations.title")} description={t("cancellations.description")}>
          <ul className="space-y-3 text-sm">
            {service.cancellations.map((c) => (
              <li key={c.id} className="rounded-md border border-border p-3">
                <p className="font-medium">
                  {t(`cancellations.timing.${c.timing}`)} · {t("cancellations.effectiveOn", { date: formatCalendarDate(c.effectiveOn, locale) })}
                </p>
                <p className="mt-1 whitespace-pre-line">{c.reason}</p>
                <p className="mt-1 text-xs text-muted">{t("cancellations.requested", { when: when(c.createdAt), who: c.requestedBy ?? t("detail.unknownUser") })}</p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card id="jobs" title={t("jobs.title")} description={t("jobs.description")}>
        {service.jobs.length === 0 ? (
          <EmptyState title={t("jobs.empty")} description={t("jobs.emptyHint")} />
        ) : (
          <Table caption={t("jobs.caption")}>
            <THead>
              <tr>
                <TH>{t("jobs.columns.operation")}</TH>
                <TH>{t("jobs.columns.status")}</TH>
                <TH className="text-right">{t("jobs.columns.attempts")}</TH>
                <TH>{t("jobs.columns.requested")}</TH>
                <TH>{t("jobs.columns.finished")}</TH>
                <TH>{t("jobs.columns.error")}</TH>
                <TH>
                  <span className="sr-only">{t("jobs.columns.actions")}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {service.jobs.map((job) => {
                const label = `${t(`operation.${job.operation}`)} · ${when(job.createdAt)}`;
                return (
                  <TR key={job.id} data-testid="job-row">
                    <TD className="font-medium">{t(`operation.${job.operation}`)}</TD>
                    <TD>
                      <Badge tone={jobStatusTone(job.status)}>{t(`jobStatus.${job.status}`)}</Badge>
                    </TD>
                    <TD className="text-right tabular-nums">{t("jobs.attempts", { attempts: job.attempts, max: job.maxAttempts })}</TD>
                    <TD>
                      <span className="block">{when(job.createdAt)}</span>
                      <span className="block text-xs text-muted">{job.requestedBy ?? t("jobs.system")}</span>
                    </TD>
                    <TD>{job.finishedAt ? when(job.finishedAt) : job.status === "retrying" ? t("jobs.nextTry", { when: when(job.runAfter) }) : "—"}</TD>
                    <TD className="max-w-xs whitespace-normal break-words font-mono text-xs">{job.lastError ?? "—"}</TD>
                    <TD>
                      <div className="flex flex-wrap gap-2">
                        {job.canRetry ? <RetryJobButton jobId={job.id} label={label} /> : null}
                        {job.canMarkDone ? <MarkJobDoneButton jobId={job.id} label={label} /> : null}
                      </div>
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>

      <Card id="audit" title={t("audit.title")} description={t("audit.description")}>
        {service.audit.length === 0 ? (
          <p className="text-sm text-muted">{t("audit.empty")}</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {service.audit.map((entry) => (
              <li key={entry.id} className="flex flex-col gap-0.5 border-b border-border pb-2 last:border-0 sm:flex-row sm:gap-3">
                <time className="shrink-0 text-xs text-muted sm:w-44" dateTime={entry.createdAt.toISOString()}>
                  {when(entry.createdAt)}
                </time>
                <span>
                  <span className="font-medium">{actionLabel(entry.action, t)}</span>
                  {entry.actorName ? <span className="text-muted"> · {entry.actorName}</span> : null}
                  {auditDetails(entry, t).map((detail, i) => (
                    <span key={i} className="block break-words text-xs text-muted">
                      {detail}
                    </span>
                  ))}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}

function Overview({ service, t, locale, when }: { service: StaffServiceDetail; t: Translate; locale: string; when: (d: Date) => string }) {
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid grid-cols-1 gap-1 py-1.5 sm:grid-cols-[10rem_1fr] sm:gap-3">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-words">{value}</dd>
    </div>
  );
  return (
    <dl className="divide-y divide-border text-sm">
      {row(
        t("detail.customer"),
        <>
          <Link href={`/admin/services?customer=${service.customer.id}`} className="font-medium text-accent hover:underline" data-testid="customer-link">
            {service.customer.name}
          </Link>
          <span className="ml-2 font-mono text-xs text-muted">{service.customer.contractNumber}</span>
        </>,
      )}
      {row(t("detail.kind"), t(`kind.${service.kind}`))}
      {row(t("detail.product"), service.product ? `${service.product.name}${service.product.packageName ? ` (${service.product.packageName})` : ""}` : t("detail.none"))}
      {row(
        t("detail.server"),
        service.server ? (
          <>
            {service.server.name} <span className="font-mono text-xs text-muted">{service.server.hostname}</span>
            {service.server.location ? <span className="block text-xs text-muted">{service.server.location}</span> : null}
          </>
        ) : (
          t("detail.none")
        ),
      )}
      {row(t("detail.domain"), service.domain ? <span className="font-mono">{service.domain}</span> : t("detail.none"))}
      {row(t("detail.username"), service.username ? <span className="font-mono">{service.username}</span> : t("detail.none"))}
      {row(
        t("detail.price"),
        service.recurringMinor !== null && service.billingCycle ? `${formatMoney(service.recurringMinor, service.customer.currency, locale)} · ${t(`cycle.${service.billingCycle}`)}` : t("detail.none"),
      )}
      {row(t("detail.nextDue"), service.nextDueDate ? formatCalendarDate(service.nextDueDate, locale) : t("detail.none"))}
      {service.status === "suspended"
        ? row(
            t("detail.suspended"),
            <>
              <span className="block">{service.suspendedAt ? when(service.suspendedAt) : "—"}</span>
              <span className="block text-xs text-muted" data-testid="suspend-reason">
                {service.staffSuspension ? t("detail.staffSuspension") : service.suspendReason === "overdue" ? t("detail.overdueSuspension") : null} {service.suspendReason}
              </span>
            </>,
          )
        : null}
      {service.terminatedAt ? row(t("detail.terminated"), when(service.terminatedAt)) : null}
      {service.cancelAt ? row(t("detail.cancelAt"), formatCalendarDate(service.cancelAt, locale)) : null}
      {row(t("detail.created"), when(service.createdAt))}
    </dl>
  );
}
