import { getTranslations } from "next-intl/server";

/** Centered card for the sign-in steps; no navigation, nothing that needs a verified session. */
export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("auth");
  return (
    <main id="main" className="flex min-h-dvh items-start justify-center bg-bg px-4 py-12 sm:items-center">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-2xl font-semibold tracking-tight text-fg">
          Portico<span className="sr-only"> — {t("tagline")}</span>
        </p>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm sm:p-8">{children}</div>
      </div>
    </main>
  );
}
