import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatFileSize } from "@/components/support/attachment-list";
import { Alert, Card, EmptyState, PageHeader, Pagination, parsePage } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { type HeldEmailListItem, listHeldEmails } from "@/lib/support/inbound-email";
import { ticketNumberSchema } from "@/lib/support/schemas";
import { HeldEmailActions } from "./held-email-actions";

type SearchParams = Record<string, string | string[] | undefined>;

const INBOX = "/admin/tickets/inbox";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inbound");
  return { title: `${t("title")} · Portico` };
}

/** Mail that needs a person: staff accept it as a ticket of a customer they choose, or reject it. */
export default async function HeldEmailInboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireStaffActor("staff.tickets");
  const params = await searchParams;
  const [data, t, locale] = await Promise.all([listHeldEmails(actor, parsePage(params.page)), getTranslations("inbound"), getLocale()]);
  const timeZone = safeTimeZone(actor.timeZone);
  const accepted = ticketNumberSchema.safeParse(params.accepted);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-4">
        {accepted.success ? (
          <Alert tone="success">
            {t("accepted", { number: accepted.data })}{" "}
            <Link href={`/admin/tickets/${encodeURIComponent(accepted.data)}`} className="font-medium underline">
              {t("openTicket", { number: accepted.data })}
            </Link>
          </Alert>
        ) : null}
        {params.rejected === "1" ? <Alert tone="success">{t("rejected")}</Alert> : null}
        <p className="text-sm text-muted" aria-live="polite">
          {t("count", { count: data.total })}
        </p>
        {data.items.length === 0 ? (
          <EmptyState title={t("empty")} />
        ) : (
          <ul className="space-y-4">
            {data.items.map((item) => (
              <li key={item.id}>
                <HeldEmailCard item={item} departments={data.departments} locale={locale} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        )}
        <Pagination page={data.page} pageCount={data.pageCount} pathname={INBOX} />
      </div>
    </>
  );
}

async function HeldEmailCard({ item, departments, locale, timeZone }: { item: HeldEmailListItem; departments: { id: string; name: string }[]; locale: string; timeZone: string }) {
  const t = await getTranslations("inbound");
  const sender = item.fromName ? `${item.fromName} <${item.fromAddress}>` : item.fromAddress;
  return (
    <Card id={`held-${item.id}`} title={item.subject || t("noSubject")} headingLevel={2}>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-muted">{t("from")}</dt>
        <dd className="break-all">{sender}</dd>
        <dt className="text-muted">{t("to")}</dt>
        <dd className="break-all">{item.toAddresses.join(", ")}</dd>
        <dt className="text-muted">{t("received")}</dt>
        <dd>
          <time dateTime={item.receivedAt.toISOString()}>{formatDateTime(item.receivedAt, locale, timeZone)}</time>
        </dd>
      </dl>
      {item.ticketNumber ? <p className="mt-2 text-sm text-muted">{t("ticketHint", { number: item.ticketNumber })}</p> : null}
      {item.excerpt ? <p className="mt-3 whitespace-pre-line break-words text-sm text-fg">{item.excerpt}</p> : null}
      {item.attachments.length ? (
        <div className="mt-3">
          <h3 className="text-sm font-medium text-fg">{t("attachments")}</h3>
          <ul className="mt-1 flex flex-wrap gap-2 text-sm">
            {item.attachments.map((a) => (
              <li key={a.id}>
                {/* A plain <a>: next/link would prefetch, i.e. download, the file. */}
                <a href={`${INBOX}/${item.id}/attachments/${a.id}`} download={a.fileName} className="inline-flex items-center gap-2 rounded-md border border-border px-2 py-1 hover:bg-surface-muted">
                  <span className="truncate">{a.fileName}</span>
                  <span className="text-xs text-muted">{formatFileSize(a.size, locale)}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="mt-4 border-t border-border pt-4">
        <HeldEmailActions
          inboundEmailId={item.id}
          departments={departments}
          suggestedContractNumber={item.suggestedContractNumber}
          suggestedDepartmentId={item.suggestedDepartmentId}
        />
      </div>
    </Card>
  );
}
