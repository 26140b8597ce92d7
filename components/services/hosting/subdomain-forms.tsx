"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { type CreateSubdomainInput, type CreateSubdomainValues, createSubdomainSchema } from "@/lib/services/hosting-schemas";
import { createSubdomainAction } from "@/app/(portal)/services/[id]/subdomains/actions";
import { useHostingText } from "./hosting-text";

const suggestedRoot = (label: string) => `/public_html/${label.trim().toLowerCase()}`;

/** A new subdomain "<label>.<domain>" served from a directory of the account (suggested from the label). */
export function CreateSubdomainForm({ serviceId, domain }: { serviceId: string; domain: string }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  const id = useId();
  const defaults: CreateSubdomainInput = { serviceId, label: "", documentRoot: "" };
  // The directory follows the label until the user edits it.
  const [rootEdited, setRootEdited] = useState(false);
  const { register, handleSubmit, setError, setValue, reset, formState } = useForm<CreateSubdomainInput, unknown, CreateSubdomainValues>({
    resolver: zodResolver(createSubdomainSchema),
    defaultValues: defaults,
  });
  const { submit, formError, saved, pending } = useActionSubmit(createSubdomainAction, setError, () => {
    reset(defaults);
    setRootEdited(false);
    router.refresh();
  });
  const errors = formState.errors;
  const label = register("label", { onChange: (e: { target: { value: string } }) => (rootEdited ? undefined : setValue("documentRoot", e.target.value ? suggestedRoot(e.target.value) : "")) });
  const root = register("documentRoot", { onChange: () => setRootEdited(true) });

  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-labelledby={`${id}-title`} className="space-y-4" data-testid="create-subdomain-form">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t("subdomains.create.title")}
      </h3>
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {saved && !formError ? <Alert tone="success">{t("subdomains.create.done")}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id={`${id}-label`} label={t("subdomains.create.label")} hint={t("subdomains.create.labelHint")} error={text(errors.label?.message)} required>
          {(control) => (
            <div className="flex items-center gap-2">
              <Input {...control} {...label} autoComplete="off" autoCapitalize="none" spellCheck={false} className="min-w-0 flex-1" />
              <span className="shrink-0 break-all text-sm text-muted" aria-hidden="true">
                .{domain}
              </span>
            </div>
          )}
        </FormField>
        <FormField id={`${id}-root`} label={t("subdomains.create.documentRoot")} hint={t("subdomains.create.documentRootHint")} error={text(errors.documentRoot?.message)} required>
          <Input {...root} autoComplete="off" spellCheck={false} className="font-mono" />
        </FormField>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.creating") : t("subdomains.create.submit")}
      </Button>
    </form>
  );
}
