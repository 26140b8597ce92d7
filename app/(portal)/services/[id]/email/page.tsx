import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { type HostingPageProps, HostingNotices, ListPager, UsageCount, formatMb, hostingMetadata, pageOf } from "@/components/services/hosting/hosting-page-parts";
import { CreateAliasForm, CreateMailboxForm } from "@/components/services/hosting/mail-forms";
import { DeleteResource } from "@/components/services/hosting/resource-actions";
import { Badge, Button, Card, EmptyState, Pagination, Table, TBody, TD, TH, THead, TR, parsePage } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { getHostingMail } from "@/lib/services/hosting-mail";

export const generateMetadata = () => hostingMetadata("email");

export default async function HostingEmailPage({ params, searchParams }: HostingPageProps) {
  const actor = await requireCustomerActor("services.view");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [view, t, locale, timeZone] = await Promise.all([getHostingMail(actor, id), getTranslations("hosting"), getLocale(), getTimeZone()]);
  if (!view) notFound();
  const { service } = view;
  const domain = service.domain ?? "";
  const base = `/services/${service.id}/email`;
  const mailboxes = view.data ? pageOf(view.data.mailboxes, parsePage(query.page)) : null;
  const aliases = view.data ? pageOf(view.data.aliases, parsePage(query.aliases)) : null;

  return (
    <div className="space-y-6">
      <HostingNotices service={service} errorKey={view.errorKey} />
      <Card
        id="mailboxes"
        title={t("email.mailboxes.title")}
        description={t("email.mailboxes.description", { domain })}
        action={view.data ? <UsageCount count={view.data.mailboxes.length} limit={service.limits.mailboxes} /> : null}
      >
        {mailboxes && mailboxes.items.length === 0 ? <EmptyState title={t("email.mailboxes.empty")} description={service.canManage ? t("email.mailboxes.emptyHint") : undefined} /> : null}
        {mailboxes && mailboxes.items.length > 0 ? (
          <Table caption={t("email.mailboxes.title")}>
            <THead>
              <TR>
                <TH>{t("email.mailboxes.address")}</TH>
                <TH>{t("email.mailboxes.usage")}</TH>
                <TH>{t("email.mailboxes.autoReply")}</TH>
                <TH>{t("common.created")}</TH>
                <TH>{t("common.actions")}</TH>
              </TR>
            </THead>
            <TBody>
              {mailboxes.items.map((mailbox) => (
                <TR key={mailbox.id} data-testid="mailbox-row">
                  <TD className="font-medium break-all">{mailbox.address}</TD>
                  <TD>
                    {mailbox.quotaMb === null
                      ? t("email.mailboxes.usedNoLimit", { used: formatMb(mailbox.usedMb, locale) })
                      : t("email.mailboxes.usedOf", { used: formatMb(mailbox.usedMb, locale), quota: formatMb(mailbox.quotaMb, locale) })}
                  </TD>
                  <TD>{mailbox.autoReply.enabled ? <Badge tone="info">{t("email.mailboxes.autoReplyOn")}</Badge> : <span className="text-muted">{t("email.mailboxes.autoReplyOff")}</span>}</TD>
                  <TD>{formatDate(mailbox.createdAt, locale, timeZone)}</TD>
                  <TD>
                    <div className="flex flex-wrap items-start gap-2">
                      <Button href={`${base}/${mailbox.id}`} variant="secondary" size="sm" aria-label={t("email.mailboxes.settingsFor", { address: mailbox.address })}>
                        {service.canManage ? t("email.mailboxes.settings") : t("email.mailboxes.details")}
                      </Button>
                      {service.canManage ? <DeleteResource kind="mailbox" serviceId={service.id} resourceId={mailbox.id} name={mailbox.address} /> : null}
                    </div>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
        {mailboxes ? <Pagination page={mailboxes.page} pageCount={mailboxes.pageCount} pathname={base} searchParams={query} /> : null}
      </Card>
      {service.canManage && view.data ? (
        <Card>
          <CreateMailboxForm serviceId={service.id} domain={domain} />
        </Card>
      ) : null}

      <Card id="aliases" title={t("email.aliases.title")} description={t("email.aliases.description")}>
        {aliases && aliases.items.length === 0 ? <EmptyState title={t("email.aliases.empty")} description={service.canManage ? t("email.aliases.emptyHint") : undefined} /> : null}
        {aliases && aliases.items.length > 0 ? (
          <Table caption={t("email.aliases.title")}>
            <THead>
              <TR>
                <TH>{t("email.aliases.source")}</TH>
                <TH>{t("email.aliases.destination")}</TH>
                <TH>{t("common.created")}</TH>
                {service.canManage ? <TH>{t("common.actions")}</TH> : null}
              </TR>
            </THead>
            <TBody>
              {aliases.items.map((alias) => (
                <TR key={alias.id} data-testid="alias-row">
                  <TD className="font-medium break-all">{alias.source}</TD>
                  <TD className="break-all">{alias.destination}</TD>
                  <TD>{formatDate(alias.createdAt, locale, timeZone)}</TD>
                  {service.canManage ? (
                    <TD>
                      <DeleteResource kind="alias" serviceId={service.id} resourceId={alias.id} name={alias.source} />
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
        {aliases ? <ListPager page={aliases.page} pageCount={aliases.pageCount} pathname={base} searchParams={query} param="aliases" /> : null}
      </Card>
      {service.canManage && view.data ? (
        <Card>
          <CreateAliasForm serviceId={service.id} domain={domain} />
        </Card>
      ) : null}
      <p className="text-sm">
        <Link href={`/services/${service.id}/subdomains#dns`} className="text-accent underline-offset-2 hover:underline">
          {t("email.dnsHint")}
        </Link>
      </p>
    </div>
  );
}
