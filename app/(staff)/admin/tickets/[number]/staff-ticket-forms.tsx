"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { uploadFormData } from "@/components/support/upload-form-data";
import { AttachmentPicker } from "@/components/support/attachment-picker";
import { Alert, Button, Checkbox, FormField, Input, Label, Select, Textarea, cn } from "@/components/ui";
import { STAFF_REPLY_STATUSES, TICKET_PRIORITIES, TICKET_STATUSES, staffReplySchema, supportPinCheckSchema, updateTicketSchema } from "@/lib/support/schemas";
import { checkSupportPinAction, staffReplyAction, updateTicketAction } from "../actions";
import { useErrorText } from "../use-error-text";

type AttachmentErrors = { fileName: string; code: string }[];
type ReplyValues = z.input<typeof staffReplySchema>;

export type CannedOption = { id: string; title: string; body: string };

/**
 * Reply to the customer or add an internal note. A canned reply is inserted (already filled in for
 * this ticket) where the cursor is; the text stays editable before sending.
 */
export function StaffReplyForm({ number, canned }: { number: string; canned: CannedOption[] }) {
  const t = useTranslations("staffTickets.reply");
  const errorText = useErrorText();
  const textareaRef = useRef<HTMLTextAreaElement | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<"reply" | "note" | null>(null);
  const [attachmentErrors, setAttachmentErrors] = useState<AttachmentErrors>([]);
  const [pickerKey, setPickerKey] = useState(0);
  const [cannedId, setCannedId] = useState("");
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, reset, setValue, getValues, control } = useForm<ReplyValues, unknown, z.output<typeof staffReplySchema>>({
    resolver: zodResolver(staffReplySchema),
    defaultValues: { number, body: "", internal: false, status: "answered" },
  });
  const internal = useWatch({ control, name: "internal" }) === true;
  const { ref: bodyRef, ...bodyField } = register("body");

  const insertCanned = () => {
    const chosen = canned.find((c) => c.id === cannedId);
    if (!chosen) return;
    const textarea = textareaRef.current;
    const current = getValues("body");
    const start = textarea?.selectionStart ?? current.length;
    const end = textarea?.selectionEnd ?? current.length;
    setValue("body", current.slice(0, start) + chosen.body + current.slice(end), { shouldDirty: true, shouldValidate: formState.isSubmitted });
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(start + chosen.body.length, start + chosen.body.length);
    });
  };

  const onSubmit = handleSubmit((_values, event) => {
    // The form element itself, for the files: read now, while the event is still being dispatched.
    const form = event?.target;
    if (!(form instanceof HTMLFormElement)) return;
    const formData = uploadFormData(form);
    startTransition(async () => {
      setFormError(null);
      setSent(null);
      setAttachmentErrors([]);
      const result = await staffReplyAction(formData);
      if (result.ok) {
        setSent(internal ? "note" : "reply");
        reset({ number, body: "", internal: false, status: "answered" });
        setPickerKey((k) => k + 1);
        setCannedId("");
        return;
      }
      // What was typed stays: nothing is lost when a file is refused.
      setFormError(result.error ?? "errors.invalidForm");
      if ("attachmentErrors" in result) setAttachmentErrors(result.attachmentErrors);
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) if (field === "body" || field === "status") setError(field, { message });
    });
  });

  return (
    <form
      method="post"
      encType="multipart/form-data"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="reply-title"
      className={cn("space-y-4 rounded-lg border p-4", internal ? "border-dashed border-warning/60 bg-warning-soft" : "border-border bg-surface")}
    >
      <h2 id="reply-title" className="font-semibold">
        {internal ? t("noteTitle") : t("title")}
      </h2>
      {formError ? <Alert tone="danger">{errorText(formError)}</Alert> : null}
      {sent ? <Alert tone="success">{sent === "note" ? t("noteAdded") : t("sent")}</Alert> : null}
      <input type="hidden" {...register("number")} />

      {canned.length ? (
        <FormField id="canned-reply" label={t("canned")} hint={t("cannedHint")}>
          {(control) => (
            <div className="flex flex-col gap-2 sm:flex-row">
              <Select {...control} value={cannedId} onChange={(e) => setCannedId(e.target.value)} className="min-w-0 flex-1">
                <option value="">{t("cannedChoose")}</option>
                {canned.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </Select>
              <Button variant="secondary" onClick={insertCanned} disabled={!cannedId}>
                {t("insert")}
              </Button>
            </div>
          )}
        </FormField>
      ) : null}

      <FormField id="staff-reply-body" label={internal ? t("noteMessage") : t("message")} hint={t("markdownHint")} error={errorText(formState.errors.body?.message)} required>
        <Textarea
          rows={8}
          {...bodyField}
          ref={(element) => {
            bodyRef(element);
            textareaRef.current = element;
          }}
        />
      </FormField>

      <div className="flex items-start gap-2">
        <Checkbox id="staff-reply-internal" className="mt-0.5" aria-describedby="staff-reply-internal-hint" {...register("internal")} />
        <div>
          <Label htmlFor="staff-reply-internal">{t("internal")}</Label>
          <p id="staff-reply-internal-hint" className="text-xs text-muted">
            {t("internalHint")}
          </p>
        </div>
      </div>

      {internal ? null : (
        <FormField id="staff-reply-status" label={t("statusAfter")} error={errorText(formState.errors.status?.message)} className="sm:max-w-xs">
          <Select {...register("status")}>
            {STAFF_REPLY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statusAfterOptions.${s}`)}
              </option>
            ))}
          </Select>
        </FormField>
      )}

      <AttachmentPicker key={pickerKey} errors={attachmentErrors} />
      <Button type="submit" disabled={pending} variant={internal ? "secondary" : "primary"}>
        {pending ? t("sending") : internal ? t("submitNote") : t("submit")}
      </Button>
    </form>
  );
}

type PropertiesValues = z.input<typeof updateTicketSchema>;
type Option = { id: string; name: string };

export type TicketPropertiesProps = {
  me: string;
  values: PropertiesValues;
  departments: Option[];
  assignees: Option[];
  services: { id: string; name: string; label: string | null; status: string }[];
};

/** Department, priority, status, assignee and linked service, saved together. */
export function TicketPropertiesForm({ me, values, departments, assignees, services }: TicketPropertiesProps) {
  const t = useTranslations("staffTickets.properties");
  const tStatus = useTranslations("staffTickets.status");
  const tPriority = useTranslations("staffTickets.priority");
  const errorText = useErrorText();
  const [state, setState] = useState<{ error?: string; saved?: boolean }>({});
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, setValue, getValues } = useForm<PropertiesValues, unknown, z.output<typeof updateTicketSchema>>({
    resolver: zodResolver(updateTicketSchema),
    // Follows the server: after any change (here, a reply's status, a colleague's edit) the page
    // re-renders with the ticket as stored, and the form shows that.
    values,
  });

  const save = () =>
    startTransition(async () => {
      setState({});
      // The raw form values: the server parses them with the same schema.
      const input = getValues();
      const result = await updateTicketAction(input);
      if (result.ok) {
        setState({ saved: true });
        return;
      }
      setState({ error: result.error ?? "errors.invalidForm" });
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof PropertiesValues, { message });
    });
  const onSubmit = handleSubmit(save);
  const assignToMe = () => {
    setValue("assigneeId", me, { shouldDirty: true });
    void onSubmit();
  };
  const fieldError = (name: keyof PropertiesValues) => errorText(formState.errors[name]?.message);

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-label={t("title")}>
      {state.error ? <Alert tone="danger">{errorText(state.error)}</Alert> : null}
      {state.saved ? <Alert tone="success">{t("saved")}</Alert> : null}
      <input type="hidden" {...register("number")} />
      <FormField id="prop-department" label={t("department")} error={fieldError("departmentId")}>
        <Select defaultValue={values.departmentId} {...register("departmentId")}>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </FormField>
      <div className="grid grid-cols-2 gap-3">
        <FormField id="prop-priority" label={t("priority")} error={fieldError("priority")}>
          <Select defaultValue={values.priority} {...register("priority")}>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {tPriority(p)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="prop-status" label={t("status")} error={fieldError("status")}>
          <Select defaultValue={values.status} {...register("status")}>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tStatus(s)}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      <FormField id="prop-assignee" label={t("assignee")} error={fieldError("assigneeId")}>
        <Select defaultValue={values.assigneeId ?? ""} {...register("assigneeId")}>
          <option value="">{t("unassigned")}</option>
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === me ? t("meOption", { name: a.name }) : a.name}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField id="prop-service" label={t("service")} error={fieldError("serviceId")}>
        <Select defaultValue={values.serviceId ?? ""} {...register("serviceId")}>
          <option value="">{t("noService")}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label ? `${s.label} (${s.name})` : s.name}
            </option>
          ))}
        </Select>
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        {values.assigneeId !== me && assignees.some((a) => a.id === me) ? (
          <Button variant="secondary" onClick={assignToMe} disabled={pending}>
            {t("assignToMe")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

type PinValues = z.input<typeof supportPinCheckSchema>;

/**
 * Staff type the PIN a caller gives and learn only whether it matches. The field is cleared after
 * every check, so the PIN does not stay on screen.
 */
export function SupportPinCheckForm({ customerId }: { customerId: string }) {
  const t = useTranslations("staffTickets.pin");
  const errorText = useErrorText();
  const [outcome, setOutcome] = useState<{ matches: boolean } | { error: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, reset } = useForm<PinValues, unknown, z.output<typeof supportPinCheckSchema>>({ resolver: zodResolver(supportPinCheckSchema), defaultValues: { customerId, pin: "" } });
  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setOutcome(null);
      const result = await checkSupportPinAction(values);
      reset({ customerId, pin: "" });
      setOutcome(result.ok ? result.data : { error: result.fieldErrors?.pin ?? result.error ?? "errors.invalidForm" });
    }),
  );
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-label={t("title")}>
      <input type="hidden" {...register("customerId")} />
      <FormField id="support-pin" label={t("label")} hint={t("hint")} error={errorText(formState.errors.pin?.message)}>
        {(control) => (
          <div className="flex gap-2">
            <Input {...control} inputMode="numeric" autoComplete="off" maxLength={6} placeholder="••••••" className="min-w-0 flex-1 font-mono tracking-widest" {...register("pin")} />
            <Button type="submit" variant="secondary" disabled={pending}>
              {t("check")}
            </Button>
          </div>
        )}
      </FormField>
      <div aria-live="polite">
        {outcome && "matches" in outcome ? (
          outcome.matches ? (
            <Alert tone="success" data-testid="pin-result" data-matches="true" title={t("matches")}>
              {t("matchesHint")}
            </Alert>
          ) : (
            <Alert tone="danger" data-testid="pin-result" data-matches="false" title={t("noMatch")}>
              {t("noMatchHint")}
            </Alert>
          )
        ) : null}
        {outcome && "error" in outcome ? <Alert tone="danger">{errorText(outcome.error)}</Alert> : null}
      </div>
    </form>
  );
}
