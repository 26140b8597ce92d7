import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui";
import { getProfile } from "@/lib/accounts/profile";
import { COUNTRY_CODES } from "@/lib/accounts/profile-schemas";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatCountry, formatDateTime } from "@/lib/format";
import { safeTimeZone } from "@/i18n/locales";
import { ChangeRequestForm, CompanyForm, EmailChangeForm, PersonalForm } from "./profile-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountProfile");
  return { title: `${t("title")} · Portico` };
}

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes(current) ? zones : [current, ...zones];
}

/** The user's own data for everyone; the company's data, its change requests and billing preferences with account.manage. */
export default async function ProfilePage() {
  const actor = await requireCustomerActor();
  const [profile, t, locale] = await Promise.all([getProfile(actor), getTranslations("accountProfile"), getLocale()]);
  const tz = safeTimeZone(actor.timeZone);
  const company = profile.company;
  const countryName = (code: string | null) => (code ? formatCountry(code, locale) : "—");
  const changeLabel = (field: string) => (["name", "country", "vatId"].includes(field) ? t(`company.${field as "name" | "country" | "vatId"}`) : field);
  const changeValue = (field: string, value: string | null) => (value ? (field === "country" ? countryName(value) : value) : t("company.none"));

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />

      <Card title={t("personal.title")} description={t("personal.intro")}>
        <PersonalForm defaults={{ name: profile.user.name, locale: profile.user.locale as "en", timeZone: profile.user.timeZone }} timeZones={timeZones(profile.user.timeZone)} />
      </Card>

      <Card title={t("email.title")} description={t("email.intro")}>
        <div className="space-y-4">
          <p className="text-sm">
            {t("email.current")} <strong className="break-all" data-testid="login-email">{profile.user.email}</strong>
          </p>
          {profile.pendingEmail ? (
            <Alert tone="info" data-testid="pending-email">
              {t("email.pending", { email: profile.pendingEmail.newEmail, time: formatDateTime(profile.pendingEmail.expiresAt, locale, tz) })}
            </Alert>
          ) : null}
          {actor.impersonator ? <p className="text-sm text-muted">{t("errors.impersonating")}</p> : <EmailChangeForm twoFactor={profile.user.twoFactor} />}
        </div>
      </Card>

      {company ? (
        <>
          <Card title={t("company.title")} description={t("company.intro")} id="company">
            <div className="space-y-6">
              <div className="space-y-3">
                <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]" data-testid="company-read-only">
                  <dt className="text-muted">{t("company.name")}</dt>
                  <dd className="break-words font-medium">{company.name}</dd>
                  <dt className="text-muted">{t("company.contract")}</dt>
                  <dd className="font-mono">{company.contractNumber}</dd>
                  <dt className="text-muted">{t("company.country")}</dt>
                  <dd>{countryName(company.country)}</dd>
                  <dt className="text-muted">{t("company.vatId")}</dt>
                  <dd className="font-mono">{company.vatId ?? t("company.none")}</dd>
                </dl>
                <p className="text-sm text-muted">{t("company.readOnlyHint")}</p>
                {profile.pendingChange ? (
                  <Alert tone="info" title={t("change.pendingTitle")} data-testid="pending-change">
                    <p>{t("change.pending", { date: formatDateTime(profile.pendingChange.createdAt, locale, tz) })}</p>
                    <ul className="mt-2 space-y-1">
                      {Object.entries(profile.pendingChange.changes).map(([field, change]) => (
                        <li key={field}>
                          {changeLabel(field)}: {changeValue(field, change.from)} → <strong>{changeValue(field, change.to)}</strong>
                        </li>
                      ))}
                    </ul>
                  </Alert>
                ) : (
                  <>
                    {profile.lastDecision ? (
                      <Alert tone={profile.lastDecision.status === "approved" ? "success" : "warning"} data-testid="last-decision">
                        {t(profile.lastDecision.status === "approved" ? "change.approved" : "change.rejected")}
                        {profile.lastDecision.staffNote ? ` ${t("change.staffNote", { note: profile.lastDecision.staffNote })}` : ""}
                      </Alert>
                    ) : null}
                    <ChangeRequestForm
                      defaults={{ name: company.name, country: company.country, vatId: company.vatId ?? "" }}
                      countries={COUNTRY_CODES.map((code) => ({ code, name: formatCountry(code, locale) })).sort((a, b) => a.name.localeCompare(b.name, locale))}
                    />
                  </>
                )}
              </div>
              <div className="border-t border-border pt-4">
                <h3 className="mb-3 text-sm font-semibold">{t("company.addressTitle")}</h3>
                <CompanyForm
                  defaults={{
                    country: company.country,
                    email: company.email,
                    phone: company.phone ?? "",
                    addressLine1: company.addressLine1 ?? "",
                    addressLine2: company.addressLine2 ?? "",
                    city: company.city ?? "",
                    postcode: company.postcode ?? "",
                  }}
                />
              </div>
            </div>
          </Card>

          <Card title={t("billingPrefs.title")}>
            <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]" data-testid="billing-preferences">
              <dt className="text-muted">{t("billingPrefs.currency")}</dt>
              <dd className="font-mono">{company.currency}</dd>
              <dt className="text-muted">{t("billingPrefs.paymentMethod")}</dt>
              <dd>
                <Badge>{t(`billingPrefs.methods.${company.defaultPaymentMethod as "card" | "bank_transfer" | "credit" | "manual"}`)}</Badge>
              </dd>
            </dl>
            <p className="mt-3 text-sm text-muted">
              {profile.mayViewBilling ? (
                <Link href="/billing" className="text-accent underline-offset-2 hover:underline">
                  {t("billingPrefs.change")}
                </Link>
              ) : (
                t("billingPrefs.readOnly")
              )}
            </p>
          </Card>
        </>
      ) : (
        <p className="text-sm text-muted" data-testid="company-hidden">
          {t("company.needsPermission")}
        </p>
      )}
    </div>
  );
}
