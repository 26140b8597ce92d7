import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui";

const LINKS = [
  { key: "kb", href: "/support/kb" },
  { key: "announcements", href: "/support/announcements" },
  { key: "networkStatus", href: "/support/network-status" },
] as const;

/** Links between the help pages under /support (the main menu's "Support" entry opens tickets). */
export async function HelpNav({ current, showTickets }: { current: (typeof LINKS)[number]["key"]; showTickets: boolean }) {
  const t = await getTranslations("kb.helpNav");
  return (
    <nav aria-label={t("label")} className="mb-6 flex flex-wrap gap-2">
      {showTickets ? (
        <Button href="/support/tickets" size="sm" variant="ghost">
          {t("tickets")}
        </Button>
      ) : null}
      {LINKS.map((link) => (
        <Button key={link.key} href={link.href} size="sm" variant={link.key === current ? "primary" : "secondary"} aria-current={link.key === current ? "page" : undefined}>
          {t(link.key)}
        </Button>
      ))}
    </nav>
  );
}
