import { getTranslations } from "next-intl/server";

/** First focusable element of every page: jumps over the header to <main id="main">. */
export async function SkipLink() {
  const t = await getTranslations("common");
  return (
    <a
      href="#main"
      className="sr-only z-50 rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg focus:not-sr-only focus:fixed focus:left-4 focus:top-4"
    >
      {t("skipToContent")}
    </a>
  );
}
