"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { type FieldValues, type Path, type Resolver, type UseFormSetError, useForm } from "react-hook-form";
import { Alert, Button, FormField, Input, Select } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";
import {
  type ChangeRequestInput,
  type CompanyInput,
  type EmailChangeInput,
  type PersonalInput,
  changeRequestSchema,
  companySchema,
  emailChangeSchema,
  personalSchema,
} from "@/lib/accounts/profile-schemas";
import { LOCALE_NAMES, LOCALES } from "@/i18n/locales";
import { requestEmailChangeAction, requestProfileChangeAction, updateCompanyAction, updatePersonalAction } from "./actions";

function useMessage() {
  const t = useTranslations("accountProfile");
  return (key: string | undefined | null) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined);
}

/** Puts the server's field errors next to their fields and returns the form-level message key. */
function applyErrors<T extends FieldValues>(result: ActionResult<unknown>, setError: UseFormSetError<T>, fields: readonly string[]): string | null {
  if (result.ok) return null;
  const errors = Object.entries(result.fieldErrors ?? {}).filter(([field]) => fields.includes(field));
  errors.forEach(([field, message], i) => setError(field as Path<T>, { message }, { shouldFocus: i === 0 }));
  return errors.length ? null : (result.error ?? "errors.generic");
}

export function PersonalForm({ defaults, timeZones }: { defaults: PersonalInput; timeZones: string[] }) {
  const t = useTranslations("accountProfile");
  const message = useMessage();
  const router = useRouter();
  const [status, setStatus] = useState<"saved" | "unchanged" | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError } = useForm<PersonalInput>({ resolver: zodResolver(personalSchema) as Resolver<PersonalInput>, defaultValues: defaults });
  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setStatus(null);
      const result = await updatePersonalAction(values);
      setFormError(applyErrors(result, setError, ["name", "locale", "timeZone"]));
      if (result.ok) {
        setStatus(result.data.changed ? "saved" : "unchanged");
        router.refresh();
      }
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="personal-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="personal-name" label={t("personal.name")} error={message(formState.errors.name?.message)} required className="sm:col-span-2">
          <Input autoComplete="name" {...register("name")} />
        </FormField>
        <FormField id="personal-locale" label={t("personal.language")} error={message(formState.errors.locale?.message)}>
          <Select {...register("locale")}>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {LOCALE_NAMES[locale]}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="personal-timezone" label={t("personal.timeZone")} error={message(formState.errors.timeZone?.message)}>
          <Select {...register("timeZone")}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      {formError ? <Alert tone="danger">{message(formError)}</Alert> : null}
      {status ? <Alert tone="success">{t(status === "saved" ? "saved" : "unchanged")}</Alert> : null}
      <Button type="submit" disabled={pending} data-testid="save-personal">
        {t("personal.save")}
      </Button>
    </form>
  );
}

export function EmailChangeForm({ twoFactor }: { twoFactor: boolean }) {
  const t = useTranslations("accountProfile");
  const message = useMessage();
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, reset } = useForm<EmailChangeInput>({
    resolver: zodResolver(emailChangeSchema) as Resolver<EmailChangeInput>,
    defaultValues: { newEmail: "", password: "", code: "" },
  });
  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setSentTo(null);
      const result = await requestEmailChangeAction(values);
      setFormError(applyErrors(result, setError, ["newEmail", "password", "code"]));
      if (result.ok) {
        setSentTo(values.newEmail.trim().toLowerCase());
        reset({ newEmail: "", password: "", code: "" });
        router.refresh();
      }
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="email-change-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="email-new" label={t("email.newEmail")} error={message(formState.errors.newEmail?.message)} required className="sm:col-span-2">
          <Input type="email" inputMode="email" autoComplete="email" {...register("newEmail")} />
        </FormField>
        <FormField id="email-password" label={t("email.password")} hint={twoFactor ? t("email.passwordOrCode") : undefined} error={message(formState.errors.password?.message)}>
          <Input type="password" autoComplete="current-password" {...register("password")} />
        </FormField>
        {twoFactor ? (
          <FormField id="email-code" label={t("email.code")} error={message(formState.errors.code?.message)}>
            <Input autoComplete="one-time-code" inputMode="numeric" placeholder="123456" {...register("code")} />
          </FormField>
        ) : null}
      </div>
      {formError ? <Alert tone="danger">{message(formError)}</Alert> : null}
      {sentTo ? <Alert tone="success">{t("email.sent", { email: sentTo })}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending} data-testid="request-email-change">
        {t("email.submit")}
      </Button>
    </form>
  );
}

