"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui";

/** The body of an error boundary: a localised message, a retry, and the digest for support. */
export function ErrorView({ error, reset, homeHref }: { error: Error & { digest?: string }; reset: () => void; homeHref: string }) {
  const t = useTranslations("common.error");
  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold text-fg">{t("title")}</h1>
      <p className="mt-2 text-sm text-muted">{t("description")}</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-muted">{t("reference", { digest: error.digest })}</p> : null}
      <div className="mt-6 flex justify-center gap-2">
        <Button onClick={reset}>{t("retry")}</Button>
        <Button variant="secondary" href={homeHref}>
          {t("home")}
        </Button>
      </div>
    </div>
  );
}
