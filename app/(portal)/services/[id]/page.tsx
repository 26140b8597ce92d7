import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { getService } from "@/lib/services/queries";
import { ServiceStatusBadge } from "../service-status-badge";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.services");
  return { title: `${t("title")} · Portico` };
}

export default async function ServicePage({ params }: Props) {
  const actor = await requireCustomerActor("services.view");
  const { id } = await params;
  const [service, t, locale, timeZone] = await Promise.all([getService(actor, id), getTranslations("sections"), getLocale(), getTimeZone()]);
  if (!service) notFound();
  const none = t("common.none");

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/services", label: t("services.back") }}
        title={service.name}
        description={service.label ?? undefined}
      />
      <Card title={t("services.detail.overview")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted">{t("services.detail.kind")}</dt>
          <dd>{t(`services.kind.${service.kind}`)}</dd>
          <dt className="text-muted">{t("services.detail.name")}</dt>
          <dd className="break-words">{service.name}</dd>
          <dt className="text-muted">{t("services.detail.label")}</dt>
          <dd className="break-words">{service.label ?? none}</dd>
          <dt className="text-muted">{t("services.detail.status")}</dt>
          <dd>
            <ServiceStatusBadge status={service.status} />
          </dd>
          <dt className="text-muted">{t("services.detail.nextDue")}</dt>
          <dd>{service.nextDueDate ? formatCalendarDate(service.nextDueDate, locale) : none}</dd>
          <dt className="text-muted">{t("services.detail.created")}</dt>
          <dd>{formatDate(service.createdAt, locale, timeZone)}</dd>
        </dl>
      </Card>
    </div>
  );
}
