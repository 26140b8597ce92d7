import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table, parsePage } from "@/components/ui";
import { listCustomerEmails } from "@/lib/accounts/email-log";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { EmailStatusBadge } from "./status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountMail");
  return { title: `${t("emails.title")} · Portico` };
}

export default async function EmailLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor();
  const query = await searchParams;
  const [result, t, locale, timeZone] = await Promise.all([listCustomerEmails(actor, parsePage(query.page)), getTranslations("accountMail"), getLocale(), getTimeZone()]);

  return (
    <div>
      <PageHeader title={t("emails.title")} description={t("emails.intro")} />
      {result.items.length === 0 ? (
        <EmptyState title={t("emails.empty")} />
      ) : (
        <Table caption={t("emails.caption")}>
          <THead>
            <TR>
              <TH>{t("emails.date")}</TH>
              <TH>{t("emails.recipient")}</TH>
              <TH>{t("emails.subject")}</TH>
              <TH>{t("emails.category")}</TH>
              <TH>{t("emails.status")}</TH>
            </TR>
          </THead>
          <TBody>
            {result.items.map((email) => (
              <TR key={email.id} data-testid="email-row">
                <TD className="whitespace-nowrap">{formatDateTime(email.createdAt, locale, timeZone)}</TD>
                <TD className="break-all">{email.toAddress}</TD>
                <TD>
                  <Link href={`/account/emails/${email.id}`} className="font-medium text-accent hover:underline">
                    {email.subject}
                  </Link>
                </TD>
                <TD>{t.has(`categories.${email.category}.label`) ? t(`categories.${email.category}.label`) : email.category}</TD>
                <TD>
                  <EmailStatusBadge status={email.status} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} pathname="/account/emails" searchParams={query} />
    </div>
  );
}
