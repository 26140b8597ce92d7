import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui";

const TABS = [
  { key: "products", href: "/admin/catalog" },
  { key: "tlds", href: "/admin/catalog/tlds" },
  { key: "taxRates", href: "/admin/catalog/tax-rates" },
] as const;

/** The catalog's lists, as links (each is its own page and URL). */
export async function CatalogTabs({ current }: { current: (typeof TABS)[number]["key"] }) {
  const t = await getTranslations("catalog.tabs");
  // The TLD catalog names its own tab (messages/<locale>/tldCatalog.json).
  const tTlds = await getTranslations("tldCatalog");
  return (
    <nav aria-label={t("label")} className="mb-4 flex flex-wrap gap-2">
      {TABS.map((tab) => (
        <Button key={tab.key} href={tab.href} size="sm" variant={tab.key === current ? "primary" : "secondary"} aria-current={tab.key === current ? "page" : undefined}>
          {tab.key === "tlds" ? tTlds("tab") : t(tab.key)}
        </Button>
      ))}
    </nav>
  );
}
