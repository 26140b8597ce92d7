import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotFoundView } from "@/components/shell/not-found-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.notFound");
  return { title: `${t("title")} · Portico` };
}

/** Unknown URLs outside the portal and staff areas (those have their own, inside their header). */
export default function NotFound() {
  return (
    <main id="main" className="px-4">
      <NotFoundView />
    </main>
  );
}
