import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, Badge, Button, Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { listServersForStaff } from "@/lib/services/staff-servers";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffServices.servers");
  return { title: `${t("title")} · Portico` };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ServersPage({ searchParams }: Props) {
  const actor = await requireStaffActor("staff.settings");
  const [servers, t, tSettings, query] = await Promise.all([listServersForStaff(actor), getTranslations("staffServices.servers"), getTranslations("settings"), searchParams]);
  const newServer = <Button href="/admin/settings/servers/new">{t("new")}</Button>;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} back={{ href: "/admin/settings", label: tSettings("title") }} actions={newServer} />
      {query.deleted === "1" ? <Alert tone="success">{t("deleted")}</Alert> : null}
      <Card>
        {servers.length === 0 ? (
          <EmptyState title={t("empty")} description={t("emptyHint")} action={newServer} />
        ) : (
          <Table caption={t("caption")}>
            <THead>
              <tr>
                <TH>{t("columns.name")}</TH>
                <TH>{t("columns.hostname")}</TH>
                <TH>{t("columns.location")}</TH>
                <TH>{t("columns.module")}</TH>
                <TH className="text-right">{t("columns.services")}</TH>
                <TH className="text-right">{t("columns.products")}</TH>
              </tr>
            </THead>
            <TBody>
              {servers.map((s) => (
                <TR key={s.id} data-testid="server-row">
                  <TD>
                    <Link href={`/admin/settings/servers/${s.id}`} className="font-medium text-accent hover:underline">
                      {s.name}
                    </Link>
                  </TD>
                  <TD className="font-mono text-xs">{s.hostname}</TD>
                  <TD>{s.location ?? "—"}</TD>
                  <TD>
                    <Badge>{s.module}</Badge>
                  </TD>
                  <TD className="text-right tabular-nums">
                    {s.serviceCount > 0 ? (
                      <Link href={`/admin/services?server=${s.id}`} className="text-accent hover:underline" aria-label={t("servicesOn", { name: s.name, count: s.serviceCount })}>
                        {s.serviceCount}
                      </Link>
                    ) : (
                      0
                    )}
                  </TD>
                  <TD className="text-right tabular-nums">{s.productCount}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
