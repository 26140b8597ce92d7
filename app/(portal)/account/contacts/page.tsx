import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { safeTimeZone } from "@/i18n/locales";
import { listContacts } from "@/lib/accounts/contacts";
import { listPendingInvitations } from "@/lib/accounts/invitations";
import { presetOf } from "@/lib/auth/permissions";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { ContactActions, InvitationActions, InviteForm } from "./contacts-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountContacts");
  return { title: `${t("title")} · Portico` };
}

/** Who has access to this customer account, pending invitations, and a form to invite someone (contacts.manage). */
export default async function ContactsPage() {
  const actor = await requireCustomerActor("contacts.manage");
  const [contacts, invitations, t, locale] = await Promise.all([listContacts(actor), listPendingInvitations(actor), getTranslations("accountContacts"), getLocale()]);
  const timeZone = safeTimeZone(actor.timeZone);
  const accessLabel = (preset: ReturnType<typeof presetOf>, count: number) => (preset === "custom" ? t("presets.customCount", { count }) : t(`presets.${preset}`));

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro", { customer: actor.customerName })} />

      <Card title={t("list.title")}>
        <Table caption={t("list.caption")}>
          <THead>
            <tr>
              <TH>{t("list.person")}</TH>
              <TH>{t("list.access")}</TH>
              <TH>{t("list.twoFactor")}</TH>
              <TH>{t("list.lastLogin")}</TH>
              <TH>
                <span className="sr-only">{t("list.actions")}</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {contacts.map((c) => (
              <TR key={c.membershipId} data-testid="contact-row" data-email={c.email}>
                <TD className="align-top">
                  <span className="block font-medium">
                    {c.name}
                    {c.isSelf ? <span className="ml-1 text-xs font-normal text-muted">{t("list.you")}</span> : null}
                  </span>
                  <span className="block text-xs text-muted">{c.email}</span>
                </TD>
                <TD className="align-top">
                  {c.isOwner ? (
                    <Badge tone="info" data-testid="owner-badge">
                      {t("list.owner")}
                    </Badge>
                  ) : (
                    <Badge data-testid="contact-access">{accessLabel(c.preset, c.permissions.length)}</Badge>
                  )}
                  {c.disabled ? <Badge tone="danger" className="ml-1">{t("list.disabled")}</Badge> : null}
                </TD>
                <TD className="align-top">{c.twoFactor ? <Badge tone="success">{t("list.on")}</Badge> : <Badge tone="warning">{t("list.off")}</Badge>}</TD>
                <TD className="align-top text-sm">{c.lastLoginAt ? formatDateTime(c.lastLoginAt, locale, timeZone, "short") : t("list.never")}</TD>
                <TD className="align-top">
                  {c.isOwner || c.isSelf ? (
                    <span className="text-xs text-muted">{c.isOwner ? t("list.ownerHint") : "—"}</span>
                  ) : (
                    <ContactActions membershipId={c.membershipId} name={c.name} permissions={c.permissions} preset={c.preset === "owner" ? "custom" : c.preset} mayTransfer={actor.isOwner && !c.disabled} />
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>

      <Card title={t("invite.title")} description={t("invite.intro")}>
        <InviteForm />
      </Card>

      <Card title={t("pending.title")}>
        {invitations.length === 0 ? (
          <EmptyState title={t("pending.empty")} />
        ) : (
          <Table caption={t("pending.caption")}>
            <THead>
              <tr>
                <TH>{t("pending.invitee")}</TH>
                <TH>{t("list.access")}</TH>
                <TH>{t("pending.sent")}</TH>
                <TH>
                  <span className="sr-only">{t("list.actions")}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {invitations.map((i) => (
                <TR key={i.id} data-testid="invitation-row" data-email={i.email}>
                  <TD className="align-top">
                    <span className="block font-medium">{i.email}</span>
                    {i.name ? <span className="block text-xs text-muted">{i.name}</span> : null}
                  </TD>
                  <TD className="align-top">
                    <Badge>{accessLabel(presetOf(i.permissions), i.permissions.length)}</Badge>
                  </TD>
                  <TD className="align-top text-sm">
                    <span className="block">{formatDateTime(i.createdAt, locale, timeZone, "short")}</span>
                    {i.expired ? (
                      <Badge tone="warning">{t("pending.expired")}</Badge>
                    ) : (
                      <span className="block text-xs text-muted">{t("pending.expires", { date: formatDateTime(i.expiresAt, locale, timeZone, "short") })}</span>
                    )}
                  </TD>
                  <TD className="align-top">
                    <InvitationActions invitationId={i.id} email={i.email} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
