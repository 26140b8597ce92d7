"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert, Button, FormField, Input, Select } from "@/components/ui";
import { type AcceptHeldEmailFormInput, acceptHeldEmailSchema } from "@/lib/support/inbound-email-schemas";
import { acceptHeldEmailAction, rejectHeldEmailAction } from "./actions";

type Props = {
  inboundEmailId: string;
  departments: { id: string; name: string }[];
  suggestedContractNumber: string | null;
  suggestedDepartmentId: string | null;
};

const INBOX = "/admin/tickets/inbox";

/** Accept (customer by contract number + department) or reject, for one held message. */
export function HeldEmailActions({ inboundEmailId, departments, suggestedContractNumber, suggestedDepartmentId }: Props) {
  const t = useTranslations("inbound");
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError } = useForm<AcceptHeldEmailFormInput>({
    resolver: zodResolver(acceptHeldEmailSchema),
    defaultValues: { inboundEmailId, contractNumber: suggestedContractNumber ?? "", departmentId: suggestedDepartmentId ?? "" },
  });
  const fieldError = (message: string | undefined) => (message ? t(message) : undefined);

  const accept = handleSubmit((values) =>
    startTransition(async () => {
      setFormError(null);
      const result = await acceptHeldEmailAction(values);
      if (result.ok) {
        // The message leaves the list; the notice with the new ticket's link is shown above it.
        router.replace(`${INBOX}?accepted=${encodeURIComponent(result.data.ticketNumber)}`);
        return;
      }
      const fields = Object.entries(result.fieldErrors ?? {}).filter(([field]) => field === "contractNumber" || field === "departmentId");
      for (const [field, message] of fields) setError(field as "contractNumber" | "departmentId", { message });
      if (!fields.length) setFormError(result.error ?? "errors.invalidForm");
    }),
  );

  const idPrefix = `held-${inboundEmailId}`;
  return (
    <div className="space-y-3">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <form onSubmit={accept} noValidate aria-label={t("accept.title")} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
        <input type="hidden" {...register("inboundEmailId")} />
        <FormField id={`${idPrefix}-contract`} label={t("accept.contract")} hint={t("accept.contractHint")} error={fieldError(formState.errors.contractNumber?.message)} required>
          <Input autoComplete="off" spellCheck={false} {...register("contractNumber")} />
        </FormField>
        <FormField id={`${idPrefix}-department`} label={t("accept.department")} error={fieldError(formState.errors.departmentId?.message)} required>
          <Select {...register("departmentId")}>
            <option value="">{t("accept.choose")}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </FormField>
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? t("accept.submitting") : t("accept.submit")}
        </Button>
      </form>
      <RejectHeldEmailButton inboundEmailId={inboundEmailId} />
    </div>
  );
}

/** Rejecting asks once more: the files are deleted and the sender gets no ticket. */
function RejectHeldEmailButton({ inboundEmailId }: { inboundEmailId: string }) {
  const t = useTranslations("inbound");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error ? <Alert tone="danger">{t(error)}</Alert> : null}
      <ConfirmButton
        label={t("reject.button")}
        triggerVariant="secondary"
        tone="danger"
        size="sm"
        box="plain"
        question={t("reject.confirm")}
        confirmLabel={t("reject.yes")}
        cancelLabel={t("reject.cancel")}
        run={() => {
          setError(null);
          return rejectHeldEmailAction({ inboundEmailId });
        }}
        leavesPage
        onDone={() => router.replace(`${INBOX}?rejected=1`)}
        onError={(result) => setError(result.error ?? "errors.invalidForm")}
      />
    </div>
  );
}
