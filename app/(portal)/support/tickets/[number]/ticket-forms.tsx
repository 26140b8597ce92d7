"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { AttachmentPicker } from "@/components/support/attachment-picker";
import { uploadFormData } from "@/components/support/upload-form-data";
import { Alert, Button, FormField, Textarea } from "@/components/ui";
import { type TicketReplyInput, ticketReplySchema } from "@/lib/support/schemas";
import { closeTicketAction, rateTicketAction, reopenTicketAction, replyAction } from "../actions";

type AttachmentErrors = { fileName: string; code: string }[];

export function ReplyForm({ number }: { number: string }) {
  const t = useTranslations("support");
  const [formError, setFormError] = useState<string | null>(null);
  const [attachmentErrors, setAttachmentErrors] = useState<AttachmentErrors>([]);
  const [pickerKey, setPickerKey] = useState(0);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, reset } = useForm<TicketReplyInput>({ resolver: zodResolver(ticketReplySchema), defaultValues: { number, body: "" } });

  const onSubmit = handleSubmit((_values, event) => {
    // The files come from the submitted form element, read while the event is still dispatched.
    const form = event?.target;
    if (!(form instanceof HTMLFormElement)) return;
    const formData = uploadFormData(form);
    startTransition(async () => {
      setFormError(null);
      setAttachmentErrors([]);
      const result = await replyAction(formData);
      if (result.ok) {
        reset({ number, body: "" });
        setPickerKey((k) => k + 1);
        return;
      }
      // The typed reply stays in the form: nothing is lost when a file is refused.
      setFormError(result.error ?? "errors.invalidForm");
      if ("attachmentErrors" in result) setAttachmentErrors(result.attachmentErrors);
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof TicketReplyInput, { message });
    });
  });

  return (
    <form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-border p-4">
      <h2 className="font-semibold">{t("reply.title")}</h2>
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <input type="hidden" {...register("number")} />
      <FormField id="body" label={t("reply.message")} hint={t("markdownHint")} error={formState.errors.body?.message ? t(formState.errors.body.message) : undefined} required>
        <Textarea rows={6} {...register("body")} />
      </FormField>
      <AttachmentPicker key={pickerKey} errors={attachmentErrors} />
      <Button type="submit" disabled={pending}>
        {pending ? t("reply.submitting") : t("reply.submit")}
      </Button>
    </form>
  );
}

/** Closing asks once more: a closed ticket leaves the team's queue. */
export function CloseTicketButton({ number }: { number: string }) {
  const t = useTranslations("support");
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error ? <Alert tone="danger">{t(error)}</Alert> : null}
      <ConfirmButton
        label={t("close.button")}
        triggerVariant="secondary"
        triggerSize="md"
        triggerClassName="w-full"
        question={t("close.confirm")}
        confirmLabel={t("close.yes")}
        cancelLabel={t("close.cancel")}
        size="sm"
        run={() => {
          setError(null);
          return closeTicketAction({ number });
        }}
        onError={(result) => setError(result.error ?? "errors.invalidForm")}
      />
    </div>
  );
}

export function ReopenTicketButton({ number }: { number: string }) {
  const t = useTranslations("support");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      {error ? <Alert tone="danger">{t(error)}</Alert> : null}
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await reopenTicketAction({ number });
            if (!result.ok) setError(result.error ?? "errors.invalidForm");
          })
        }
      >
        {t("closed.reopen")}
      </Button>
    </div>
  );
}

const RATINGS = [1, 2, 3, 4, 5] as const;

export function RateTicketForm({ number, rating, comment }: { number: string; rating: number | null; comment: string | null }) {
  const t = useTranslations("support");
  const [selected, setSelected] = useState<number | null>(rating);
  const [text, setText] = useState(comment ?? "");
  const [state, setState] = useState<{ error?: string; saved?: boolean }>({});
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await rateTicketAction({ number, rating: selected ?? 0, comment: text });
      setState(result.ok ? { saved: true } : { error: result.fieldErrors?.rating ?? result.error ?? "errors.invalidForm" });
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={t("rating.title")}>
      <fieldset>
        <legend className="text-sm font-medium">{t("rating.question")}</legend>
        <div className="mt-2 flex gap-1">
          {RATINGS.map((value) => (
            <label key={value} className="cursor-pointer">
              <input type="radio" name="rating" value={value} className="peer sr-only" checked={selected === value} onChange={() => setSelected(value)} />
              <span
                aria-hidden
                className={`inline-flex h-9 w-9 items-center justify-center rounded-md border text-lg peer-focus-visible:ring-2 peer-focus-visible:ring-ring ${selected !== null && value <= selected ? "border-amber-400 text-amber-500" : "border-border text-muted"}`}
              >
                ★
              </span>
              <span className="sr-only">{t("rating.stars", { count: value })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormField id="rating-comment" label={t("rating.comment")}>
        <Textarea rows={3} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
      </FormField>
      {state.error ? <Alert tone="danger">{t(state.error)}</Alert> : null}
      {state.saved ? <Alert tone="success">{t("rating.thanks")}</Alert> : null}
      <Button type="submit" size="sm" disabled={pending}>
        {t("rating.submit")}
      </Button>
    </form>
  );
}
