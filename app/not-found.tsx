import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.notFound");
  return { title: `${t("title")} · Portico` };
}

/** Also the answer for another customer's object and for a page the actor may not see (DESIGN §4). */
export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-center justify-center px-4 py-16 text-center">
      <p className="text-sm font-semibold text-link">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-fg">{t("title")}</h1>
      <p className="mt-2 text-sm text-muted">{t("description")}</p>
      <Button href="/" className="mt-6">
        {t("home")}
      </Button>
    </main>
  );
}
