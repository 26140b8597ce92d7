"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert, Button, FormField, Input, Select, Textarea } from "@/components/ui";
import type { z } from "zod";
import { CANNED_BODY_MAX, CANNED_TITLE_MAX, type CannedReplyInput, type UpdateCannedReplyInput, cannedReplySchema } from "@/lib/support/canned-reply-schemas";
import { createCannedReplyAction, deleteCannedReplyAction, updateCannedReplyAction } from "../actions";
import { useErrorText } from "../use-error-text";

type Department = { id: string; name: string };

type FormProps = {
  departments: Department[];
  /** Only staff who handle every department may write replies for all of them. */
  allowGlobal: boolean;
};

/** Create (no `values`) or edit (with `values.id`) a canned reply. */
export function CannedReplyForm({ departments, allowGlobal, values, onDone }: FormProps & { values?: UpdateCannedReplyInput; onDone?: () => void }) {
  const t = useTranslations("staffTickets.canned");
  const errorText = useErrorText();
  const editing = Boolean(values);
  const idPrefix = values ? `canned-form-${values.id}` : "canned-form-new";
  const defaults: CannedReplyInput = values
    ? { title: values.title, body: values.body, departmentId: values.departmentId }
    : { title: "", body: "", departmentId: allowGlobal ? "" : (departments[0]?.id ?? "") };
  const [state, setState] = useState<{ error?: string; saved?: boolean }>({});
  const [pending, startTransition] = useTransition();
  // The same fields either way; the id of an edited reply travels beside them.
  const { register, handleSubmit, formState, setError, reset } = useForm<CannedReplyInput, unknown, z.output<typeof cannedReplySchema>>({
    resolver: zodResolver(cannedReplySchema),
    defaultValues: defaults,
  });

  const onSubmit = handleSubmit((input) =>
    startTransition(async () => {
      setState({});
      const result = values ? await updateCannedReplyAction({ ...input, id: values.id }) : await createCannedReplyAction(input);
      if (result.ok) {
        setState({ saved: true });
        if (!editing) reset(defaults);
        onDone?.();
        return;
      }
      setState({ error: result.error ?? "errors.invalidForm" });
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) if (field === "title" || field === "body" || field === "departmentId") setError(field, { message });
    }),
  );

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-label={editing ? t("editTitle") : t("newTitle")}>
      {state.error ? <Alert tone="danger">{errorText(state.error)}</Alert> : null}
      {state.saved && !editing ? <Alert tone="success">{t("created")}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id={`${idPrefix}-title`} label={t("fieldTitle")} error={errorText(formState.errors.title?.message)} required>
          <Input maxLength={CANNED_TITLE_MAX} {...register("title")} />
        </FormField>
        <FormField id={`${idPrefix}-department`} label={t("fieldDepartment")} error={errorText(formState.errors.departmentId?.message)}>
          <Select {...register("departmentId")}>
            {allowGlobal ? <option value="">{t("allDepartments")}</option> : null}
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      <FormField id={`${idPrefix}-body`} label={t("fieldBody")} hint={t("bodyHint")} error={errorText(formState.errors.body?.message)} required>
        <Textarea rows={6} maxLength={CANNED_BODY_MAX} {...register("body")} />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : editing ? t("saveChanges") : t("create")}
      </Button>
    </form>
  );
}

/** "Edit" opens the form in place; saving closes it again. */
export function EditCannedReply({ departments, allowGlobal, values }: FormProps & { values: UpdateCannedReplyInput }) {
  const t = useTranslations("staffTickets.canned");
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="secondary" size="sm" className="mt-3" onClick={() => setOpen(true)} aria-label={t("editNamed", { title: values.title })}>
        {t("edit")}
      </Button>
    );
  }
  return (
    <div className="mt-3 space-y-3 border-t border-border pt-3">
      <CannedReplyForm departments={departments} allowGlobal={allowGlobal} values={values} onDone={() => setOpen(false)} />
      <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
        {t("cancel")}
      </Button>
    </div>
  );
}

/** Deleting asks once more; the reply disappears for every colleague. */
export function DeleteCannedReplyButton({ id, title }: { id: string; title: string }) {
  const t = useTranslations("staffTickets.canned");
  const errorText = useErrorText();
  return (
    <ConfirmButton
      label={t("delete")}
      ariaLabel={t("deleteNamed", { title })}
      triggerVariant="ghost"
      tone="danger"
      size="sm"
      question={t("deleteConfirm", { title })}
      confirmLabel={t("deleteYes")}
      cancelLabel={t("cancel")}
      className="w-full sm:w-auto"
      run={() => deleteCannedReplyAction({ id })}
      errorText={errorText}
    />
  );
}
