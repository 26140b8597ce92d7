import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { ControlPanelLogin, PasswordBox } from "@/components/services/overview/account-actions";
import { Alert, Badge, Card, type Tone } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatCalendarDate, formatDate, formatMoney } from "@/lib/format";
import { getServiceOverview, type ServiceOverview } from "@/lib/services/service-page";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.services");
  return { title: `${t("title")} · Portico` };
}

const PROVISIONING_TONES: Record<ServiceOverview["provisioningState"], Tone> = { none: "neutral", queued: "info", running: "info", retrying: "warning", failed: "danger", done: "success" };

export default async function ServiceOverviewPage({ params }: Props) {
  const actor = await requireCustomerActor("services.view");
  const { id } = await params;
  const [service, t, tSections, locale, timeZone] = await Promise.all([getServiceOverview(actor, id), getTranslations("services"), getTranslations("sections.services"), getLocale(), getTimeZone()]);
  if (!service) notFound();
  const none = t("overview.none");
  const inProgress = service.provisioningState !== "none" && service.provisioningState !== "done";

  return (
    <div className="space-y-6">
      {service.status === "suspended" ? (
        <Alert tone="warning" title={t("overview.suspended.title")}>
          {service.suspendReason === "overdue" ? t("overview.suspended.overdue") : t("overview.suspended.other")}
        </Alert>
      ) : null}
      {service.cancelAt ? <Alert tone="info">{t("overview.cancelNotice", { date: formatCalendarDate(service.cancelAt, locale, "long") })}</Alert> : null}

      <Card id="service-overview" title={t("overview.title")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted">{t("overview.product")}</dt>
          <dd className="break-words" data-testid="service-product">
            {service.productName ?? service.name}
          </dd>
          <dt className="text-muted">{t("overview.kind")}</dt>
          <dd>{tSections(`kind.${service.kind}`)}</dd>
          {service.provisioningState !== "none" ? (
            <>
              <dt className="text-muted">{t("overview.provisioning.label")}</dt>
              <dd data-testid="provisioning-state">
                <Badge tone={PROVISIONING_TONES[service.provisioningState]}>{t(`overview.provisioning.${service.provisioningState}`)}</Badge>
                {inProgress ? <span className="ml-2 text-muted">{t("overview.provisioning.hint")}</span> : null}
              </dd>
            </>
          ) : null}
          <dt className="text-muted">{t("overview.cycle")}</dt>
          <dd>{service.billingCycle ? t(`cycles.${service.billingCycle}`) : none}</dd>
          <dt className="text-muted">{t("overview.price")}</dt>
          <dd data-testid="service-price">{service.price ? formatMoney(service.price.amountMinor, service.price.currency, locale) : none}</dd>
          <dt className="text-muted">{t("overview.nextDue")}</dt>
          <dd>{service.nextDueDate && !service.cancelAt ? formatCalendarDate(service.nextDueDate, locale) : none}</dd>
          <dt className="text-muted">{t("overview.server")}</dt>
          <dd className="break-words">{service.server ? [service.server.name, service.server.hostname, service.server.location].filter(Boolean).join(" · ") : none}</dd>
          <dt className="text-muted">{t("overview.created")}</dt>
          <dd>{formatDate(service.createdAt, locale, timeZone)}</dd>
        </dl>
      </Card>

      {service.kind === "hosting" ? (
        <Card id="service-login" title={t("login.title")} description={service.login ? t("login.description") : undefined}>
          {service.login ? (
            <div className="space-y-4">
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
                <dt className="text-muted">{t("login.username")}</dt>
                <dd className="font-mono" data-testid="service-username">
                  {service.login.username}
                </dd>
                <dt className="text-muted">{t("login.domain")}</dt>
                <dd className="break-all">{service.login.domain || none}</dd>
                <dt className="text-muted">{t("login.dns")}</dt>
                <dd>
                  {service.dnsDomain ? (
                    <Link href={`/domains/${service.dnsDomain.domainId}`} className="text-accent hover:underline" data-testid="service-dns-link">
                      {t("login.dnsLink", { domain: service.dnsDomain.name })}
                    </Link>
                  ) : (
                    <span className="text-muted">{t("login.dnsElsewhere")}</span>
                  )}
                </dd>
                <dt className="text-muted">{t("login.controlPanel")}</dt>
                <dd className="break-all">{service.login.controlPanelUrl ? <a className="text-accent hover:underline" href={service.login.controlPanelUrl} rel="noopener noreferrer" target="_blank">{service.login.controlPanelUrl}</a> : t("login.unavailable")}</dd>
                <dt className="text-muted">{t("login.webmail")}</dt>
                <dd className="break-all">{service.login.webmailUrl ? <a className="text-accent hover:underline" href={service.login.webmailUrl} rel="noopener noreferrer" target="_blank">{service.login.webmailUrl}</a> : t("login.unavailable")}</dd>
              </dl>
              {service.canManage ? (
                <div className="flex flex-col gap-4 border-t border-border pt-4">
                  <ControlPanelLogin serviceId={service.id} disabled={service.status !== "active"} />
                  <PasswordBox serviceId={service.id} waiting={service.passwordWaiting} resetPending={service.resetPending} disabled={service.status !== "active"} />
                </div>
              ) : (
                <p className="text-sm text-muted">{t("login.readOnly")}</p>
              )}
            </div>
          ) : (
            <p className="text-sm text-muted">{inProgress ? t("login.pending") : t("login.none")}</p>
          )}
        </Card>
      ) : null}
    </div>
  );
}
