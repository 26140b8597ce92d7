import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { CreateFtpForm } from "@/components/services/hosting/ftp-forms";
import { type HostingPageProps, HostingNotices, UsageCount, formatMb, hostingMetadata, pageOf } from "@/components/services/hosting/hosting-page-parts";
import { DeleteResource, PasswordChange } from "@/components/services/hosting/resource-actions";
import { Card, EmptyState, Pagination, Table, TBody, TD, TH, THead, TR, parsePage } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { getHostingFtpAccounts } from "@/lib/services/hosting";

export const generateMetadata = () => hostingMetadata("ftp");

export default async function HostingFtpPage({ params, searchParams }: HostingPageProps) {
  const actor = await requireCustomerActor("services.view");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [view, t, locale, timeZone] = await Promise.all([getHostingFtpAccounts(actor, id), getTranslations("hosting"), getLocale(), getTimeZone()]);
  if (!view) notFound();
  const { service } = view;
  const domain = service.domain ?? "";
  const list = view.data ? pageOf(view.data, parsePage(query.page)) : null;

  return (
    <div className="space-y-6">
      <HostingNotices service={service} errorKey={view.errorKey} />
      <Card id="ftp-accounts" title={t("ftp.title")} description={t("ftp.description", { host: domain })} action={view.data ? <UsageCount count={view.data.length} limit={service.limits.ftpAccounts} /> : null}>
        {list && list.items.length === 0 ? <EmptyState title={t("ftp.empty")} description={service.canManage ? t("ftp.emptyHint") : undefined} /> : null}
        {list && list.items.length > 0 ? (
          <Table caption={t("ftp.title")}>
            <THead>
              <TR>
                <TH>{t("ftp.login")}</TH>
                <TH>{t("ftp.directory")}</TH>
                <TH>{t("ftp.quota")}</TH>
                <TH>{t("common.created")}</TH>
                {service.canManage ? <TH>{t("common.actions")}</TH> : null}
              </TR>
            </THead>
            <TBody>
              {list.items.map((ftp) => (
                <TR key={ftp.id} data-testid="ftp-row">
                  <TD className="font-medium break-all">{ftp.login}</TD>
                  <TD className="font-mono text-xs">{ftp.directory}</TD>
                  <TD>{ftp.quotaMb === null ? t("common.noOwnLimit") : formatMb(ftp.quotaMb, locale)}</TD>
                  <TD>{formatDate(ftp.createdAt, locale, timeZone)}</TD>
                  {service.canManage ? (
                    <TD>
                      <div className="flex flex-wrap items-start gap-2">
                        <PasswordChange kind="ftp" serviceId={service.id} resourceId={ftp.id} name={ftp.login} />
                        <DeleteResource kind="ftp" serviceId={service.id} resourceId={ftp.id} name={ftp.login} />
                      </div>
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
        {list ? <Pagination page={list.page} pageCount={list.pageCount} pathname={`/services/${service.id}/ftp`} searchParams={query} /> : null}
      </Card>
      {service.canManage && view.data ? (
        <Card>
          <CreateFtpForm serviceId={service.id} domain={domain} />
        </Card>
      ) : null}
    </div>
  );
}
