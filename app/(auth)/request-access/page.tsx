import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { RequestAccessForm } from "./request-access-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accessRequests");
  return { title: `${t("request.title")} · Portico` };
}

/** Public: someone of a customer without a login asks for access with the contract number. */
export default async function RequestAccessPage() {
  const t = await getTranslations("accessRequests");
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">{t("request.title")}</h1>
      <p className="mt-1 text-sm text-muted">{t("request.intro")}</p>
      <ClientMessages namespaces={["accessRequests"]}>
        <RequestAccessForm />
      </ClientMessages>
      <p className="mt-6 text-sm">
        <Link href="/login" className="text-accent hover:underline">
          {t("request.toLogin")}
        </Link>
      </p>
    </>
  );
}
