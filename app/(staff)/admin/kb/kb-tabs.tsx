import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui";

const TABS = [
  { key: "articles", href: "/admin/kb" },
  { key: "categories", href: "/admin/kb/categories" },
  { key: "announcements", href: "/admin/kb/announcements" },
] as const;

/** The three lists of /admin/kb, as links (each is its own page and URL). */
export async function KbTabs({ current }: { current: (typeof TABS)[number]["key"] }) {
  const t = await getTranslations("kb.admin.tabs");
  return (
    <nav aria-label={t("label")} className="mb-4 flex flex-wrap gap-2">
      {TABS.map((tab) => (
        <Button key={tab.key} href={tab.href} size="sm" variant={tab.key === current ? "primary" : "secondary"} aria-current={tab.key === current ? "page" : undefined}>
          {t(tab.key)}
        </Button>
      ))}
    </nav>
  );
}
