import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { Badge, Card, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { listStaffAndRoles } from "@/lib/admin/staff-users";
import { requireStaffActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { CreateStaffUserForm, RoleForm, StaffUserControls } from "./staff-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffUsers");
  return { title: `${t("title")} · Portico` };
}

/** Staff users (add, change role, disable) and what each role may do. Two-factor authentication is mandatory for staff. */
export default async function StaffUsersPage() {
  const actor = await requireStaffActor("staff.settings");
  const [{ users, roles }, t, locale] = await Promise.all([listStaffAndRoles(actor), getTranslations("staffUsers"), getLocale()]);
  const roleOptions = roles.map((r) => ({ id: r.id, name: r.name }));

  return (
    <ClientMessages namespaces={["staffUsers"]}>
      <div className="space-y-6">
        <PageHeader back={{ href: "/admin/settings", label: t("back") }} title={t("title")} description={t("description")} />
        <Card title={t("addTitle")} description={t("addDescription")}>
          <CreateStaffUserForm roles={roleOptions} />
        </Card>
        <Card title={t("usersTitle", { count: users.length })} bodyClassName="p-0 sm:p-0">
          <Table caption={t("usersCaption")}>
            <THead>
              <TR>
                <TH>{t("name")}</TH>
                <TH>{t("twoFactor")}</TH>
                <TH>{t("lastLogin")}</TH>
                <TH>{t("roleAndAccess")}</TH>
              </TR>
            </THead>
            <TBody>
              {users.map((u) => (
                <TR key={u.id} data-testid="staff-user">
                  <TD>
                    <span className="font-medium">{u.name}</span>
                    {u.disabledAt ? <Badge tone="danger">{t("disabled")}</Badge> : null}
                    <span className="block break-all text-xs text-muted">{u.email}</span>
                  </TD>
                  <TD>{u.twoFactor ? <Badge tone="success">{t("twoFactorOn")}</Badge> : <Badge tone="warning">{t("twoFactorPending")}</Badge>}</TD>
                  <TD className="whitespace-nowrap text-sm">{u.lastLoginAt ? formatDateTime(u.lastLoginAt, locale, actor.timeZone) : t("never")}</TD>
                  <TD>
                    <StaffUserControls userId={u.id} name={u.name} roleId={u.staffRole?.id ?? ""} roles={roleOptions} disabled={Boolean(u.disabledAt)} self={u.id === actor.userId} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          {roles.map((r) => (
            <Card key={r.id} title={r.name} description={t("roleMembers", { count: r._count.users })}>
              <RoleForm role={{ id: r.id, name: r.name, permissions: r.permissions }} />
            </Card>
          ))}
        </div>
      </div>
    </ClientMessages>
  );
}
