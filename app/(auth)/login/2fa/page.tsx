import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { getSessionState } from "@/lib/auth/session";
import { countSecurityKeys } from "@/lib/auth/webauthn";
import { signOutAction } from "../../actions";
import { ChallengeForm } from "./challenge-form";
import { SecurityKeyChallenge } from "./security-key-challenge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: `${t("challenge.title")} · Portico` };
}

export default async function TwoFactorChallengePage() {
  const state = await getSessionState();
  if (state.status !== "two_factor_required") redirect("/");
  const [t, keys] = await Promise.all([getTranslations("auth"), countSecurityKeys(state.userId)]);
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">{t("challenge.title")}</h1>
      <p className="mt-1 text-sm text-muted">{t("challenge.intro")}</p>
      {keys > 0 ? (
        <ClientMessages namespaces={["securityKeys"]}>
          <SecurityKeyChallenge />
        </ClientMessages>
      ) : null}
      <ChallengeForm />
      <form action={signOutAction} className="mt-4 text-center">
        <button type="submit" className="text-sm text-muted underline underline-offset-4 hover:text-fg">
          {t("challenge.cancel")}
        </button>
      </form>
    </>
  );
}
