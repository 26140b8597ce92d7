"use client";

import { useTranslations } from "next-intl";
import { regenerateSupportPinAction } from "@/app/(portal)/account/support-pin-actions";
import { ConfirmButton } from "@/components/forms/confirm-button";

/** Asks once more: the old PIN stops working at once, also for a call in progress. */
export function RegenerateSupportPinButton() {
  const t = useTranslations("support.customerPin");
  return (
    <ConfirmButton
      label={t("regenerate")}
      triggerVariant="secondary"
      size="sm"
      question={t("confirm")}
      confirmLabel={t("confirmYes")}
      cancelLabel={t("cancel")}
      className="w-full sm:w-auto sm:max-w-xs"
      run={() => regenerateSupportPinAction({})}
      errorText={() => t("failed")}
    />
  );
}
