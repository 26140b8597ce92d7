import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert, Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { getServerForStaff } from "@/lib/services/staff-servers";
import type { ServerModule } from "@/lib/services/staff-servers-schemas";
import { DeleteServerButton, EditServerForm } from "../server-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffServices.servers");
  return { title: `${t("editTitle")} · Portico` };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditServerPage({ params, searchParams }: Props) {
  const actor = await requireStaffActor("staff.settings");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [t, server] = await Promise.all([getTranslations("staffServices.servers"), getServerForStaff(actor, id)]);
  if (!server) notFound();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title={server.name} description={server.hostname} back={{ href: "/admin/settings/servers", label: t("title") }} />
      {query.created === "1" ? <Alert tone="success">{t("created")}</Alert> : null}
      <Card>
        <EditServerForm defaults={{ id: server.id, name: server.name, hostname: server.hostname, location: server.location ?? "", module: server.module as ServerModule }} />
      </Card>
      <Card title={t("deleteTitle")} headingLevel={2}>
        {server.deletable ? (
          <DeleteServerButton id={server.id} name={server.name} />
        ) : (
          <p className="text-sm text-muted" data-testid="server-in-use">
            {t("inUse", { services: server.serviceCount, products: server.productCount })}
          </p>
        )}
      </Card>
    </div>
  );
}
