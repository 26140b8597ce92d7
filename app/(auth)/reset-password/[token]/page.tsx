import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, Button } from "@/components/ui";
import { ClientMessages } from "@/components/shell/client-messages";
import { isResetLinkValid } from "@/lib/auth/password-reset";
import { ResetPasswordForm } from "./reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("authRecovery");
  return { title: `${t("reset.title")} · Portico`, referrer: "no-referrer" };
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t] = await Promise.all([params, getTranslations("authRecovery")]);
  const valid = await isResetLinkValid(token);
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">{t("reset.title")}</h1>
      {valid ? (
        <>
          <p className="mt-1 text-sm text-muted">{t("reset.intro")}</p>
          <ClientMessages namespaces={["authRecovery"]}>
            <ResetPasswordForm token={token} />
          </ClientMessages>
        </>
      ) : (
        <>
          <Alert tone="warning" className="mt-4" data-testid="reset-link-invalid">
            {t("errors.invalidLink")}
          </Alert>
          <Button href="/forgot-password" variant="secondary" className="mt-4 w-full">
            {t("reset.requestNew")}
          </Button>
        </>
      )}
      <p className="mt-4 text-center text-sm">
        <Link href="/login" className="text-muted underline underline-offset-4 hover:text-fg">
          {t("backToLogin")}
        </Link>
      </p>
    </>
  );
}
