import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { ForgotPasswordForm } from "./forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("authRecovery");
  return { title: `${t("forgot.title")} · Portico` };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("authRecovery");
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">{t("forgot.title")}</h1>
      <p className="mt-1 text-sm text-muted">{t("forgot.intro")}</p>
      <ClientMessages namespaces={["authRecovery"]}>
        <ForgotPasswordForm />
      </ClientMessages>
      <p className="mt-4 text-center text-sm">
        <Link href="/login" className="text-muted underline underline-offset-4 hover:text-fg">
          {t("backToLogin")}
        </Link>
      </p>
    </>
  );
}
