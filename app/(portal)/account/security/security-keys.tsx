"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert, Button, Card, FormField, Input, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { formatDateTime } from "@/lib/format";
import {
  type RemoveSecurityKeyInput,
  type SecurityKeyNameInput,
  removeSecurityKeySchema,
  securityKeyNameSchema,
} from "@/lib/auth/security-key-schemas";
import { addSecurityKeyAction, removeSecurityKeyAction, securityKeyOptionsAction } from "./security-key-actions";

type Key = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

/** The "Security keys" section of /account/security: the user's keys, add one, remove one. */
export function SecurityKeys({ keys, timeZone }: { keys: Key[]; timeZone: string }) {
  const t = useTranslations("securityKeys");
  const locale = useLocale();
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const when = (d: Date | null) => (d ? formatDateTime(new Date(d), locale, timeZone) : t("never"));

  return (
    <Card title={t("title")} description={t("intro")}>
      <div className="space-y-4 text-sm" data-testid="security-keys">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {keys.length ? (
          <Table caption={t("title")}>
            <THead>
              <TR>
                <TH>{t("name")}</TH>
                <TH>{t("added")}</TH>
                <TH>{t("lastUsed")}</TH>
                <TH>
                  <span className="sr-only">{t("remove")}</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {keys.map((key) => (
                <TR key={key.id} data-testid="security-key-row">
                  <TD className="font-medium">{key.name}</TD>
                  <TD>{when(key.createdAt)}</TD>
                  <TD>{when(key.lastUsedAt)}</TD>
                  <TD className="text-right">
                    <Button variant="ghost" size="sm" onClick={() => setRemoving(key.id)} aria-label={`${t("remove")}: ${key.name}`}>
                      {t("remove")}
                    </Button>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <p className="text-muted">{t("empty")}</p>
        )}
        {removing ? (
          <RemoveKeyForm
            key={removing}
            keyId={removing}
            name={keys.find((k) => k.id === removing)?.name ?? ""}
            onCancel={() => setRemoving(null)}
            onDone={() => {
              setRemoving(null);
              setNotice(t("removedNotice"));
            }}
          />
        ) : null}
        <AddKeyForm onAdded={(name) => setNotice(t("addedNotice", { name }))} />
      </div>
    </Card>
  );
}

function AddKeyForm({ onAdded }: { onAdded: (name: string) => void }) {
  const t = useTranslations("securityKeys");
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, reset, setError } = useForm<SecurityKeyNameInput>({ resolver: zodResolver(securityKeyNameSchema), defaultValues: { name: "" } });

  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setFormError(null);
      if (!browserSupportsWebAuthn()) return setFormError("errors.unsupported");
      const options = await securityKeyOptionsAction(values);
      if (!options.ok) {
        if (options.fieldErrors?.name) return setError("name", { message: options.fieldErrors.name });
        return setFormError(options.error ?? "errors.registrationRefused");
      }
      let response;
      try {
        response = await startRegistration(options.data);
      } catch {
        return setFormError("errors.ceremonyFailed");
      }
      const result = await addSecurityKeyAction({ name: values.name, response });
      if (!result.ok) {
        if (result.fieldErrors?.name) return setError("name", { message: result.fieldErrors.name });
        return setFormError(result.error ?? "errors.registrationRefused");
      }
      reset({ name: "" });
      onAdded(values.name.trim());
    }),
  );

  const error = formState.errors.name?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3 border-t border-border pt-4">
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <FormField id="security-key-name" label={t("keyName")} hint={t("keyNameHint")} error={error ? t(error) : undefined} required className="sm:w-80">
          <Input autoComplete="off" maxLength={60} {...register("name")} />
        </FormField>
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? t("adding") : t("add")}
        </Button>
      </div>
    </form>
  );
}

function RemoveKeyForm({ keyId, name, onCancel, onDone }: { keyId: string; name: string; onCancel: () => void; onDone: () => void }) {
  const t = useTranslations("securityKeys");
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError } = useForm<RemoveSecurityKeyInput>({ resolver: zodResolver(removeSecurityKeySchema), defaultValues: { id: keyId, password: "" } });

  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setFormError(null);
      const result = await removeSecurityKeyAction(values);
      if (result.ok) return onDone();
      if (result.fieldErrors?.password) return setError("password", { message: result.fieldErrors.password });
      setFormError(result.error ?? "errors.notFound");
    }),
  );

  const error = formState.errors.password?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-danger/30 p-3" data-testid="remove-security-key">
      <p className="font-medium">{t("removeTitle", { name })}</p>
      <p className="text-muted">{t("removeIntro")}</p>
      {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
      <input type="hidden" {...register("id")} />
      <FormField id="security-key-password" label={t("password")} error={error ? t(error) : undefined} required className="sm:w-80">
        <Input type="password" autoComplete="current-password" {...register("password")} />
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {t("confirmRemove")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
