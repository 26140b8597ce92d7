import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ZoneEditor } from "@/components/dns/zone-editor";
import { Button, Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { getZone } from "@/lib/dns/zones";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dns");
  return { title: `${t("title")} · Portico` };
}

/** A domain's DNS zone: the editor for dns.manage, the records read-only otherwise; export as a BIND file. */
export default async function DomainDnsPage({ params }: Props) {
  const actor = await requireCustomerActor("domains.view");
  const { id } = await params;
  const [zone, t] = await Promise.all([getZone(actor, id), getTranslations("dns")]);
  if (!zone) notFound();

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: `/domains/${zone.domain.id}`, label: zone.domain.name }}
        title={t("titleFor", { zone: zone.domain.name })}
        description={t("description", { nameservers: zone.nameservers.join(", ") })}
        actions={
          <Button href={`/domains/${zone.domain.id}/dns/export`} variant="secondary" data-testid="export-zone">
            {t("export")}
          </Button>
        }
      />
      <Card>
        {zone.canEdit ? (
          <ZoneEditor domainId={zone.domain.id} zone={zone.domain.name} serial={zone.serial} records={zone.records} />
        ) : zone.records.length === 0 ? (
          <EmptyState title={t("emptyReadOnly")} />
        ) : (
          <Table caption={t("editor.caption", { zone: zone.domain.name })}>
            <THead>
              <TR>
                <TH>{t("editor.name")}</TH>
                <TH>{t("editor.type")}</TH>
                <TH>{t("editor.ttl")}</TH>
                <TH>{t("editor.content")}</TH>
              </TR>
            </THead>
            <TBody>
              {zone.records.map((r, i) => (
                <TR key={`${r.name}-${r.type}-${i}`}>
                  <TD className="font-mono">{r.name}</TD>
                  <TD>{r.type}</TD>
                  <TD>{r.ttl}</TD>
                  <TD className="font-mono break-all">{r.priority === null ? r.content : `${r.priority} ${r.content}`}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {!zone.canEdit ? <p className="mt-3 text-sm text-muted">{t("readOnly")}</p> : null}
      </Card>
    </div>
  );
}
