import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { BulkTransferForm } from "@/components/domains/domain-order-controls";
import { Badge, Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table, type Tone } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { domainNameSchema } from "@/lib/domains/domain-order-schemas";
import { type TransferProgress, listRecentTransfers } from "@/lib/domains/domain-orders";
import { formatDate } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("domainOrders");
  return { title: `${t("transfer.title")} · Portico` };
}

const TONES: Record<TransferProgress["state"], Tone> = { awaiting_payment: "warning", queued: "info", pending: "info", completed: "success", failed: "danger" };

/** Transfer domains in (up to 50 at once) and follow the ones already asked for. `?name=` fills the first line (from the search page). */
export default async function TransferDomainsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("domains.view");
  const raw = (await searchParams).name;
  const name = typeof raw === "string" ? domainNameSchema.safeParse(raw) : null;
  const [transfers, t, locale, timeZone] = await Promise.all([listRecentTransfers(actor), getTranslations("domainOrders"), getLocale(), getTimeZone()]);
  const canOrder = can(actor, "orders.place");

  return (
    <div className="space-y-6">
      <PageHeader back={{ href: "/domains", label: t("transfer.back") }} title={t("transfer.title")} description={t("transfer.description")} />
      {canOrder ? (
        <Card title={t("transfer.formTitle")}>
          <BulkTransferForm initialText={name?.success ? `${name.data} ` : ""} />
        </Card>
      ) : null}
      <Card title={t("progress.title")} description={t("progress.description")} bodyClassName="p-0 sm:p-0">
        {transfers.length === 0 ? (
          <EmptyState title={t("progress.empty")} />
        ) : (
          <Table caption={t("progress.caption")}>
            <THead>
              <TR>
                <TH>{t("progress.domain")}</TH>
                <TH>{t("progress.state")}</TH>
                <TH>{t("progress.since")}</TH>
              </TR>
            </THead>
            <TBody>
              {transfers.map((row) => (
                <TR key={`${row.name}-${row.invoiceId}`} data-testid="transfer-progress">
                  <TD className="break-all">{row.domainId ? <Link href={`/domains/${row.domainId}`} className="font-medium text-accent hover:underline">{row.name}</Link> : row.name}</TD>
                  <TD>
                    <Badge tone={TONES[row.state]}>{t(`progress.states.${row.state}`)}</Badge>
                    {row.state === "failed" && row.failureReason ? <span className="mt-1 block text-xs text-muted">{t.has(`progress.reasons.${row.failureReason}`) ? t(`progress.reasons.${row.failureReason}`) : t("progress.reasons.other")}</span> : null}
                    {row.state === "awaiting_payment" && can(actor, "billing.view") ? (
                      <Link href={`/billing/invoices/${row.invoiceId}`} className="mt-1 block text-xs text-accent hover:underline">
                        {t("progress.payInvoice")}
                      </Link>
                    ) : null}
                  </TD>
                  <TD className="whitespace-nowrap">{formatDate(row.requestedAt ?? row.createdAt, locale, timeZone)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
