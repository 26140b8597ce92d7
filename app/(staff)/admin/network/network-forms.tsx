"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Button, Checkbox, FormField, Input, Label, Select, Textarea } from "@/components/ui";
import {
  NETWORK_ISSUE_KINDS,
  type NetworkIssueInput,
  type NetworkIssueKindName,
  type NetworkStatusUpdateInput,
  STATUSES_BY_KIND,
  networkIssueSchema,
  networkStatusUpdateSchema,
  statusFitsKind,
} from "@/lib/network/schemas";
import { FormOutcome, useActionSubmit } from "../kb/form-kit";
import { postNetworkStatusUpdateAction, saveNetworkIssueAction } from "./actions";

type ServerOption = { id: string; name: string; hostname: string; location: string | null; serviceCount: number };

export function NetworkIssueForm({ defaults, servers, isNew, timeZone }: { defaults: NetworkIssueInput; servers: ServerOption[]; isNew: boolean; timeZone: string }) {
  const t = useTranslations("kb");
  const err = (message: string | undefined) => (message ? t(message as "errors.generic") : undefined);
  const router = useRouter();
  const { register, handleSubmit, formState, setError, control, setValue } = useForm<NetworkIssueInput>({ resolver: zodResolver(networkIssueSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(saveNetworkIssueAction, setError, ({ id, queued }) => {
    if (isNew) router.push(`/admin/network/${id}?queued=${queued}`);
    else router.refresh();
  });
  const [kind, status, selected, notify] = useWatch({ control, name: ["kind", "status", "serverIds", "notify"] });
  // A maintenance and an incident go through different statuses: switching the kind picks its first.
  useEffect(() => {
    if (!statusFitsKind(kind, status)) setValue("status", STATUSES_BY_KIND[kind][0]);
  }, [kind, status, setValue]);
  const toggleServer = (id: string) =>
    setValue("serverIds", selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id], { shouldDirty: true, shouldValidate: formState.isSubmitted });
  const e = formState.errors;

  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4">
      <FormOutcome error={formError} saved={saved && !isNew} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="kind" label={t("adminNetwork.form.kind")} error={err(e.kind?.message)} required>
          <Select {...register("kind")}>
            {NETWORK_ISSUE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`network.kind.${k}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="status" label={t("adminNetwork.form.status")} error={err(e.status?.message)} required>
          <Select {...register("status")}>
            {STATUSES_BY_KIND[kind as NetworkIssueKindName].map((s) => (
              <option key={s} value={s}>
                {t(`network.status.${s}`)}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      <FormField id="title" label={t("adminNetwork.form.title")} error={err(e.title?.message)} required>
        <Input maxLength={200} {...register("title")} />
      </FormField>
      <FormField id="body" label={t("adminNetwork.form.body")} hint={t("adminNetwork.form.bodyHint")} error={err(e.body?.message)} required>
        <Textarea rows={8} {...register("body")} />
      </FormField>
      <fieldset className="space-y-2">
        <legend className="text-sm text-muted">{t("adminNetwork.form.timeZone", { zone: timeZone })}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="startsAt" label={t("adminNetwork.form.startsAt")} error={err(e.startsAt?.message)} required>
            <Input type="datetime-local" {...register("startsAt")} />
          </FormField>
          <FormField id="endsAt" label={t("adminNetwork.form.endsAt")} hint={t("adminNetwork.form.endsAtHint")} error={err(e.endsAt?.message)}>
            <Input type="datetime-local" {...register("endsAt")} />
          </FormField>
        </div>
      </fieldset>
      <fieldset aria-describedby="servers-hint" className="space-y-2">
        <legend className="text-sm font-medium text-fg">{t("adminNetwork.form.servers")}</legend>
        <p id="servers-hint" className="text-xs text-muted">
          {t("adminNetwork.form.serversHint")}
        </p>
        {servers.length === 0 ? (
          <p className="text-sm text-muted">{t("adminNetwork.form.noServers")}</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {servers.map((s) => (
              <li key={s.id} className="flex items-start gap-2 rounded-md border border-border p-2">
                <Checkbox id={`server-${s.id}`} className="mt-0.5" checked={selected.includes(s.id)} onChange={() => toggleServer(s.id)} />
                <Label htmlFor={`server-${s.id}`} className="min-w-0 font-normal">
                  <span className="block break-all font-mono text-xs">{s.hostname}</span>
                  <span className="block text-xs text-muted">
                    {[s.name, s.location].filter(Boolean).join(" · ")} · {t("adminNetwork.form.serverServices", { count: s.serviceCount })}
                  </span>
                </Label>
              </li>
            ))}
          </ul>
        )}
        {e.serverIds ? <p className="text-xs font-medium text-danger">{err(e.serverIds.message ?? e.serverIds.root?.message ?? "errors.invalidChoice")}</p> : null}
      </fieldset>
      <div className="flex items-start gap-2">
        <Checkbox id="notify" aria-describedby="notify-hint" className="mt-0.5" checked={notify} onChange={(ev) => setValue("notify", ev.target.checked)} />
        <div>
          <Label htmlFor="notify">{t("adminNetwork.form.notify")}</Label>
          <p id="notify-hint" className="text-xs text-muted">
            {t("adminNetwork.form.notifyHint")}
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("admin.saving") : t("admin.save")}
      </Button>
    </form>
  );
}

export function StatusUpdateForm({ issueId, kind, status }: { issueId: string; kind: NetworkIssueKindName; status: NetworkStatusUpdateInput["status"] }) {
  const t = useTranslations("kb");
  const err = (message: string | undefined) => (message ? t(message as "errors.generic") : undefined);
  const router = useRouter();
  const defaults: NetworkStatusUpdateInput = { issueId, status, body: "" };
  const { register, handleSubmit, formState, setError, reset, getValues } = useForm<NetworkStatusUpdateInput>({ resolver: zodResolver(networkStatusUpdateSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(postNetworkStatusUpdateAction, setError, () => {
    // Keep the status just posted selected; clear the text for the next update.
    reset({ issueId, status: getValues("status"), body: "" });
    router.refresh();
  });
  const e = formState.errors;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4">
      <FormOutcome error={formError} saved={saved} savedMessage={t("adminNetwork.update.posted")} />
      <FormField id="update-status" label={t("adminNetwork.update.status")} error={err(e.status?.message)} required>
        <Select {...register("status")}>
          {STATUSES_BY_KIND[kind].map((s) => (
            <option key={s} value={s}>
              {t(`network.status.${s}`)}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField id="update-body" label={t("adminNetwork.update.body")} error={err(e.body?.message)} required>
        <Textarea rows={4} {...register("body")} />
      </FormField>
      <Button type="submit" disabled={pending}>
        {t("adminNetwork.update.submit")}
      </Button>
    </form>
  );
}
