import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { getCustomerEmail } from "@/lib/accounts/email-log";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { EmailStatusBadge } from "../status-badge";
import { ResendButton } from "./resend-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountMail");
  return { title: `${t("emails.detailTitle")} · Portico` };
}

export default async function EmailDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireCustomerActor();
  const { id } = await params;
  const [email, t, locale, timeZone] = await Promise.all([getCustomerEmail(actor, id), getTranslations("accountMail"), getLocale(), getTimeZone()]);
  if (!email) notFound();

  return (
    <div className="space-y-6">
      <PageHeader title={email.subject} back={{ href: "/account/emails", label: t("emails.back") }} actions={<ResendButton id={email.id} to={actor.email} />} />
      <Card>
        <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-muted">{t("emails.date")}</dt>
          <dd>{formatDateTime(email.createdAt, locale, timeZone)}</dd>
          <dt className="text-muted">{t("emails.sentAt")}</dt>
          <dd>{email.sentAt ? formatDateTime(email.sentAt, locale, timeZone) : "—"}</dd>
          <dt className="text-muted">{t("emails.recipient")}</dt>
          <dd className="break-all">{email.toAddress}</dd>
          <dt className="text-muted">{t("emails.category")}</dt>
          <dd>{t.has(`categories.${email.category}.label`) ? t(`categories.${email.category}.label`) : email.category}</dd>
          <dt className="text-muted">{t("emails.status")}</dt>
          <dd>
            <EmailStatusBadge status={email.status} />
          </dd>
        </dl>
      </Card>
      <Card title={t("emails.message")}>
        {/* The text part only, as text: React escapes it, no HTML of the email is ever rendered here. */}
        <pre className="whitespace-pre-wrap break-words font-sans text-sm text-fg" data-testid="email-text">
          {email.text}
        </pre>
      </Card>
    </div>
  );
}
