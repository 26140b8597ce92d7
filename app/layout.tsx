import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { THEME_COOKIE, themeFrom } from "@/components/shell/theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: "Portico", template: "%s" }, description: t("appDescription"), applicationName: "Portico" };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, theme] = await Promise.all([getLocale(), cookies().then((c) => themeFrom(c.get(THEME_COOKIE)?.value))]);
  return (
    // The theme class comes from a cookie, so the server renders the right colours (no flash);
    // the toggle changes the class in the browser as well.
    <html lang={locale} className={theme} suppressHydrationWarning>
      <body className="min-h-dvh bg-bg font-sans text-fg antialiased">
        {/* Only what client components translate goes to the browser; the areas add theirs. */}
        <ClientMessages namespaces={[]}>{children}</ClientMessages>
      </body>
    </html>
  );
}
