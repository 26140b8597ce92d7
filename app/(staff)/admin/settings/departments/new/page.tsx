import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { timeZoneChoices } from "@/lib/support/calendar-display";
import { CreateDepartmentForm } from "../../department-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings.department");
  return { title: `${t("newTitle")} · Portico` };
}

export default async function NewDepartmentPage() {
  const actor = await requireStaffActor("staff.settings");
  const t = await getTranslations("settings");
  const zone = safeTimeZone(actor.timeZone);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t("department.newTitle")} description={t("department.newDescription")} back={{ href: "/admin/settings", label: t("title") }} />
      <Card>
        <CreateDepartmentForm timeZones={timeZoneChoices([zone])} defaults={{ slug: "", name: "", email: "", autoCloseAfterDays: 5, position: 0, timeZone: zone }} />
      </Card>
    </div>
  );
}
