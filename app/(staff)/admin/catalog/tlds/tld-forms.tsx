"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ComponentProps, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, Checkbox, FormField, Input, Label, Select } from "@/components/ui";
import {
  TLD_MAX_YEARS,
  TLD_NAME_INPUT_MAX,
  TLD_POSITION_MAX,
  type TldCreateFormInput,
  type TldSettingsInput,
  tldCreateSchema,
  tldSettingsSchema,
} from "@/lib/domains/tld-catalog-schemas";
import { createTldAction, setTldActiveAction, updateTldSettingsAction } from "./actions";

/** Translates an action's message key; an unknown key reads as the generic error, never as a raw key. */
export function useTldText() {
  const t = useTranslations("tldCatalog");
  return (key: string | undefined | null): string | undefined => {
    if (!key) return undefined;
    return t.has(key) ? t(key) : t("errors.generic");
  };
}

/** The form-level outcome: an error (announced at once) or a success note. */
export function TldFormOutcome({ error, saved, savedMessage }: { error: string | null; saved: boolean; savedMessage?: string }) {
  const t = useTranslations("tldCatalog");
  const text = useTldText();
  if (error) return <Alert tone="danger">{text(error)}</Alert>;
  if (saved) return <Alert tone="success">{savedMessage ?? t("common.saved")}</Alert>;
  return null;
}

const YEAR_CHOICES = Array.from({ length: TLD_MAX_YEARS }, (_, index) => index + 1);

function RegistrarSelect({ choices, ...props }: { choices: readonly string[] } & ComponentProps<typeof Select>) {
  return (
    <Select {...props}>
      {choices.map((key) => (
        <option key={key} value={key}>
          {key}
        </option>
      ))}
    </Select>
  );
}

/** A new TLD: its name (a U-label is stored as its A-label), registrar, longest term and position. Goes on to its page for prices. */
export function TldCreateForm({ registrars }: { registrars: readonly string[] }) {
  const t = useTranslations("tldCatalog");
  const text = useTldText();
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<TldCreateFormInput>({
    resolver: zodResolver(tldCreateSchema),
    defaultValues: { name: "", registrar: registrars[0] ?? "builtin", maxYears: TLD_MAX_YEARS, position: 0, active: false },
  });
  const { submit, formError, pending } = useActionSubmit(createTldAction, setError, ({ id }) => router.push(`/admin/catalog/tlds/${id}?created=1`));
  const e = formState.errors;

  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4" aria-label={t("create.title")}>
      <TldFormOutcome error={formError} saved={false} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="tld-name" label={t("fields.name")} hint={t("fields.nameHint")} error={text(e.name?.message)} required>
          <Input maxLength={TLD_NAME_INPUT_MAX} autoComplete="off" spellCheck={false} className="font-mono" {...register("name")} />
        </FormField>
        <FormField id="tld-registrar" label={t("fields.registrar")} hint={t("fields.registrarHint")} error={text(e.registrar?.message)} required>
          <RegistrarSelect choices={registrars} {...register("registrar")} />
        </FormField>
        <FormField id="tld-max-years" label={t("fields.maxYears")} hint={t("fields.maxYearsHint")} error={text(e.maxYears?.message)} required>
          <Select className="max-w-32" {...register("maxYears", { valueAsNumber: true })}>
            {YEAR_CHOICES.map((years) => (
              <option key={years} value={years}>
                {years}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="tld-position" label={t("fields.position")} hint={t("fields.positionHint")} error={text(e.position?.message)} required>
          <Input type="number" inputMode="numeric" min={0} max={TLD_POSITION_MAX} step={1} className="max-w-32" {...register("position", { valueAsNumber: true })} />
        </FormField>
      </div>
      <div className="flex items-start gap-2">
        <Checkbox id="tld-active" aria-describedby="tld-active-hint" className="mt-0.5" {...register("active")} />
        <div>
          <Label htmlFor="tld-active">{t("fields.active")}</Label>
          <p id="tld-active-hint" className="text-xs text-muted">
            {t("fields.activeHint")}
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("create.submit")}
      </Button>
    </form>
  );
}

/** A TLD's registrar, longest term and position. */
export function TldSettingsForm({ defaults, registrars }: { defaults: TldSettingsInput; registrars: readonly string[] }) {
  const t = useTranslations("tldCatalog");
  const text = useTldText();
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<TldSettingsInput>({
    resolver: zodResolver(tldSettingsSchema),
    defaultValues: defaults,
    values: defaults,
    resetOptions: { keepDirtyValues: true },
  });
  const { submit, formError, saved, pending } = useActionSubmit(updateTldSettingsAction, setError, () => router.refresh());
  const e = formState.errors;
  const choices = registrars.includes(defaults.registrar) ? registrars : [defaults.registrar, ...registrars];

  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4" aria-label={t("settings.title")}>
      <TldFormOutcome error={formError} saved={saved} />
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="tld-registrar" label={t("fields.registrar")} hint={t("fields.registrarHint")} error={text(e.registrar?.message)} required>
          <RegistrarSelect choices={choices} {...register("registrar")} />
        </FormField>
        <FormField id="tld-max-years" label={t("fields.maxYears")} hint={t("settings.maxYearsHint")} error={text(e.maxYears?.message)} required>
          <Select className="max-w-32" {...register("maxYears", { valueAsNumber: true })}>
            {YEAR_CHOICES.map((years) => (
              <option key={years} value={years}>
                {years}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="tld-position" label={t("fields.position")} hint={t("fields.positionHint")} error={text(e.position?.message)} required>
          <Input type="number" inputMode="numeric" min={0} max={TLD_POSITION_MAX} step={1} className="max-w-32" {...register("position", { valueAsNumber: true })} />
        </FormField>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}

/**
 * On sale or not. Taking a TLD off sale asks first (it disappears from the customers' search and
 * cart at once); putting it back does not.
 */
export function TldActiveToggle({ id, name, active, domainCount }: { id: string; name: string; active: boolean; domainCount: number }) {
  const t = useTranslations("tldCatalog");
  const text = useTldText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const activate = () =>
    startTransition(async () => {
      setError(null);
      const result = await setTldActiveAction({ id, active: true });
      if (result.ok) router.refresh();
      else setError(result.error ?? "errors.generic");
    });

  return (
    <div className="space-y-3 text-sm">
      <p>{active ? t("lifecycle.activeNote") : t("lifecycle.inactiveNote")}</p>
      <p className="text-muted">{t("lifecycle.domains", { count: domainCount })}</p>
      {error ? <Alert tone="danger">{text(error)}</Alert> : null}
      {active ? (
        <ConfirmButton
          testId="tld-deactivate"
          label={t("lifecycle.deactivate")}
          triggerVariant="secondary"
          tone="danger"
          question={t("lifecycle.confirmDeactivate", { name })}
          confirmLabel={t("lifecycle.deactivateYes")}
          pendingLabel={t("common.working")}
          cancelLabel={t("common.cancel")}
          className="text-left whitespace-normal"
          run={() => setTldActiveAction({ id, active: false })}
          onDone={() => router.refresh()}
          errorText={(key) => text(key)}
        >
          <p className="text-muted">{t("lifecycle.confirmDeactivateDomains", { count: domainCount })}</p>
        </ConfirmButton>
      ) : (
        <Button variant="primary" onClick={activate} disabled={pending} data-testid="tld-activate">
          {pending ? t("common.working") : t("lifecycle.activate")}
        </Button>
      )}
    </div>
  );
}
