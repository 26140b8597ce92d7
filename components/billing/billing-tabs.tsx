import Link from "next/link";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui";

export const BILLING_TABS = [
  { key: "overview", href: "/billing" },
  { key: "invoices", href: "/billing/invoices" },
  { key: "quotes", href: "/billing/quotes" },
  { key: "credit", href: "/billing/credit" },
] as const;
export type BillingTab = (typeof BILLING_TABS)[number]["key"];

/** The billing section's own menu, shown above each billing page. */
export function BillingTabs({ current }: { current: BillingTab }) {
  const t = useTranslations("billing.nav");
  return (
    <nav aria-label={t("label")} className="mb-6 flex flex-wrap gap-1 border-b border-border">
      {BILLING_TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.key === current ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg",
          )}
        >
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
