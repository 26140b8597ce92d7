import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { listProfileChangeRequests } from "@/lib/accounts/profile-changes";
import { requireStaffActor } from "@/lib/auth/session";
import { formatCountry, formatDateTime } from "@/lib/format";
import { safeTimeZone } from "@/i18n/locales";
import { DecideForm } from "./decide-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountProfile");
  return { title: `${t("staff.title")} · Portico` };
}

/** Pending company name, VAT ID and country changes (staff.customers), oldest first, and the latest decisions. */
export default async function ProfileChangesPage() {
  const actor = await requireStaffActor("staff.customers");
  const [pending, recent, t, locale] = await Promise.all([
    listProfileChangeRequests(actor),
    listProfileChangeRequests(actor, { status: "all", take: 20 }).then((rows) => rows.filter((r) => r.status !== "pending")),
    getTranslations("accountProfile"),
    getLocale(),
  ]);
  const tz = safeTimeZone(actor.timeZone);
  const value = (field: string, v: string | null) => (v ? (field === "country" ? `${formatCountry(v, locale)} (${v})` : v) : t("company.none"));
  const label = (field: string) => (["name", "country", "vatId"].includes(field) ? t(`company.${field as "name"}`) : field);
  const checkOf = (change: unknown) => (change as { check?: string }).check;

  return (
    <ClientMessages namespaces={["accountProfile"]}>
      <div className="space-y-6">
        <PageHeader title={t("staff.title")} description={t("staff.intro")} />
        {pending.length === 0 ? (
          <EmptyState title={t("staff.empty")} />
        ) : (
          <ul className="space-y-4" data-testid="profile-changes">
            {pending.map((r) => (
              <li key={r.id}>
                <Card title={`${r.customerName} · ${r.contractNumber}`} description={t("staff.requested", { name: r.requestedBy ?? "—", date: formatDateTime(r.createdAt, locale, tz) })}>
                  <ul className="mb-4 space-y-1 text-sm">
                    {Object.entries(r.changes).map(([field, change]) => (
                      <li key={field}>
                        <span className="text-muted">{label(field)}:</span> {value(field, change.from)} → <strong>{value(field, change.to)}</strong>
                        {checkOf(change) ? (
                          <Badge className="ml-2" tone={checkOf(change) === "unavailable" ? "warning" : "success"}>
                            {t(`staff.check.${checkOf(change) as "vies"}`)}
                          </Badge>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  <DecideForm id={r.id} />
                </Card>
              </li>
            ))}
          </ul>
        )}
        {recent.length ? (
          <Card title={t("staff.recent")}>
            <ul className="space-y-2 text-sm">
              {recent.map((r) => (
                <li key={r.id}>
                  <Badge tone={r.status === "approved" ? "success" : "danger"}>{t(r.status === "approved" ? "staff.approved" : "staff.rejected")}</Badge> {r.customerName} ·{" "}
                  {Object.keys(r.changes).map(label).join(", ")} · {r.decidedBy ?? "—"} · {r.decidedAt ? formatDateTime(r.decidedAt, locale, tz) : ""}
                  {r.staffNote ? <span className="text-muted"> — {r.staffNote}</span> : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </ClientMessages>
  );
}
