"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { deleteQuoteDraftAction, sendQuoteAction } from "./actions";
import { useQuoteMessage } from "./quote-form";

/** Sending numbers the quote and emails the customer: it asks once more, naming the customer. */
export function SendQuoteButton({ id, customer }: { id: string; customer: string }) {
  const t = useTranslations("quotes.staff.send");
  const message = useQuoteMessage();
  const router = useRouter();
  return (
    <ConfirmButton
      label={t("button")}
      question={t("confirm", { customer })}
      confirmLabel={t("yes")}
      pendingLabel={t("pending")}
      cancelLabel={t("cancel")}
      run={() => sendQuoteAction({ id })}
      onDone={() => router.refresh()}
      errorText={message}
    />
  );
}

/** Deletes a draft after a confirmation; back to the list once done. */
export function DeleteQuoteButton({ id, subject }: { id: string; subject: string }) {
  const t = useTranslations("quotes.staff.delete");
  const message = useQuoteMessage();
  const router = useRouter();
  return (
    <ConfirmButton
      label={t("button")}
      tone="danger"
      question={t("confirm", { subject })}
      confirmLabel={t("yes")}
      pendingLabel={t("pending")}
      cancelLabel={t("cancel")}
      run={() => deleteQuoteDraftAction({ id })}
      leavesPage
      onDone={() => router.push("/admin/quotes")}
      errorText={message}
    />
  );
}
