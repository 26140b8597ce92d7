import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { BackupRowActions, CreateBackupButton } from "@/components/services/hosting/backup-actions";
import { type HostingPageProps, HostingNotices, formatMb, hostingMetadata, pageOf } from "@/components/services/hosting/hosting-page-parts";
import { Badge, Card, EmptyState, Pagination, Table, TBody, TD, TH, THead, TR, type Tone, parsePage } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getHostingBackups } from "@/lib/services/hosting";

export const generateMetadata = () => hostingMetadata("backups");

const STATUS_TONES: Record<"running" | "ready" | "restoring" | "failed", Tone> = { running: "info", ready: "success", restoring: "warning", failed: "danger" };

export default async function HostingBackupsPage({ params, searchParams }: HostingPageProps) {
  const actor = await requireCustomerActor("services.view");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [view, t, locale, timeZone] = await Promise.all([getHostingBackups(actor, id), getTranslations("hosting"), getLocale(), getTimeZone()]);
  if (!view) notFound();
  const { service } = view;
  const list = view.data ? pageOf(view.data, parsePage(query.page)) : null;
  const busy = view.data?.some((b) => b.status === "running" || b.status === "restoring") ?? false;

  return (
    <div className="space-y-6">
      <HostingNotices service={service} errorKey={view.errorKey} />
      <Card id="backups" title={t("backups.title")} description={t("backups.description")} action={service.canManage && view.data ? <CreateBackupButton serviceId={service.id} disabled={busy} /> : null}>
        {busy ? <p className="mb-3 text-sm text-muted">{t("backups.busy")}</p> : null}
        {list && list.items.length === 0 ? <EmptyState title={t("backups.empty")} description={t("backups.emptyHint")} /> : null}
        {list && list.items.length > 0 ? (
          <Table caption={t("backups.title")}>
            <THead>
              <TR>
                <TH>{t("backups.created")}</TH>
                <TH>{t("backups.kind")}</TH>
                <TH>{t("backups.status")}</TH>
                <TH>{t("backups.size")}</TH>
                <TH>{t("backups.restoredAt")}</TH>
                {service.canManage ? <TH>{t("common.actions")}</TH> : null}
              </TR>
            </THead>
            <TBody>
              {list.items.map((backup) => {
                const name = formatDateTime(backup.createdAt, locale, timeZone);
                return (
                  <TR key={backup.id} data-testid="backup-row">
                    <TD className="font-medium">{name}</TD>
                    <TD>{backup.kind === "daily" ? t("backups.kinds.daily") : t("backups.kinds.manual")}</TD>
                    <TD>
                      <Badge tone={STATUS_TONES[backup.status]}>{t(`backups.statuses.${backup.status}`)}</Badge>
                    </TD>
                    <TD>{formatMb(backup.sizeMb, locale)}</TD>
                    <TD>{backup.restoredAt ? formatDateTime(backup.restoredAt, locale, timeZone) : t("common.none")}</TD>
                    {service.canManage ? (
                      <TD>{backup.status === "ready" ? <BackupRowActions serviceId={service.id} backupId={backup.id} name={name} /> : null}</TD>
                    ) : null}
                  </TR>
                );
              })}
            </TBody>
          </Table>
        ) : null}
        {list ? <Pagination page={list.page} pageCount={list.pageCount} pathname={`/services/${service.id}/backups`} searchParams={query} /> : null}
      </Card>
    </div>
  );
}
