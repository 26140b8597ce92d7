"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Select, Textarea } from "@/components/ui";
import {
  JOB_NOTE_MAX,
  type MarkJobDoneInput,
  type ModuleActionInput,
  SUSPEND_REASON_MAX,
  type StaffModuleOperation,
  markJobDoneSchema,
  moduleActionSchema,
} from "@/lib/services/staff-services-schemas";
import { markJobDoneAction, requestModuleActionAction, retryJobAction } from "./actions";

// The service page's module actions and job buttons. Messages are keys of "staffServices".

/** Translates an action's or a schema's message key; an unknown key reads as the generic error, never as a raw key. */
function useErrorText() {
  const t = useTranslations("staffServices");
  return (key: string | undefined | null): string | undefined => {
    if (!key) return undefined;
    return t.has(key) ? t(key) : t("errors.generic");
  };
}

type Outcome = { jobId: string; created: boolean };

/** After an inline confirmation closes, focus goes back to the button that opened it (as ConfirmButton does). */
function useFocusReturn(open: boolean) {
  const trigger = useRef<HTMLButtonElement>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (open) pending.current = true;
    else if (pending.current) {
      pending.current = false;
      trigger.current?.focus();
    }
  }, [open]);
  return trigger;
}

/** "Queued." or "Already queued." after a module action, announced politely. */
function OutcomeNote({ outcome }: { outcome: Outcome | null }) {
  const t = useTranslations("staffServices.actions");
  if (!outcome) return null;
  return (
    <Alert tone={outcome.created ? "success" : "info"} data-testid="module-action-outcome">
      {outcome.created ? t("queued") : t("alreadyQueued")}
    </Alert>
  );
}

type Refusals = Record<StaffModuleOperation, string | null>;

/**
 * The module actions that make sense for the service now (the others are not offered; the server
 * checks again). Suspend asks for a reason; terminate is the red, final one.
 */
