"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { regenerateSupportPinAction } from "@/app/(portal)/account/support-pin-actions";
import { Alert, Button } from "@/components/ui";

/** Asks once more: the old PIN stops working at once, also for a call in progress. */
export function RegenerateSupportPinButton() {
  const t = useTranslations("support.customerPin");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState(false);
  const [pending, startTransition] = useTransition();
  if (!confirming) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
        {t("regenerate")}
      </Button>
    );
  }
  const regenerate = () =>
    startTransition(async () => {
      const result = await regenerateSupportPinAction({});
      setError(!result.ok);
      if (result.ok) setConfirming(false);
    });
  return (
    <div role="alertdialog" aria-labelledby="support-pin-confirm" className="w-full space-y-2 rounded-md border border-border p-3 text-sm sm:w-auto sm:max-w-xs">
      <p id="support-pin-confirm">{t("confirm")}</p>
      {error ? <Alert tone="danger">{t("failed")}</Alert> : null}
      <div className="flex gap-2">
        <Button size="sm" onClick={regenerate} disabled={pending} autoFocus>
          {t("confirmYes")}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => setConfirming(false)}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}
