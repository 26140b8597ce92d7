"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui";
import { resendEmailAction } from "../actions";

export function ResendButton({ id, to }: { id: string; to: string }) {
  const t = useTranslations("accountMail");
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; error: string } | null>(null);
  const resend = () =>
    startTransition(async () => {
      const result = await resendEmailAction({ id });
      setOutcome(result.ok ? { ok: true } : { ok: false, error: result.error ?? "errors.generic" });
    });
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" onClick={resend} disabled={pending}>
        {pending ? t("emails.resending") : t("emails.resend")}
      </Button>
      {outcome ? (
        <Alert tone={outcome.ok ? "success" : "danger"} className="max-w-sm">
          {outcome.ok ? t("emails.resent", { to }) : t(outcome.error)}
        </Alert>
      ) : null}
    </div>
  );
}
