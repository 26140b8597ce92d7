import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button, EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatCalendarDate } from "@/lib/format";
import { listServices } from "@/lib/services/queries";
import { serviceListParamsSchema } from "@/lib/services/schemas";
import { ServiceStatusBadge } from "./service-status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.services");
  return { title: `${t("title")} · Portico` };
}

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("services.view");
  const query = await searchParams;
  const params = serviceListParamsSchema.parse(query);
  const [result, t, locale] = await Promise.all([listServices(actor, params), getTranslations("sections"), getLocale()]);
  const none = t("common.none");

  return (
    <div>
      <PageHeader
        title={t("services.title")}
        description={t("services.description")}
        actions={can(actor, "orders.place") ? <Button href="/services/order">{t("services.orderNew")}</Button> : null}
      />
      {result.items.length === 0 ? (
        <EmptyState title={params.status ? t("services.emptyFiltered") : t("services.empty")} description={t("services.emptyHint")} />
      ) : (
        <Table caption={t("services.table.caption")}>
          <THead>
            <TR>
              <TH>{t("services.table.service")}</TH>
              <TH>{t("services.table.kind")}</TH>
              <TH>{t("services.table.status")}</TH>
              <TH>{t("services.table.nextDue")}</TH>
            </TR>
          </THead>
          <TBody>
            {result.items.map((service) => (
              <TR key={service.id}>
                <TD>
                  <Link href={`/services/${service.id}`} className="font-medium text-accent hover:underline">
                    {service.name}
                  </Link>
                  {service.label ? <span className="block text-xs text-muted">{service.label}</span> : null}
                </TD>
                <TD>{t(`services.kind.${service.kind}`)}</TD>
                <TD>
                  <ServiceStatusBadge status={service.status} />
                </TD>
                <TD>{service.nextDueDate ? formatCalendarDate(service.nextDueDate, locale) : none}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/services" searchParams={query} />
    </div>
  );
}
