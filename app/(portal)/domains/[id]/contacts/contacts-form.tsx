"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { type FieldPath, type Resolver, useForm, useWatch } from "react-hook-form";
import { Alert, Button, Checkbox, FormField, Input, Select } from "@/components/ui";
import { CONTACT_ROLES, COPYABLE_ROLES, type ContactFormFields, type ContactRole, type ContactsFormValues, type SaveContactsOutput, saveContactsSchema } from "@/lib/domains/contact-schemas";
import { saveDomainContactsAction } from "./actions";

type CopyableRole = (typeof COPYABLE_ROLES)[number];
type Props = {
  domainId: string;
  saveId: string;
  contacts: Record<ContactRole, ContactFormFields>;
  sameAsRegistrant: Record<CopyableRole, boolean>;
  /** false: the values are the account's details, not yet saved for this domain. */
  stored: boolean;
  countries: { code: string; name: string }[];
};

const isCopyable = (role: ContactRole): role is CopyableRole => role !== "registrant";
const FIELDS: { field: keyof ContactFormFields; autoComplete: string; type?: string; inputMode?: "tel" | "email"; wide?: boolean; optional?: boolean }[] = [
  { field: "name", autoComplete: "name" },
  { field: "organization", autoComplete: "organization", optional: true },
  { field: "email", autoComplete: "email", type: "email", inputMode: "email" },
  { field: "phone", autoComplete: "tel", type: "tel", inputMode: "tel" },
  { field: "street", autoComplete: "street-address", wide: true },
  { field: "city", autoComplete: "address-level2" },
  { field: "postcode", autoComplete: "postal-code" },
];

/** The values the form shows after a save: what the server stored (normalised), hidden fields kept. */
function valuesAfterSave(saved: SaveContactsOutput, current: ContactsFormValues, saveId: string): ContactsFormValues {
  const fields = (c: SaveContactsOutput["registrant"]): ContactFormFields => ({ ...c, organization: c.organization ?? "" });
  const role = (r: CopyableRole) => {
    const entry = saved[r];
    if (entry.sameAsRegistrant) return { ...current[r], sameAsRegistrant: true };
    const { sameAsRegistrant: _same, ...contact } = entry;
    return { ...fields(contact), sameAsRegistrant: false };
  };
  return { domainId: saved.domainId, saveId, registrant: fields(saved.registrant), admin: role("admin"), tech: role("tech"), billing: role("billing") };
}

/** The four contacts; admin, tech and billing can repeat the registrant. Problems show next to their field. */
export function DomainContactsForm({ domainId, saveId, contacts, sameAsRegistrant, stored, countries }: Props) {
  const t = useTranslations("domainContacts");
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<"saved" | "unchanged" | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, setValue, getValues, reset, control } = useForm<ContactsFormValues, unknown, SaveContactsOutput>({
    resolver: zodResolver(saveContactsSchema) as unknown as Resolver<ContactsFormValues, unknown, SaveContactsOutput>,
    defaultValues: {
      domainId,
      saveId,
      registrant: contacts.registrant,
      admin: { ...contacts.admin, sameAsRegistrant: sameAsRegistrant.admin },
      tech: { ...contacts.tech, sameAsRegistrant: sameAsRegistrant.tech },
      billing: { ...contacts.billing, sameAsRegistrant: sameAsRegistrant.billing },
    },
  });
  const same = useWatch({ control, name: ["admin.sameAsRegistrant", "tech.sameAsRegistrant", "billing.sameAsRegistrant"] });
  const isSame = (role: CopyableRole) => same[COPYABLE_ROLES.indexOf(role)];

  const text = (key: string | undefined) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined);
  const errorOf = (role: ContactRole, field: keyof ContactFormFields) => {
    const errors = formState.errors[role] as Partial<Record<keyof ContactFormFields, { message?: string }>> | undefined;
    return text(errors?.[field]?.message);
  };

  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setFormError(null);
      setResult(null);
      const answer = await saveDomainContactsAction(values);
      if (answer.ok) {
        reset(valuesAfterSave(values, getValues(), answer.data.nextSaveId));
        setResult(answer.data.changed ? "saved" : "unchanged");
        router.refresh();
        return;
      }
      const fieldErrors = Object.entries(answer.fieldErrors ?? {}).filter(([path]) => CONTACT_ROLES.some((role) => path.startsWith(`${role}.`)));
      fieldErrors.forEach(([path, message], i) => setError(path as FieldPath<ContactsFormValues>, { message }, { shouldFocus: i === 0 }));
      setFormError(answer.error ?? "errors.generic");
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" data-testid="contacts-form">
      {!stored ? <Alert tone="info">{t("defaults")}</Alert> : null}
      <div className="grid items-start gap-6 xl:grid-cols-2">
        {CONTACT_ROLES.map((role) => {
          const hidden = isCopyable(role) && isSame(role);
          return (
            <fieldset key={role} className="min-w-0 rounded-lg border border-border bg-surface px-4 pt-2 pb-4 shadow-sm sm:px-5" data-testid={`contact-${role}`}>
              <legend className="px-1 text-base font-semibold text-fg">{t(`roles.${role}`)}</legend>
              {isCopyable(role) ? (
                <label className="mt-2 flex min-h-10 items-center gap-2 text-sm">
                  <Checkbox
                    {...register(`${role}.sameAsRegistrant`, {
                      // Leaving "same" starts from the registrant's details as they are now.
                      onChange: (e: { target: { checked: boolean } }) => {
                        if (e.target.checked) return;
                        for (const field of [...FIELDS.map((f) => f.field), "country" as const]) setValue(`${role}.${field}`, getValues(`registrant.${field}`));
                      },
                    })}
                  />
                  {t("sameAsRegistrant")}
                </label>
              ) : null}
              {hidden ? null : (
                <div className="mt-3 grid gap-4 sm:grid-cols-2">
                  {FIELDS.map(({ field, autoComplete, type, inputMode, wide, optional }) => (
                    <FormField
                      key={field}
                      id={`${role}-${field}`}
                      label={t(`fields.${field}`)}
                      hint={field === "phone" ? t("fields.phoneHint") : optional ? t("fields.organizationHint") : undefined}
                      error={errorOf(role, field)}
                      required={!optional}
                      className={wide ? "sm:col-span-2" : undefined}
                    >
                      <Input type={type ?? "text"} inputMode={inputMode} autoComplete={`section-${role} ${autoComplete}`} {...register(`${role}.${field}`)} />
                    </FormField>
                  ))}
                  <FormField id={`${role}-country`} label={t("fields.country")} error={errorOf(role, "country")} required>
                    <Select autoComplete={`section-${role} country`} {...register(`${role}.country`)}>
                      <option value="" disabled>
                        —
                      </option>
                      {countries.map((c) => (
                        <option key={c.code} value={c.code}>
                          {c.name}
                        </option>
                      ))}
                    </Select>
                  </FormField>
                </div>
              )}
            </fieldset>
          );
        })}
      </div>
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {result ? (
        <Alert tone="success" data-testid="contacts-saved">
          {t(result)}
        </Alert>
      ) : null}
      <Button type="submit" disabled={pending} data-testid="save-contacts" className="w-full sm:w-auto">
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
