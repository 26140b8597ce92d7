import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui";
import { getSessionState } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: `${t("login.title")} · Portico` };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const state = await getSessionState();
  if (state.status === "active") redirect("/");
  const [{ error }, t, tr] = await Promise.all([searchParams, getTranslations("auth"), getTranslations("authRecovery")]);
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">{t("login.title")}</h1>
      <p className="mt-1 text-sm text-muted">{t("login.intro")}</p>
      {error === "no_access" ? (
        <Alert tone="warning" className="mt-4">
          {t("errors.noAccess")}
        </Alert>
      ) : null}
      <LoginForm />
      <p className="mt-4 text-center text-sm">
        <Link href="/forgot-password" className="text-muted underline underline-offset-4 hover:text-fg">
          {tr("forgotLink")}
        </Link>
        <span aria-hidden="true" className="mx-2 text-muted">
          ·
        </span>
        <Link href="/request-access" className="text-muted underline underline-offset-4 hover:text-fg">
          {tr("requestAccessLink")}
        </Link>
      </p>
    </>
  );
}
