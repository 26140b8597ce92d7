"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui";
import { type ServiceTab, currentServiceTab } from "@/lib/services/service-tabs";

/** The service page's tabs: a row of links that scrolls sideways on a phone; the current one is marked for screen readers too. */
export function ServiceTabsNav({ tabs }: { tabs: ServiceTab[] }) {
  const t = useTranslations("services.tabs");
  const current = currentServiceTab(tabs, usePathname());
  return (
    <nav aria-label={t("label")} className="mb-6 max-w-full overflow-x-auto border-b border-border">
      <ul className="flex min-w-max gap-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? "page" : undefined}
              data-testid={`service-tab-${tab.key}`}
              className={cn(
                "-mb-px inline-block border-b-2 px-3 py-2 text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
                tab.key === current ? "border-accent font-medium text-fg" : "border-transparent text-muted hover:border-border hover:text-fg",
              )}
            >
              {t(tab.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
