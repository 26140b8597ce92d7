import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui";

/** The 404 body: also the answer for another customer's object or a page without permission (DESIGN §4). */
export async function NotFoundView({ homeHref = "/" }: { homeHref?: string }) {
  const t = await getTranslations("common.notFound");
  return (
    <div className="mx-auto flex min-h-[50dvh] max-w-lg flex-col items-center justify-center py-16 text-center">
      <p className="text-sm font-semibold text-link">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-fg">{t("title")}</h1>
      <p className="mt-2 text-sm text-muted">{t("description")}</p>
      <Button href={homeHref} className="mt-6">
        {t("home")}
      </Button>
    </div>
  );
}
