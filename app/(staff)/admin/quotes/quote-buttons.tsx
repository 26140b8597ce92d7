"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui";
import { deleteQuoteDraftAction, sendQuoteAction } from "./actions";
import { useQuoteMessage } from "./quote-form";

/** Sending numbers the quote and emails the customer: it asks once more, naming the customer. */
export function SendQuoteButton({ id, customer }: { id: string; customer: string }) {
  const t = useTranslations("quotes.staff.send");
  const message = useQuoteMessage();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const send = () =>
    startTransition(async () => {
      setError(null);
      const result = await sendQuoteAction({ id });
      if (result.ok) {
        setConfirming(false);
        router.refresh();
      } else setError(result.error ?? "errors.generic");
    });
  if (!confirming) return <Button onClick={() => setConfirming(true)}>{t("button")}</Button>;
  return (
    <div role="alertdialog" aria-labelledby={`send-${id}`} className="space-y-3 rounded-md border border-border p-3">
      <p id={`send-${id}`} className="text-sm">
        {t("confirm", { customer })}
      </p>
      {error ? <Alert tone="danger">{message(error)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button onClick={send} disabled={pending} autoFocus>
          {pending ? t("pending") : t("yes")}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}

/** Deletes a draft after a confirmation; back to the list once done. */
export function DeleteQuoteButton({ id, subject }: { id: string; subject: string }) {
  const t = useTranslations("quotes.staff.delete");
  const message = useQuoteMessage();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      setError(null);
      const result = await deleteQuoteDraftAction({ id });
      if (result.ok) router.push("/admin/quotes");
      else setError(result.error ?? "errors.generic");
    });
  if (!confirming)
    return (
      <Button variant="danger" onClick={() => setConfirming(true)}>
        {t("button")}
      </Button>
    );
  return (
    <div role="alertdialog" aria-labelledby={`delete-${id}`} className="space-y-3 rounded-md border border-danger/30 p-3">
      <p id={`delete-${id}`} className="text-sm">
        {t("confirm", { subject })}
      </p>
      {error ? <Alert tone="danger">{message(error)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={remove} disabled={pending} autoFocus>
          {pending ? t("pending") : t("yes")}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}
