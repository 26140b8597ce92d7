import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { THEME_COOKIE, themeFrom } from "@/components/shell/theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: "Portico", template: "%s" }, description: t("appDescription"), applicationName: "Portico" };
}

const CLIENT_NAMESPACES = ["common", "auth", "account", "support", "kb", "attachments", "staffTickets", "inbound"] as const;

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, messages, theme] = await Promise.all([getLocale(), getMessages(), cookies().then((c) => themeFrom(c.get(THEME_COOKIE)?.value))]);
  // Only what client components translate goes to the browser; server components read the rest.
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, messages[ns] ?? {}]));
  return (
    // The theme class comes from a cookie, so the server renders the right colours (no flash);
    // the toggle changes the class in the browser as well.
    <html lang={locale} className={theme} suppressHydrationWarning>
      <body className="min-h-dvh bg-bg font-sans text-fg antialiased">
        <NextIntlClientProvider messages={clientMessages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
