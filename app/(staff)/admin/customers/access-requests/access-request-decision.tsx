"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { FormField, Select } from "@/components/ui";
import { APPROVAL_PRESETS } from "@/lib/accounts/access-request-schemas";
import { decideAccessRequestAction } from "./actions";

/** Approve with a preset (an invitation goes to the address) or reject, each after a confirmation. */
export function AccessRequestDecision({ requestId, email, mayApprove }: { requestId: string; email: string; mayApprove: boolean }) {
  const t = useTranslations("accessRequests.staff");
  const router = useRouter();
  const [preset, setPreset] = useState<(typeof APPROVAL_PRESETS)[number]>("billing");
  const [open, setOpen] = useState<"approve" | "reject" | null>(null);
  const errorText = (key: string) => (t.has(key) ? t(key) : t("errors.generic"));
  return (
    <div className="flex flex-wrap items-start gap-2">
      {mayApprove && open !== "reject" ? (
        <ConfirmButton
          testId={`approve-${requestId}`}
          label={t("approve")}
          ariaLabel={t("approveLabel", { email })}
          size="sm"
          question={t("approveQuestion", { email })}
          confirmLabel={t("approveYes")}
          cancelLabel={t("back")}
          className="w-full sm:w-80"
          run={() => decideAccessRequestAction({ requestId, decision: "approve", preset })}
          onDone={() => router.refresh()}
          onOpenChange={(isOpen) => setOpen(isOpen ? "approve" : null)}
          errorText={errorText}
        >
          <FormField id={`preset-${requestId}`} label={t("preset")}>
            <Select value={preset} onChange={(e) => setPreset(e.target.value as (typeof APPROVAL_PRESETS)[number])}>
              {APPROVAL_PRESETS.map((p) => (
                <option key={p} value={p}>
                  {t(`presets.${p}`)}
                </option>
              ))}
            </Select>
          </FormField>
        </ConfirmButton>
      ) : null}
      {open !== "approve" ? (
        <ConfirmButton
          testId={`reject-${requestId}`}
          label={t("reject")}
          ariaLabel={t("rejectLabel", { email })}
          size="sm"
          tone="danger"
          triggerVariant="secondary"
          question={t("rejectQuestion", { email })}
          confirmLabel={t("rejectYes")}
          cancelLabel={t("back")}
          className="w-full sm:w-80"
          run={() => decideAccessRequestAction({ requestId, decision: "reject" })}
          onDone={() => router.refresh()}
          onOpenChange={(isOpen) => setOpen(isOpen ? "reject" : null)}
          errorText={errorText}
        />
      ) : null}
    </div>
  );
}
