"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui";
import { securityKeyChallengeAction, securityKeyChallengeOptionsAction } from "./security-key-actions";

/** "Use a security key": the browser asks the key, the server checks the signature and signs in. */
export function SecurityKeyChallenge() {
  const t = useTranslations("securityKeys");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const useKey = () =>
    startTransition(async () => {
      setError(null);
      const options = await securityKeyChallengeOptionsAction();
      if (!options.ok) return setError(options.error ?? "errors.keyRefused");
      let response;
      try {
        response = await startAuthentication(options.data);
      } catch {
        // Cancelled, timed out, or no matching key plugged in: the browser does not say which.
        return setError("errors.ceremonyFailed");
      }
      const result = await securityKeyChallengeAction(response);
      if (result && !result.ok) setError(result.error ?? "errors.keyRefused");
    });

  return (
    <div className="mt-6 space-y-3">
      {error ? <Alert tone="danger">{t(error)}</Alert> : null}
      <Button className="w-full" onClick={useKey} disabled={pending} data-testid="use-security-key">
        {pending ? t("challenge.waiting") : t("challenge.use")}
      </Button>
      <p className="text-center text-xs text-muted">{t("challenge.hint")}</p>
      <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">
        {t("challenge.or")}
      </p>
    </div>
  );
}
