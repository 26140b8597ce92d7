import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { Badge, Button, EmptyState, PageHeader, Pagination, TBody, TD, TH, THead, TR, Table, type Tone } from "@/components/ui";
import { ACCESS_REQUEST_FILTERS, accessRequestListSchema } from "@/lib/accounts/access-request-schemas";
import { listAccessRequests } from "@/lib/accounts/access-requests";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { AccessRequestDecision } from "./access-request-decision";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accessRequests.staff");
  return { title: `${t("title")} · Portico` };
}

const TONES = { pending: "warning", invited: "info", approved: "success", rejected: "neutral" } as const satisfies Record<string, Tone>;

/** Access requests from /request-access (staff.customers): the pending ones first, oldest first. */
export default async function AccessRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.customers");
  const query = await searchParams;
  const params = accessRequestListSchema.parse(query);
  const [list, t, locale, timeZone] = await Promise.all([listAccessRequests(actor, params), getTranslations("accessRequests.staff"), getLocale(), getTimeZone()]);

  return (
    <ClientMessages namespaces={["accessRequests"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <nav aria-label={t("filterLabel")} className="mb-4 flex flex-wrap gap-2">
        {ACCESS_REQUEST_FILTERS.map((status) => (
          <Button
            key={status}
            href={status === "pending" ? "/admin/customers/access-requests" : `/admin/customers/access-requests?status=${status}`}
            size="sm"
            variant={status === params.status ? "primary" : "secondary"}
            aria-current={status === params.status ? "page" : undefined}
          >
            {t(`filters.${status}`)}
          </Button>
        ))}
      </nav>
      {list.items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <Table caption={t("caption")}>
          <THead>
            <tr>
              <TH>{t("columns.person")}</TH>
              <TH>{t("columns.customer")}</TH>
              <TH>{t("columns.message")}</TH>
              <TH>{t("columns.status")}</TH>
              <TH>{t("columns.decision")}</TH>
            </tr>
          </THead>
          <TBody>
            {list.items.map((r) => (
              <TR key={r.id} data-testid="access-request-row" data-email={r.email}>
                <TD className="align-top">
                  <span className="block font-medium">{r.name}</span>
                  <span className="block text-xs text-muted">{r.email}</span>
                  {r.hasLogin ? <span className="block text-xs text-muted">{t("hasLogin")}</span> : null}
                  <span className="block text-xs text-muted">{t("received", { when: formatDateTime(r.createdAt, locale, timeZone, "short"), ip: r.ip ?? "—" })}</span>
                </TD>
                <TD className="align-top">
                  {r.customer ? (
                    <Link href={`/admin/customers/${r.customer.id}`} className="block hover:underline">
                      {r.customer.name}
                    </Link>
                  ) : (
                    <Badge tone="danger">{t("unknownContract")}</Badge>
                  )}
                  <span className="block font-mono text-xs text-muted">{r.contractNumber}</span>
                </TD>
                <TD className="max-w-sm whitespace-pre-line align-top text-sm">{r.message ?? "—"}</TD>
                <TD className="align-top">
                  <Badge tone={TONES[r.status]}>{t(`filters.${r.status}`)}</Badge>
                  {r.decidedAt ? <span className="mt-1 block text-xs text-muted">{formatDateTime(r.decidedAt, locale, timeZone, "short")}{r.decidedBy ? ` · ${r.decidedBy}` : ""}</span> : null}
                </TD>
                <TD className="align-top">{r.status === "pending" ? <AccessRequestDecision requestId={r.id} email={r.email} mayApprove={Boolean(r.customer)} /> : <span className="text-muted">—</span>}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={list.page} pageCount={Math.ceil(list.total / list.pageSize)} pathname="/admin/customers/access-requests" searchParams={query} />
    </ClientMessages>
  );
}
