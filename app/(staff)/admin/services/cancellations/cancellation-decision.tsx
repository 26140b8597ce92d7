"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { FormField, Textarea } from "@/components/ui";
import { CANCELLATION_NOTE_MAX } from "@/lib/services/cancellation-schemas";
import { processCancellationAction } from "./actions";

/** "staff.errors.noteRequired" (the lib's and the schema's keys) → this page's "cancellationRequests.errors.noteRequired". */
function useErrorText() {
  const t = useTranslations("staffServices.cancellationRequests");
  return (key: string | null | undefined) => {
    if (!key) return undefined;
    const local = key.replace(/^staff\./, "");
    return t.has(local) ? t(local) : t("errors.generic");
  };
}

/** Approve (an optional note to the customer) or reject (a note saying why is required), each after a confirmation. */
export function CancellationDecision({ requestId, serviceName, timing }: { requestId: string; serviceName: string; timing: "immediate" | "end_of_period" }) {
  const t = useTranslations("staffServices.cancellationRequests");
  const errorText = useErrorText();
  const router = useRouter();
  const [approveNote, setApproveNote] = useState("");
  const [rejectNote, setRejectNote] = useState("");
  const [open, setOpen] = useState<"approve" | "reject" | null>(null);

  return (
    <div className="flex flex-wrap items-start gap-2">
      {open === "reject" ? null : (
        <ConfirmButton
          testId={`approve-${requestId}`}
          label={t("approve")}
          ariaLabel={t("approveLabel", { name: serviceName })}
          size="sm"
          tone={timing === "immediate" ? "danger" : "primary"}
          question={t(timing === "immediate" ? "approveImmediate" : "approveEndOfPeriod", { name: serviceName })}
          confirmLabel={t("approveYes")}
          pendingLabel={t("saving")}
          cancelLabel={t("back")}
          className="w-full sm:w-96"
          run={() => processCancellationAction({ requestId, decision: "approve", note: approveNote })}
          onDone={() => router.refresh()}
          onOpenChange={(isOpen) => setOpen(isOpen ? "approve" : null)}
          errorText={(key) => errorText(key)}
        >
          <FormField id={`approve-note-${requestId}`} label={t("noteOptional")} hint={t("noteHint")}>
            <Textarea rows={2} maxLength={CANCELLATION_NOTE_MAX} value={approveNote} onChange={(e) => setApproveNote(e.target.value)} />
          </FormField>
        </ConfirmButton>
      )}
      {open === "approve" ? null : (
        <ConfirmButton
          testId={`reject-${requestId}`}
          label={t("reject")}
          ariaLabel={t("rejectLabel", { name: serviceName })}
          size="sm"
          triggerVariant="secondary"
          tone="primary"
          question={t("rejectQuestion", { name: serviceName })}
          confirmLabel={t("rejectYes")}
          pendingLabel={t("saving")}
          cancelLabel={t("back")}
          className="w-full sm:w-96"
          run={async () => {
            const result = await processCancellationAction({ requestId, decision: "reject", note: rejectNote });
            // A missing reason comes back as a field error of the shared schema; show it in the confirmation.
            return !result.ok && result.fieldErrors?.note ? { ok: false as const, error: result.fieldErrors.note } : result;
          }}
          onDone={() => router.refresh()}
          onOpenChange={(isOpen) => setOpen(isOpen ? "reject" : null)}
          errorText={(key) => errorText(key)}
        >
          <FormField id={`reject-note-${requestId}`} label={t("rejectReason")} hint={t("rejectReasonHint")} required>
            <Textarea rows={2} maxLength={CANCELLATION_NOTE_MAX} value={rejectNote} onChange={(e) => setRejectNote(e.target.value)} />
          </FormField>
        </ConfirmButton>
      )}
    </div>
  );
}
