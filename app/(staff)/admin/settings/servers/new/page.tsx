import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { CreateServerForm } from "../server-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffServices.servers");
  return { title: `${t("newTitle")} · Portico` };
}

export default async function NewServerPage() {
  await requireStaffActor("staff.settings");
  const t = await getTranslations("staffServices.servers");
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t("newTitle")} description={t("newDescription")} back={{ href: "/admin/settings/servers", label: t("title") }} />
      <Card>
        <CreateServerForm />
      </Card>
    </div>
  );
}
