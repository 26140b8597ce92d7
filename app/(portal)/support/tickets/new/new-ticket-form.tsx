"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { AttachmentPicker } from "@/components/support/attachment-picker";
import { uploadFormData } from "@/components/support/upload-form-data";
import { KbSuggestions } from "@/components/support/kb-suggestions";
import { Alert, Button, FormField, Input, Select, Textarea } from "@/components/ui";
import { formatDurationMinutes } from "@/lib/format/duration";
import type { NewTicketOptions } from "@/lib/support/queries";
import { type NewTicketInput, TICKET_PRIORITIES, newTicketSchema } from "@/lib/support/schemas";
import { openTicketAction } from "../actions";

type AttachmentErrors = { fileName: string; code: string }[];

export function NewTicketForm({ options }: { options: NewTicketOptions }) {
  const t = useTranslations("support");
  const locale = useLocale();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [attachmentErrors, setAttachmentErrors] = useState<AttachmentErrors>([]);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, control } = useForm<NewTicketInput>({
    resolver: zodResolver(newTicketSchema),
    defaultValues: { departmentId: options.departments[0]?.id ?? "", priority: "normal", relatedTo: "", subject: "", body: "" },
  });

  const [departmentId, priority, subject] = useWatch({ control, name: ["departmentId", "priority", "subject"] });
  const department = options.departments.find((d) => d.id === departmentId);
  const target = department?.targets[priority];

  // The text fields are checked by the shared schema first; the files travel in the same FormData.
  const onSubmit = handleSubmit((_values, event) => {
    // The files come from the submitted form element, read while the event is still dispatched.
    const form = event?.target;
    if (!(form instanceof HTMLFormElement)) return;
    const formData = uploadFormData(form);
    startTransition(async () => {
      setFormError(null);
      setAttachmentErrors([]);
      const result = await openTicketAction(formData);
      if (result.ok) {
        router.push(`/support/tickets/${encodeURIComponent(result.data.number)}`);
        return;
      }
      setFormError(result.error ?? "errors.invalidForm");
      if ("attachmentErrors" in result) setAttachmentErrors(result.attachmentErrors);
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof NewTicketInput, { message });
    });
  });

  const e = formState.errors;
  const err = (message?: string) => (message ? t(message) : undefined);
  return (
    <form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="departmentId" label={t("new.department")} error={err(e.departmentId?.message)} required>
          <Select {...register("departmentId")}>
            {options.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="priority" label={t("new.priority")} error={err(e.priority?.message)} required>
          <Select {...register("priority")}>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      {target ? (
        <p className="text-sm text-muted" data-testid="response-target">
          {t(department?.businessHoursOnly ? "responseTarget.businessHours" : "responseTarget.always", {
            priority: t(`priority.${priority}`).toLowerCase(),
            duration: formatDurationMinutes(target, locale),
          })}
        </p>
      ) : null}
      {options.services.length || options.domains.length ? (
        <FormField id="relatedTo" label={t("new.relatedTo")} hint={t("new.relatedToHint")} error={err(e.relatedTo?.message)}>
          <Select {...register("relatedTo")}>
            <option value="">{t("new.relatedNone")}</option>
            {options.services.length ? (
              <optgroup label={t("new.services")}>
                {options.services.map((s) => (
                  <option key={s.id} value={`service:${s.id}`}>
                    {s.label ? `${s.name} (${s.label})` : s.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {options.domains.length ? (
              <optgroup label={t("new.domains")}>
                {options.domains.map((d) => (
                  <option key={d.id} value={`domain:${d.id}`}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </Select>
        </FormField>
      ) : (
        <input type="hidden" {...register("relatedTo")} />
      )}
      <FormField id="subject" label={t("new.subject")} error={err(e.subject?.message)} required>
        <Input autoComplete="off" maxLength={200} {...register("subject")} />
      </FormField>
      <KbSuggestions text={subject} />
      <FormField id="body" label={t("new.message")} hint={t("markdownHint")} error={err(e.body?.message)} required>
        <Textarea rows={10} {...register("body")} />
      </FormField>
      <AttachmentPicker errors={attachmentErrors} />
      <Button type="submit" disabled={pending}>
        {pending ? t("new.submitting") : t("new.submit")}
      </Button>
    </form>
  );
}
