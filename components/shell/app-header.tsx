import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Menu } from "./menu";
import { type NavLink, NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import type { Theme } from "./theme";

type AppHeaderProps = {
  homeHref: string;
  /** Shown after the logo, e.g. "Admin". */
  brandSuffix?: string;
  nav: NavLink[];
  theme: Theme;
  /** Customer switcher and language picker: in the bar on wide screens, in the menu on phones. */
  tools: ReactNode;
  userMenu: ReactNode;
};

/** The header of the portal and of the staff area; on phones the menu collapses behind a button. */
export async function AppHeader({ homeHref, brandSuffix, nav, theme, tools, userMenu }: AppHeaderProps) {
  const t = await getTranslations("nav");
  return (
    <header className="sticky top-0 z-20 border-b border-border bg-surface/95 backdrop-blur supports-[backdrop-filter]:bg-surface/80">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:px-6">
        <Menu
          className="lg:hidden"
          align="start"
          label={t("openMenu")}
          summary={<MenuIcon />}
          summaryClassName="size-9 justify-center px-0"
          panelClassName="fixed inset-x-2 top-14 max-h-[calc(100dvh-4rem)] overflow-y-auto p-2"
        >
          <nav aria-label={t("mainMenu")}>
            <NavLinks items={nav} orientation="vertical" />
          </nav>
          <div className="mt-2 flex flex-wrap items-center gap-2 border-t border-border pt-2">{tools}</div>
        </Menu>

        <Link
          href={homeHref}
          className="flex shrink-0 items-center gap-2 rounded-md px-1 text-lg font-semibold tracking-tight text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
        >
          <LogoMark />
          <span>Portico</span>
          {brandSuffix ? <span className="rounded bg-surface-muted px-1.5 py-0.5 text-xs font-medium text-muted">{brandSuffix}</span> : null}
        </Link>

        <nav aria-label={t("mainMenu")} className="ml-4 hidden lg:block">
          <NavLinks items={nav} />
        </nav>

        <div className="ml-auto flex items-center gap-1">
          <div className="hidden items-center gap-1 lg:flex">{tools}</div>
          <ThemeToggle initial={theme} />
          {userMenu}
        </div>
      </div>
    </header>
  );
}

function MenuIcon() {
  return (
    <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M4 6h16M4 12h16M4 18h16" />
    </svg>
  );
}

function LogoMark() {
  return (
    <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" className="text-link">
      <path fill="currentColor" d="M12 2 2 7v2h20V7L12 2Zm-7 9v8H3v3h18v-3h-2v-8h-3v8h-2.5v-8h-3v8H8v-8H5Z" />
    </svg>
  );
}
