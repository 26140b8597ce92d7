import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/app/(portal)/actions";
import { LanguagePicker } from "@/components/shell/language-picker";
import { THEME_COOKIE, themeFrom } from "@/components/shell/theme";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import type { AppLocale } from "@/i18n/locales";

/** Centered card for the sign-in steps; no navigation, nothing that needs a verified session. */
export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const [t, locale, theme] = await Promise.all([getTranslations("auth"), getLocale(), cookies().then((c) => themeFrom(c.get(THEME_COOKIE)?.value))]);
  return (
    <main id="main" className="flex min-h-dvh items-start justify-center bg-bg px-4 py-12 sm:items-center">
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-between">
          <p className="text-2xl font-semibold tracking-tight text-fg">
            Portico<span className="sr-only"> — {t("tagline")}</span>
          </p>
          <div className="flex items-center gap-1">
            <LanguagePicker current={locale as AppLocale} action={setLocaleAction} />
            <ThemeToggle initial={theme} />
          </div>
        </div>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm sm:p-8">{children}</div>
      </div>
    </main>
  );
}
