import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert, Card, PageHeader } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { requireStaffActor } from "@/lib/auth/session";
import { timeZoneChoices } from "@/lib/support/calendar-display";
import { DEFAULT_SLA_TARGETS, getDepartmentSettings } from "@/lib/support/settings";
import { TICKET_PRIORITIES } from "@/lib/support/settings-schemas";
import { CalendarForm } from "../../calendar-form";
import { EditDepartmentForm } from "../../department-form";
import { SlaForm } from "../../sla-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings.department");
  return { title: `${t("editTitle")} · Portico` };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditDepartmentPage({ params, searchParams }: Props) {
  const actor = await requireStaffActor("staff.settings");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [t, department] = await Promise.all([getTranslations("settings"), getDepartmentSettings(actor, id)]);
  if (!department) notFound();
  const calendar = department.calendar;
  const zone = calendar?.timeZone ?? safeTimeZone(actor.timeZone);
  const missingTargets = TICKET_PRIORITIES.some((priority) => !department.targets[priority]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title={department.name} description={t("department.slugLine", { slug: department.slug })} back={{ href: "/admin/settings", label: t("title") }} />
      {query.created === "1" ? <Alert tone="success">{t("department.created")}</Alert> : null}

      <Card id="department" title={t("department.title")}>
        <EditDepartmentForm
          defaults={{
            id: department.id,
            name: department.name,
            email: department.email ?? "",
            autoCloseAfterDays: department.autoCloseAfterDays,
            position: department.position,
          }}
        />
      </Card>

      <Card id="calendar" title={t("calendar.title")} description={t("calendar.description")}>
        <div className="space-y-4">
          {!calendar ? <Alert tone="info">{t("calendar.missing")}</Alert> : null}
          {calendar && !calendar.valid ? <Alert tone="danger">{t("calendar.invalid")}</Alert> : null}
          {calendar && calendar.sharedWith > 0 ? <Alert tone="info">{t("calendar.shared", { count: calendar.sharedWith })}</Alert> : null}
          <CalendarForm
            timeZones={timeZoneChoices([zone])}
            defaults={{
              departmentId: department.id,
              timeZone: zone,
              alwaysOpen: calendar?.alwaysOpen ?? true,
              weeklyHours: calendar?.weeklyHours ?? [],
              holidays: calendar?.holidays ?? [],
            }}
          />
        </div>
      </Card>

      <Card id="sla" title={t("sla.title")} description={t("sla.description")}>
        <div className="space-y-4">
          {missingTargets ? <Alert tone="warning">{t("sla.missing")}</Alert> : null}
          <SlaForm
            defaults={{
              departmentId: department.id,
              policies: TICKET_PRIORITIES.map((priority) => ({ priority, ...(department.targets[priority] ?? DEFAULT_SLA_TARGETS[priority]) })),
            }}
          />
        </div>
      </Card>
    </div>
  );
}
