import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { registrarChoices } from "@/lib/domains/tld-catalog";
import { TldCreateForm } from "../tld-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tldCatalog");
  return { title: `${t("create.title")} · Portico` };
}

export default async function NewTldPage() {
  const actor = await requireStaffActor("staff.catalog");
  const [t, registrars] = await Promise.all([getTranslations("tldCatalog"), registrarChoices(actor)]);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("create.title")} description={t("create.hint")} back={{ href: "/admin/catalog/tlds", label: t("list.title") }} />
      <Card>
        <TldCreateForm registrars={registrars} />
      </Card>
    </div>
  );
}