export function ModuleActions({ serviceId, serviceName, refusals, packages }: { serviceId: string; serviceName: string; refusals: Refusals; packages: { id: string; name: string }[] }) {
  const t = useTranslations("staffServices.actions");
  const errorText = useErrorText();
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [mode, setMode] = useState<"idle" | "suspend" | "busy">("idle");
  const [productId, setProductId] = useState("");
  const suspendTrigger = useFocusReturn(mode === "suspend");

  const run = (operation: StaffModuleOperation, extra: Partial<ModuleActionInput> = {}) => async () => {
    setOutcome(null);
    return requestModuleActionAction({ serviceId, operation, ...extra });
  };
  const done = (data: Outcome) => {
    setOutcome(data);
    router.refresh();
  };
  const simple = (operation: "create" | "unsuspend" | "terminate", tone: "primary" | "danger" = "primary") =>
    refusals[operation] ? null : (
      <ConfirmButton
        key={operation}
        testId={`module-${operation}`}
        label={t(`${operation}.button`)}
        triggerVariant={tone === "danger" ? "danger" : "secondary"}
        tone={tone}
        question={t(`${operation}.confirm`, { name: serviceName })}
        confirmLabel={t(`${operation}.yes`)}
        pendingLabel={t("queueing")}
        cancelLabel={t("cancel")}
        run={run(operation)}
        onDone={done}
        onOpenChange={(open) => setMode(open ? "busy" : "idle")}
        errorText={errorText}
      />
    );

  const available = (Object.keys(refusals) as StaffModuleOperation[]).filter((op) => !refusals[op]);
  if (available.length === 0) {
    return (
      <div className="space-y-3">
        <OutcomeNote outcome={outcome} />
        <p className="text-sm text-muted">{t("noneAvailable")}</p>
      </div>
    );
  }

  if (mode === "suspend") return <SuspendForm serviceId={serviceId} serviceName={serviceName} onClose={() => setMode("idle")} onDone={done} />;

  return (
    <div className="space-y-4">
      <OutcomeNote outcome={outcome} />
      <div className="flex flex-wrap items-start gap-2">
        {simple("create")}
        {refusals.suspend || mode === "busy" ? null : (
          <Button ref={suspendTrigger} variant="secondary" onClick={() => setMode("suspend")} data-testid="module-suspend">
            {t("suspend.button")}
          </Button>
        )}
        {simple("unsuspend")}
        {simple("terminate", "danger")}
      </div>
      {refusals.change_package || mode === "busy" ? null : (
        <div className="space-y-2 border-t border-border pt-4">
          {packages.length === 0 ? (
            <p className="text-sm text-muted">{t("change_package.noPackages")}</p>
          ) : (
            <>
              <FormField id="change-package-product" label={t("change_package.product")} hint={t("change_package.hint")}>
                <Select value={productId} onChange={(event) => setProductId(event.target.value)} className="sm:max-w-sm">
                  <option value="">{t("change_package.choose")}</option>
                  {packages.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </Select>
              </FormField>
              <ConfirmButton
                testId="module-change_package"
                label={t("change_package.button")}
                triggerVariant="secondary"
                question={t("change_package.confirm", { name: serviceName, product: packages.find((p) => p.id === productId)?.name ?? "—" })}
                confirmLabel={t("change_package.yes")}
                pendingLabel={t("queueing")}
                cancelLabel={t("cancel")}
                run={run("change_package", { productId })}
                onDone={done}
                errorText={errorText}
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** The suspension is its own confirmation: the question, the reason (required), then suspend or back. */
function SuspendForm({ serviceId, serviceName, onClose, onDone }: { serviceId: string; serviceName: string; onClose: () => void; onDone: (data: Outcome) => void }) {
  const t = useTranslations("staffServices.actions");
  const errorText = useErrorText();
  const { register, handleSubmit, formState, setError } = useForm<ModuleActionInput>({
    resolver: zodResolver(moduleActionSchema, undefined, { raw: true }),
    defaultValues: { serviceId, operation: "suspend", reason: "" },
  });
  const { submit, formError, pending } = useActionSubmit(requestModuleActionAction, setError, (data) => {
    onClose();
    onDone(data);
  });
  return (
    <form
      method="post"
      noValidate
      onSubmit={handleSubmit(submit)}
      role="alertdialog"
      aria-labelledby="suspend-title"
      className="space-y-3 rounded-md border border-warning/40 bg-warning-soft p-3 text-sm"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onClose();
      }}
    >
      <p id="suspend-title" className="font-medium">
        {t("suspend.confirm", { name: serviceName })}
      </p>
      {formError && formError !== "errors.invalidForm" ? <Alert tone="danger">{errorText(formError)}</Alert> : null}
      <input type="hidden" {...register("serviceId")} />
      <input type="hidden" {...register("operation")} />
      <FormField id="suspend-reason" label={t("suspend.reason")} hint={t("suspend.reasonHint")} error={errorText(formState.errors.reason?.message)} required>
        <Textarea rows={2} maxLength={SUSPEND_REASON_MAX} autoFocus {...register("reason")} />
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending} data-testid="module-suspend-confirm-button">
          {pending ? t("queueing") : t("suspend.yes")}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** Puts a failed job back in the queue. */
export function RetryJobButton({ jobId, label }: { jobId: string; label: string }) {
  const t = useTranslations("staffServices.jobs");
  const errorText = useErrorText();
  const router = useRouter();
  return (
    <ConfirmButton
      testId="job-retry"
      label={t("retry")}
      ariaLabel={t("retryLabel", { job: label })}
      triggerVariant="secondary"
      size="sm"
      question={t("retryConfirm", { job: label })}
      confirmLabel={t("retry")}
      pendingLabel={t("working")}
      cancelLabel={t("back")}
      run={() => retryJobAction({ jobId })}
      onDone={() => router.refresh()}
      errorText={errorText}
    />
  );
}

/** Staff did the work by hand on the panel: the job ends as "done by hand", with an optional note for the record. */
export function MarkJobDoneButton({ jobId, label }: { jobId: string; label: string }) {
  const t = useTranslations("staffServices.jobs");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const trigger = useFocusReturn(open);
  const { register, handleSubmit, formState, setError, reset } = useForm<MarkJobDoneInput>({
    resolver: zodResolver(markJobDoneSchema, undefined, { raw: true }),
    defaultValues: { jobId, note: "" },
  });
  const { submit, formError, pending } = useActionSubmit(markJobDoneAction, setError, () => {
    setOpen(false);
    reset();
    router.refresh();
  });
  if (!open)
    return (
      <Button ref={trigger} variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={t("markDoneLabel", { job: label })} data-testid="job-mark-done">
        {t("markDone")}
      </Button>
    );
  return (
    <form
      method="post"
      noValidate
      onSubmit={handleSubmit(submit)}
      role="alertdialog"
      aria-labelledby={`mark-done-${jobId}`}
      className="min-w-64 space-y-2 rounded-md border border-warning/40 bg-warning-soft p-3 text-sm"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) setOpen(false);
      }}
    >
      <p id={`mark-done-${jobId}`} className="whitespace-normal font-medium">
        {t("markDoneConfirm", { job: label })}
      </p>
      {formError && formError !== "errors.invalidForm" ? <Alert tone="danger">{errorText(formError)}</Alert> : null}
      <input type="hidden" {...register("jobId")} />
      <FormField id={`mark-done-note-${jobId}`} label={t("note")} hint={t("noteHint")} error={errorText(formState.errors.note?.message)}>
        <Textarea rows={2} maxLength={JOB_NOTE_MAX} autoFocus {...register("note")} />
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={pending} data-testid="job-mark-done-confirm-button">
          {pending ? t("working") : t("markDone")}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setOpen(false)} disabled={pending}>
          {t("back")}
        </Button>
      </div>
    </form>
  );
}
