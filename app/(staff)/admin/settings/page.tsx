import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Button, Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDurationMinutes } from "@/lib/format";
import { upcomingHolidayCount, weeklyHoursSummary } from "@/lib/support/calendar-display";
import { type DepartmentSettings, type ServerRow, listDepartmentsWithSettings, listServers } from "@/lib/support/settings";
import { TICKET_PRIORITIES } from "@/lib/support/settings-schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: `${t("title")} · Portico` };
}

export default async function SettingsPage() {
  const actor = await requireStaffActor("staff.settings");
  const [t, tServers, tStaff, departments, servers] = await Promise.all([
    getTranslations("settings"),
    getTranslations("staffServices.servers"),
    getTranslations("staffUsers"),
    listDepartmentsWithSettings(actor),
    listServers(actor),
  ]);
  const newDepartment = <Button href="/admin/settings/departments/new">{t("departments.new")}</Button>;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} actions={newDepartment} />
      <Card
        id="staff"
        title={tStaff("title")}
        description={tStaff("description")}
        action={
          <Button href="/admin/settings/staff" variant="secondary" size="sm" data-testid="manage-staff">
            {tStaff("manage")}
          </Button>
        }
        bodyClassName="hidden"
      />
      <Card id="departments" title={t("departments.title")} description={t("departments.description")}>
        {departments.length === 0 ? (
          <EmptyState title={t("departments.empty")} description={t("departments.emptyHint")} action={newDepartment} />
        ) : (
          <DepartmentsTable departments={departments} />
        )}
      </Card>
      <Card
        id="servers"
        title={t("servers.title")}
        description={t("servers.description")}
        action={
          <Button href="/admin/settings/servers" variant="secondary" size="sm">
            {tServers("manage")}
          </Button>
        }
      >
        {servers.length === 0 ? <EmptyState title={t("servers.empty")} description={t("servers.emptyHint")} /> : <ServersTable servers={servers} />}
      </Card>
    </div>
  );
}

async function DepartmentsTable({ departments }: { departments: DepartmentSettings[] }) {
  const [t, locale] = await Promise.all([getTranslations("settings"), getLocale()]);
  const duration = (minutes: number) => formatDurationMinutes(minutes, locale);
  return (
    <Table caption={t("departments.caption")}>
      <THead>
        <tr>
          <TH>{t("departments.colName")}</TH>
          <TH>{t("departments.colHours")}</TH>
          <TH>{t("departments.colTargets")}</TH>
          <TH>{t("departments.colAutoClose")}</TH>
          <TH>{t("departments.colEmail")}</TH>
        </tr>
      </THead>
      <TBody>
        {departments.map((d) => (
          <TR key={d.id}>
            <TD className="align-top">
              <Link href={`/admin/settings/departments/${d.id}`} className="font-medium text-accent hover:underline">
                {d.name}
              </Link>
              <span className="block font-mono text-xs text-muted">{d.slug}</span>
            </TD>
            <TD className="max-w-sm whitespace-normal align-top">
              <CalendarSummary calendar={d.calendar} locale={locale} />
            </TD>
            <TD className="align-top">
              <ul className="space-y-0.5 text-xs">
                {TICKET_PRIORITIES.map((priority) => {
                  const target = d.targets[priority];
                  return (
                    <li key={priority} className="flex flex-wrap items-center gap-1">
                      <span className="font-medium">{t(`sla.priorities.${priority}`)}:</span>
                      {target ? (
                        <span className="tabular-nums">{t("departments.targets", { first: duration(target.firstResponseMinutes), next: duration(target.nextResponseMinutes) })}</span>
                      ) : (
                        <Badge tone="warning">{t("departments.noTarget")}</Badge>
                      )}
                    </li>
                  );
                })}
              </ul>
            </TD>
            <TD className="align-top">{d.autoCloseAfterDays ? t("departments.autoCloseDays", { count: d.autoCloseAfterDays }) : t("departments.autoCloseNever")}</TD>
            <TD className="align-top">{d.email ? <span className="break-all font-mono text-xs">{d.email}</span> : <span className="text-muted">{t("departments.noEmail")}</span>}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

async function CalendarSummary({ calendar, locale }: { calendar: DepartmentSettings["calendar"]; locale: string }) {
  const t = await getTranslations("settings.calendar");
  if (!calendar) return <span>{t("noCalendar")}</span>;
  if (!calendar.valid) return <Badge tone="danger">{t("invalidShort")}</Badge>;
  if (calendar.alwaysOpen) return <span>{t("alwaysOpenShort")}</span>;
  const hours = weeklyHoursSummary(calendar.weeklyHours, locale);
  const holidays = upcomingHolidayCount(calendar.holidays, calendar.timeZone);
  return (
    <span>
      {[hours || t("neverOpen"), calendar.timeZone, t("upcomingHolidays", { count: holidays })].join(" · ")}
    </span>
  );
}

async function ServersTable({ servers }: { servers: ServerRow[] }) {
  const t = await getTranslations("settings.servers");
  return (
    <Table caption={t("caption")}>
      <THead>
        <tr>
          <TH>{t("colName")}</TH>
          <TH>{t("colHostname")}</TH>
          <TH>{t("colLocation")}</TH>
          <TH>{t("colModule")}</TH>
          <TH className="text-right">{t("colServices")}</TH>
        </tr>
      </THead>
      <TBody>
        {servers.map((s) => (
          <TR key={s.id}>
            <TD className="font-medium">{s.name}</TD>
            <TD className="font-mono text-xs">{s.hostname}</TD>
            <TD>{s.location ?? "—"}</TD>
            <TD>
              <Badge>{s.module}</Badge>
            </TD>
            <TD className="text-right tabular-nums">{s.serviceCount}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
