import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { Alert } from "@/components/ui";
import { getSessionState } from "@/lib/auth/session";
import { hasTotp, pendingTotpSecret, startTotpEnrolment, totpUri } from "@/lib/auth/totp";
import { signOutAction } from "../../../actions";
import { ContinueForm, EnrolForm } from "./enrol-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: `${t("setup.title")} · Portico` };
}

/** Enrolment: required for staff and where the customer demands it, voluntary otherwise. */
export default async function TwoFactorSetupPage() {
  const state = await getSessionState();
  // The authenticator app in particular: a user with only security keys may add one here.
  const totpOn = state.status === "active" && (await hasTotp(state.actor.userId));
  const who =
    state.status === "two_factor_enrolment_required"
      ? { userId: state.userId, email: state.email, required: true }
      : state.status === "active" && !totpOn
        ? { userId: state.actor.userId, email: state.actor.email, required: false }
        : null;
  if (state.status === "active" && totpOn) {
    // Enrolled already (e.g. this page reloaded after confirming): only the session cookie is behind.
    const t = await getTranslations("auth");
    return (
      <>
        <h1 className="text-xl font-semibold text-fg">{t("setup.title")}</h1>
        <Alert tone="success" className="my-4">
          {t("setup.enabled")}
        </Alert>
        <ContinueForm label={t("setup.continueShort")} />
      </>
    );
  }
  if (!who) redirect("/");
  // Keep the secret while the page is reloaded, so a scanned QR code stays valid until confirmed.
  const secret = (await pendingTotpSecret(who.userId)) ?? (await startTotpEnrolment(who.userId));
  const [qr, t] = await Promise.all([QRCode.toDataURL(totpUri(secret, who.email), { margin: 1, width: 200 }), getTranslations("auth")]);
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">{t("setup.title")}</h1>
      {who.required ? (
        <Alert tone="warning" className="mt-4">
          {t("setup.required")}
        </Alert>
      ) : null}
      <ol className="mt-4 list-decimal space-y-2 pl-5 text-sm text-fg">
        <li>{t("setup.step1")}</li>
        <li>{t("setup.step2")}</li>
        <li>{t("setup.step3")}</li>
      </ol>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated on the server */}
      <img src={qr} alt={t("setup.qrAlt")} width={200} height={200} className="mx-auto mt-4 rounded bg-white p-2" />
      <p className="mt-3 text-center text-sm text-muted">{t("setup.manualKey")}</p>
      <p className="mt-1 text-center font-mono text-base tracking-wider text-fg" data-testid="totp-secret">
        {secret.match(/.{1,4}/g)?.join(" ")}
      </p>
      <EnrolForm next={who.required ? undefined : "/account/security"} />
      {who.required ? (
        <form action={signOutAction} className="mt-4 text-center">
          <button type="submit" className="text-sm text-muted underline underline-offset-4 hover:text-fg">
            {t("challenge.cancel")}
          </button>
        </form>
      ) : null}
    </>
  );
}
