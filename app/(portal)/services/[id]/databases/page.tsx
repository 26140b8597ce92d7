import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { CreateDatabaseForm } from "@/components/services/hosting/database-forms";
import { type HostingPageProps, HostingNotices, UsageCount, formatMb, hostingMetadata, pageOf } from "@/components/services/hosting/hosting-page-parts";
import { DeleteResource, PasswordChange } from "@/components/services/hosting/resource-actions";
import { Card, EmptyState, Pagination, Table, TBody, TD, TH, THead, TR, parsePage } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { getHostingDatabases } from "@/lib/services/hosting";

export const generateMetadata = () => hostingMetadata("databases");

export default async function HostingDatabasesPage({ params, searchParams }: HostingPageProps) {
  const actor = await requireCustomerActor("services.view");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [view, t, locale, timeZone] = await Promise.all([getHostingDatabases(actor, id), getTranslations("hosting"), getLocale(), getTimeZone()]);
  if (!view) notFound();
  const { service } = view;
  const list = view.data ? pageOf(view.data, parsePage(query.page)) : null;

  return (
    <div className="space-y-6">
      <HostingNotices service={service} errorKey={view.errorKey} />
      <Card id="databases" title={t("databases.title")} description={t("databases.description")} action={view.data ? <UsageCount count={view.data.length} limit={service.limits.databases} /> : null}>
        {list && list.items.length === 0 ? <EmptyState title={t("databases.empty")} description={service.canManage ? t("databases.emptyHint") : undefined} /> : null}
        {list && list.items.length > 0 ? (
          <Table caption={t("databases.title")}>
            <THead>
              <TR>
                <TH>{t("databases.name")}</TH>
                <TH>{t("databases.user")}</TH>
                <TH>{t("databases.size")}</TH>
                <TH>{t("common.created")}</TH>
                {service.canManage ? <TH>{t("common.actions")}</TH> : null}
              </TR>
            </THead>
            <TBody>
              {list.items.map((database) => (
                <TR key={database.id} data-testid="database-row">
                  <TD className="font-mono font-medium break-all">{database.name}</TD>
                  <TD className="font-mono break-all">{database.dbUser}</TD>
                  <TD>{formatMb(database.sizeMb, locale)}</TD>
                  <TD>{formatDate(database.createdAt, locale, timeZone)}</TD>
                  {service.canManage ? (
                    <TD>
                      <div className="flex flex-wrap items-start gap-2">
                        <PasswordChange kind="database" serviceId={service.id} resourceId={database.id} name={database.dbUser} />
                        <DeleteResource kind="database" serviceId={service.id} resourceId={database.id} name={database.name} />
                      </div>
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
        {list ? <Pagination page={list.page} pageCount={list.pageCount} pathname={`/services/${service.id}/databases`} searchParams={query} /> : null}
      </Card>
      {service.canManage && view.data ? (
        <Card>
          <CreateDatabaseForm serviceId={service.id} username={service.username} />
        </Card>
      ) : null}
    </div>
  );
}
