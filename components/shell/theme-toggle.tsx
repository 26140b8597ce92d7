"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui";
import { THEMES, THEME_COOKIE, type Theme } from "./theme";

const ONE_YEAR_S = 60 * 60 * 24 * 365;

/**
 * Cycles system → light → dark. The choice goes to a cookie that the root layout reads, so the next
 * page is rendered in it on the server (no flash); "system" follows prefers-color-scheme in CSS.
 */
export function ThemeToggle({ initial, className }: { initial: Theme; className?: string }) {
  const t = useTranslations("common.theme");
  const [theme, setTheme] = useState<Theme>(initial);
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];

  function apply() {
    const root = document.documentElement;
    root.classList.remove(...THEMES);
    root.classList.add(next);
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
    setTheme(next);
  }

  return (
    <button
      type="button"
      onClick={apply}
      title={t("switchTo", { theme: t(next) })}
      aria-label={`${t("label")}: ${t(theme)}. ${t("switchTo", { theme: t(next) })}`}
      className={cn(
        "inline-flex size-9 items-center justify-center rounded-md text-muted hover:bg-surface-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
        className,
      )}
    >
      <ThemeIcon theme={theme} />
    </button>
  );
}

function ThemeIcon({ theme }: { theme: Theme }) {
  const common = { width: 18, height: 18, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round" as const, strokeLinejoin: "round" as const, "aria-hidden": true };
  if (theme === "light")
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M6.34 17.66l-1.41 1.41M19.07 4.93l-1.41 1.41" />
      </svg>
    );
  if (theme === "dark")
    return (
      <svg {...common}>
        <path d="M21 12.79A9 9 0 1 1 11.21 3 7 7 0 0 0 21 12.79z" />
      </svg>
    );
  return (
    <svg {...common}>
      <rect x="2" y="3" width="20" height="14" rx="2" />
      <path d="M8 21h8M12 17v4" />
    </svg>
  );
}
