"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui";

export type NavLink = { key: string; href: string; label: string; matchPrefix: string; exact?: boolean };

function isCurrent(pathname: string, item: NavLink) {
  return pathname === item.matchPrefix || (!item.exact && pathname.startsWith(`${item.matchPrefix}/`));
}

/** The main menu's links; the current section is marked with aria-current. */
export function NavLinks({ items, orientation = "horizontal", className }: { items: NavLink[]; orientation?: "horizontal" | "vertical"; className?: string }) {
  const pathname = usePathname();
  return (
    <ul className={cn(orientation === "horizontal" ? "flex items-center gap-1" : "flex flex-col gap-0.5", className)}>
      {items.map((item) => {
        const current = isCurrent(pathname, item);
        return (
          <li key={item.key}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                current ? "bg-surface-muted text-fg" : "text-muted hover:bg-surface-muted hover:text-fg",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
