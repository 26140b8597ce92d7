"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type UseFormRegisterReturn, useForm } from "react-hook-form";
import { Button, FormField, Input, Select } from "@/components/ui";
import {
  AUTO_CLOSE_MAX_DAYS,
  type CreateDepartmentInput,
  DEPARTMENT_NAME_MAX,
  POSITION_MAX,
  type UpdateDepartmentInput,
  createDepartmentSchema,
  updateDepartmentSchema,
} from "@/lib/support/settings-schemas";
import { createDepartmentAction, updateDepartmentAction } from "./actions";
import { FormOutcome, useActionSubmit, useSettingsMessage } from "./form-kit";

type CommonField = "name" | "email" | "autoCloseAfterDays" | "position";

/** An empty box means "never", anything else a number of days (the schema checks the range). */
const daysOrNever = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value === null ? null : Number(value));

/** The fields the create and the edit form share. */
function DepartmentFields({ fields, errors }: { fields: Record<CommonField, UseFormRegisterReturn>; errors: Partial<Record<CommonField, string>> }) {
  const t = useTranslations("settings.department");
  return (
    <>
      <FormField id="department-name" label={t("name")} error={errors.name} required>
        <Input maxLength={DEPARTMENT_NAME_MAX} autoComplete="off" {...fields.name} />
      </FormField>
      <FormField id="department-email" label={t("email")} hint={t("emailHint")} error={errors.email}>
        <Input type="email" inputMode="email" autoComplete="off" spellCheck={false} placeholder={t("emailPlaceholder")} {...fields.email} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="department-auto-close" label={t("autoClose")} hint={t("autoCloseHint", { max: AUTO_CLOSE_MAX_DAYS })} error={errors.autoCloseAfterDays}>
          <Input type="number" inputMode="numeric" min={1} max={AUTO_CLOSE_MAX_DAYS} step={1} placeholder={t("autoClosePlaceholder")} className="sm:w-40" {...fields.autoCloseAfterDays} />
        </FormField>
        <FormField id="department-position" label={t("position")} hint={t("positionHint")} error={errors.position} required>
          <Input type="number" inputMode="numeric" min={0} max={POSITION_MAX} step={1} className="sm:w-40" {...fields.position} />
        </FormField>
      </div>
    </>
  );
}

export function EditDepartmentForm({ defaults }: { defaults: UpdateDepartmentInput }) {
  const t = useTranslations("settings");
  const message = useSettingsMessage();
  const { register, handleSubmit, formState, setError, reset } = useForm<UpdateDepartmentInput>({
    resolver: zodResolver(updateDepartmentSchema, undefined, { raw: true }),
    defaultValues: { ...defaults, email: defaults.email ?? "" },
  });
  // Show what was stored (the address lower-cased), so the next save starts from it.
  const { submit, formError, saved, pending } = useActionSubmit(updateDepartmentAction, setError, (_, values) => reset(updateDepartmentSchema.parse(values)));
  const e = formState.errors;
  return (
    <form method="post" noValidate className="space-y-4" onSubmit={handleSubmit(submit)}>
      <FormOutcome error={formError} saved={saved} />
      <DepartmentFields
        fields={{
          name: register("name"),
          email: register("email"),
          autoCloseAfterDays: register("autoCloseAfterDays", { setValueAs: daysOrNever }),
          position: register("position", { valueAsNumber: true }),
        }}
        errors={{ name: message(e.name?.message), email: message(e.email?.message), autoCloseAfterDays: message(e.autoCloseAfterDays?.message), position: message(e.position?.message) }}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}

export function CreateDepartmentForm({ defaults, timeZones }: { defaults: CreateDepartmentInput; timeZones: string[] }) {
  const t = useTranslations("settings");
  const message = useSettingsMessage();
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<CreateDepartmentInput>({
    resolver: zodResolver(createDepartmentSchema, undefined, { raw: true }),
    defaultValues: defaults,
  });
  const { submit, formError, pending } = useActionSubmit(createDepartmentAction, setError, ({ id }) => router.push(`/admin/settings/departments/${id}?created=1`));
  const e = formState.errors;
  return (
    <form method="post" noValidate className="space-y-4" onSubmit={handleSubmit(submit)}>
      <FormOutcome error={formError} saved={false} />
      <FormField id="department-slug" label={t("department.slug")} hint={t("department.slugHint")} error={message(e.slug?.message)} required>
        <Input maxLength={50} autoComplete="off" spellCheck={false} autoCapitalize="none" placeholder="technical" className="font-mono" {...register("slug")} />
      </FormField>
      <DepartmentFields
        fields={{
          name: register("name"),
          email: register("email"),
          autoCloseAfterDays: register("autoCloseAfterDays", { setValueAs: daysOrNever }),
          position: register("position", { valueAsNumber: true }),
        }}
        errors={{ name: message(e.name?.message), email: message(e.email?.message), autoCloseAfterDays: message(e.autoCloseAfterDays?.message), position: message(e.position?.message) }}
      />
      <FormField id="department-time-zone" label={t("calendar.timeZone")} hint={t("department.newCalendarHint")} error={message(e.timeZone?.message)} required>
        <Select {...register("timeZone")}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </Select>
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("department.create")}
      </Button>
    </form>
  );
}
