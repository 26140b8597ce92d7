import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { listServersForStaff } from "@/lib/network/queries";
import { utcToZonedLocal } from "@/lib/network/zoned-time";
import { NetworkIssueForm } from "../network-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.adminNetwork.form");
  return { title: `${t("titleNew")} · Portico` };
}

export default async function NewNetworkIssuePage() {
  const actor = await requireStaffActor("staff.settings");
  const [t, servers] = await Promise.all([getTranslations("kb.adminNetwork"), listServersForStaff(actor)]);
  const zone = safeTimeZone(actor.timeZone);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("form.titleNew")} back={{ href: "/admin/network", label: t("title") }} />
      <Card>
        <NetworkIssueForm
          isNew
          servers={servers}
          timeZone={zone}
          defaults={{ kind: "incident", title: "", body: "", status: "investigating", startsAt: utcToZonedLocal(new Date(), zone), endsAt: "", serverIds: [], notify: true }}
        />
      </Card>
    </div>
  );
}
