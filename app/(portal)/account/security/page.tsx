import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { Badge, Button, Card, PageHeader, parsePage } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
import { getSecurityOverview } from "@/lib/auth/security-overview";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { requireCustomerActor } from "@/lib/auth/session";
import { listSecurityKeys } from "@/lib/auth/webauthn";
import { getSupportPin } from "@/lib/support/support-pin";
import { SupportPinCard } from "@/components/support/support-pin-card";
import { safeTimeZone } from "@/i18n/locales";
import { RecoveryCodesForm, RequirementForm, TurnOffForm } from "./security-forms";
import { CurrentRequest } from "./current-request";
import { LoginHistory } from "./history";
import { PasswordForm } from "./password-form";
import { Sessions } from "./sessions";
import { VpnPasswords } from "./vpn";
import { SecurityKeys } from "./security-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: `${t("security.title")} · Portico` };
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor();
  const historyPage = parsePage((await searchParams).page);
  const timeZone = safeTimeZone(actor.timeZone);
  const [overview, t, h, pin] = await Promise.all([getSecurityOverview(actor), getTranslations("account"), headers(), getSupportPin(actor)]);
  const tSecurity = await getTranslations("accountSecurity");
  const request = requestInfoFrom(h);
  const isAdmin = actor.isOwner && can(actor, "account.manage");

  return (
    <div className="space-y-6">
      <PageHeader title={t("security.title")} description={t("security.intro")} />

      <CurrentRequest request={request} />

      <Card id="password" title={tSecurity("password.title")}>
        <PasswordForm />
      </Card>

      <SupportPinCard pin={pin.pin} updatedAt={pin.updatedAt} mayRegenerate={can(actor, "account.manage")} timeZone={safeTimeZone(actor.timeZone)} />

      <Card title={t("security.twoFactor")}>
        <div className="space-y-4 text-sm">
          <p className="flex items-center gap-2">
            {overview.totpEnabled ? <Badge tone="success">{t("security.on")}</Badge> : <Badge tone="warning">{t("security.off")}</Badge>}
            <span className="text-muted">{overview.totpEnabled ? t("security.onHint") : overview.twoFactorEnabled ? t("security.offHintWithKeys") : t("security.offHint")}</span>
          </p>
          {overview.totpEnabled ? (
            <>
              <p>{t("security.recoveryRemaining", { count: overview.recoveryCodesLeft })}</p>
              <RecoveryCodesForm />
              {overview.mayDisable ? <TurnOffForm /> : <p className="text-muted">{t("security.requiredByCustomer")}</p>}
            </>
          ) : (
            <Button href="/login/2fa/setup">{t("security.setUp")}</Button>
          )}
        </div>
      </Card>

      <SecurityKeys keys={await listSecurityKeys(actor)} timeZone={safeTimeZone(actor.timeZone)} />

      {isAdmin ? (
        <Card title={t("security.requirementTitle")}>
          <p className="mb-3 text-sm text-muted">{t("security.requirementIntro")}</p>
          {overview.customerRequiresTwoFactor || overview.twoFactorEnabled ? (
            <RequirementForm required={overview.customerRequiresTwoFactor} />
          ) : (
            <p className="text-sm text-warning">{t("security.requirementNeedsOwn")}</p>
          )}
        </Card>
      ) : null}

      <Sessions actor={actor} timeZone={timeZone} />
      <LoginHistory actor={actor} timeZone={timeZone} page={historyPage} />
      <VpnPasswords actor={actor} />
    </div>
  );
}
