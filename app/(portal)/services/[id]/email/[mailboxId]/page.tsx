import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { HostingNotices, formatMb, hostingMetadata } from "@/components/services/hosting/hosting-page-parts";
import { AutoReplyForm, MailboxQuotaForm } from "@/components/services/hosting/mail-forms";
import { DeleteResource, PasswordChange } from "@/components/services/hosting/resource-actions";
import { Card } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { getHostingMailbox } from "@/lib/services/hosting-mail";

type Props = { params: Promise<{ id: string; mailboxId: string }> };

export const generateMetadata = () => hostingMetadata("mailbox");

/** One mailbox: its use, and (with services.manage) its quota, password, auto-responder and deletion. */
export default async function HostingMailboxPage({ params }: Props) {
  const actor = await requireCustomerActor("services.view");
  const { id, mailboxId } = await params;
  const [view, t, locale, timeZone] = await Promise.all([getHostingMailbox(actor, id, mailboxId), getTranslations("hosting"), getLocale(), getTimeZone()]);
  if (!view) notFound();
  const { service } = view;
  const back = `/services/${service.id}/email`;
  const mailbox = view.data;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={back} className="text-muted hover:underline">
          ← {t("email.mailbox.back")}
        </Link>
      </p>
      <HostingNotices service={service} errorKey={view.errorKey} />
      {mailbox ? (
        <>
          <Card id="mailbox" title={mailbox.address} headingLevel={2}>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="text-muted">{t("email.mailbox.used")}</dt>
              <dd>{formatMb(mailbox.usedMb, locale)}</dd>
              <dt className="text-muted">{t("email.mailbox.quota")}</dt>
              <dd>{mailbox.quotaMb === null ? t("common.noOwnLimit") : formatMb(mailbox.quotaMb, locale)}</dd>
              <dt className="text-muted">{t("email.mailbox.autoReply")}</dt>
              <dd>
                {mailbox.autoReply.enabled
                  ? mailbox.autoReply.until
                    ? t("email.mailbox.autoReplyUntil", { date: formatCalendarDate(new Date(`${mailbox.autoReply.until}T00:00:00Z`), locale) })
                    : t("email.mailbox.autoReplyOn")
                  : t("email.mailbox.autoReplyOff")}
              </dd>
              <dt className="text-muted">{t("common.created")}</dt>
              <dd>{formatDate(mailbox.createdAt, locale, timeZone)}</dd>
            </dl>
          </Card>
          {service.canManage ? (
            <>
              <Card>
                <MailboxQuotaForm serviceId={service.id} mailboxId={mailbox.id} quotaMb={mailbox.quotaMb} />
              </Card>
              <Card title={t("email.mailbox.passwordTitle")} headingLevel={3}>
                <PasswordChange kind="mailbox" serviceId={service.id} resourceId={mailbox.id} name={mailbox.address} startOpen />
              </Card>
              <Card>
                <AutoReplyForm serviceId={service.id} mailboxId={mailbox.id} autoReply={mailbox.autoReply} />
              </Card>
              <Card title={t("email.mailbox.deleteTitle")} description={t("email.mailbox.deleteHint")} headingLevel={3}>
                <DeleteResource kind="mailbox" serviceId={service.id} resourceId={mailbox.id} name={mailbox.address} afterHref={back} />
              </Card>
            </>
          ) : mailbox.autoReply.enabled ? (
            <Card title={t("email.autoReply.title")} headingLevel={3}>
              <p className="text-sm font-medium">{mailbox.autoReply.subject}</p>
              <p className="mt-2 text-sm whitespace-pre-line text-muted">{mailbox.autoReply.body}</p>
            </Card>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