const COMPANY_FIELDS = ["email", "phone", "addressLine1", "addressLine2", "city", "postcode"] as const;

export function CompanyForm({ defaults }: { defaults: CompanyInput }) {
  const t = useTranslations("accountProfile");
  const message = useMessage();
  const router = useRouter();
  const [status, setStatus] = useState<"saved" | "unchanged" | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, reset } = useForm<CompanyInput>({ resolver: zodResolver(companySchema) as unknown as Resolver<CompanyInput>, defaultValues: defaults });
  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setStatus(null);
      const result = await updateCompanyAction(values);
      setFormError(applyErrors(result, setError, COMPANY_FIELDS));
      if (result.ok) {
        // Show what was stored (the postcode in its country's form).
        reset({ ...values, ...(companySchema.safeParse(values).data ?? {}) });
        setStatus(result.data.changed ? "saved" : "unchanged");
        router.refresh();
      }
    }),
  );
  const field = (name: (typeof COMPANY_FIELDS)[number], props: { autoComplete: string; type?: string; inputMode?: "email" | "tel"; required?: boolean; wide?: boolean; hint?: string }) => (
    <FormField id={`company-${name}`} label={t(`company.${name}`)} hint={props.hint} error={message(formState.errors[name]?.message)} required={props.required} className={props.wide ? "sm:col-span-2" : undefined}>
      <Input type={props.type ?? "text"} inputMode={props.inputMode} autoComplete={props.autoComplete} {...register(name)} />
    </FormField>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="company-form">
      <input type="hidden" {...register("country")} />
      <div className="grid gap-4 sm:grid-cols-2">
        {field("addressLine1", { autoComplete: "address-line1", required: true, wide: true })}
        {field("addressLine2", { autoComplete: "address-line2", wide: true })}
        {field("city", { autoComplete: "address-level2", required: true })}
        {field("postcode", { autoComplete: "postal-code", required: true })}
        {field("phone", { autoComplete: "tel", type: "tel", inputMode: "tel", hint: t("company.phoneHint") })}
        {field("email", { autoComplete: "email", type: "email", inputMode: "email", required: true, hint: t("company.emailHint") })}
      </div>
      {formError ? <Alert tone="danger">{message(formError)}</Alert> : null}
      {status ? <Alert tone="success">{t(status === "saved" ? "saved" : "unchanged")}</Alert> : null}
      <Button type="submit" disabled={pending} data-testid="save-company">
        {t("company.save")}
      </Button>
    </form>
  );
}

export function ChangeRequestForm({ defaults, countries }: { defaults: ChangeRequestInput; countries: { code: string; name: string }[] }) {
  const t = useTranslations("accountProfile");
  const message = useMessage();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError } = useForm<ChangeRequestInput>({ resolver: zodResolver(changeRequestSchema) as unknown as Resolver<ChangeRequestInput>, defaultValues: defaults });
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)} data-testid="open-change-request">
        {t("change.open")}
      </Button>
    );
  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      const result = await requestProfileChangeAction(values);
      setFormError(applyErrors(result, setError, ["name", "country", "vatId"]));
      if (result.ok) {
        setOpen(false);
        router.refresh();
      }
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-md border border-border p-4" data-testid="change-request-form">
      <p className="text-sm text-muted">{t("change.intro")}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="change-name" label={t("company.name")} error={message(formState.errors.name?.message)} required className="sm:col-span-2">
          <Input autoComplete="organization" {...register("name")} />
        </FormField>
        <FormField id="change-country" label={t("company.country")} error={message(formState.errors.country?.message)} required>
          <Select autoComplete="country" {...register("country")}>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="change-vat" label={t("company.vatId")} hint={t("change.vatHint")} error={message(formState.errors.vatId?.message)}>
          <Input autoCapitalize="characters" {...register("vatId")} />
        </FormField>
      </div>
      {formError ? <Alert tone="danger">{message(formError)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending} data-testid="submit-change-request">
          {t("change.submit")}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          {t("change.cancel")}
        </Button>
      </div>
    </form>
  );
}
