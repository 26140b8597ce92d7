"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FieldErrors, type UseFormRegisterReturn, useForm } from "react-hook-form";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, FormField, Input, Select } from "@/components/ui";
import {
  type CreateServerInput,
  SERVER_LOCATION_MAX,
  SERVER_MODULES,
  SERVER_NAME_MAX,
  type UpdateServerInput,
  createServerSchema,
  updateServerSchema,
} from "@/lib/services/staff-servers-schemas";
import { createServerAction, deleteServerAction, updateServerAction } from "./actions";

// The server forms of /admin/settings/servers. Messages are keys of "staffServices".

function useMessage() {
  const t = useTranslations("staffServices");
  return (key: string | undefined | null) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined);
}

function FormOutcome({ error, saved }: { error: string | null; saved: boolean }) {
  const t = useTranslations("staffServices.servers");
  const message = useMessage();
  if (error && error !== "errors.invalidForm") return <Alert tone="danger">{message(error)}</Alert>;
  if (error) return <Alert tone="danger">{message("errors.invalidForm")}</Alert>;
  if (saved) return <Alert tone="success">{t("saved")}</Alert>;
  return null;
}

type Field = keyof CreateServerInput;
const FIELDS: Field[] = ["name", "hostname", "location", "module"];

/** The create and the edit form share these; `fields` are the form's registrations of them. */
function ServerFields({ fields, errors }: { fields: Record<Field, UseFormRegisterReturn>; errors: FieldErrors<CreateServerInput> }) {
  const t = useTranslations("staffServices.servers.form");
  const message = useMessage();
  return (
    <>
      <FormField id="server-name" label={t("name")} error={message(errors.name?.message)} required>
        <Input maxLength={SERVER_NAME_MAX} autoComplete="off" {...fields.name} />
      </FormField>
      <FormField id="server-hostname" label={t("hostname")} hint={t("hostnameHint")} error={message(errors.hostname?.message)} required>
        <Input maxLength={253} autoComplete="off" spellCheck={false} autoCapitalize="none" placeholder="web-01.example.net" className="font-mono" {...fields.hostname} />
      </FormField>
      <FormField id="server-location" label={t("location")} hint={t("locationHint")} error={message(errors.location?.message)}>
        <Input maxLength={SERVER_LOCATION_MAX} autoComplete="off" {...fields.location} />
      </FormField>
      <FormField id="server-module" label={t("module")} hint={t("moduleHint")} error={message(errors.module?.message)} required>
        <Select {...fields.module}>
          {SERVER_MODULES.map((m) => (
            <option key={m} value={m}>
              {t(`modules.${m}`)}
            </option>
          ))}
        </Select>
      </FormField>
    </>
  );
}

const registerAll = (register: (name: Field) => UseFormRegisterReturn) => Object.fromEntries(FIELDS.map((f) => [f, register(f)])) as Record<Field, UseFormRegisterReturn>;

export function CreateServerForm() {
  const t = useTranslations("staffServices.servers");
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<CreateServerInput>({
    resolver: zodResolver(createServerSchema, undefined, { raw: true }),
    defaultValues: { name: "", hostname: "", location: "", module: "builtin" },
  });
  const { submit, formError, pending } = useActionSubmit(createServerAction, setError, ({ id }) => router.push(`/admin/settings/servers/${id}?created=1`));
  return (
    <form method="post" noValidate className="space-y-4" onSubmit={handleSubmit(submit)}>
      <FormOutcome error={formError} saved={false} />
      <ServerFields fields={registerAll(register)} errors={formState.errors} />
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("create")}
      </Button>
    </form>
  );
}

export function EditServerForm({ defaults }: { defaults: UpdateServerInput }) {
  const t = useTranslations("staffServices.servers");
  const router = useRouter();
  const { register, handleSubmit, formState, setError, reset } = useForm<UpdateServerInput>({
    resolver: zodResolver(updateServerSchema, undefined, { raw: true }),
    defaultValues: defaults,
  });
  // Show what was stored (the host name lower-cased), so the next save starts from it.
  const { submit, formError, saved, pending } = useActionSubmit(updateServerAction, setError, (_, values) => {
    reset(updateServerSchema.parse(values));
    router.refresh();
  });
  return (
    <form method="post" noValidate className="space-y-4" onSubmit={handleSubmit(submit)}>
      <FormOutcome error={formError} saved={saved} />
      <input type="hidden" {...register("id")} />
      <ServerFields fields={registerAll(register)} errors={formState.errors} />
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}

/** Deletes a server nothing uses (the button is offered only then; the server checks again). */
export function DeleteServerButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("staffServices.servers");
  const message = useMessage();
  const router = useRouter();
  return (
    <ConfirmButton
      testId="delete-server"
      label={t("delete")}
      tone="danger"
      question={t("deleteConfirm", { name })}
      confirmLabel={t("delete")}
      pendingLabel={t("deleting")}
      cancelLabel={t("back")}
      run={() => deleteServerAction({ id })}
      leavesPage
      onDone={() => router.push("/admin/settings/servers?deleted=1")}
      errorText={(key) => message(key)}
    />
  );
}
