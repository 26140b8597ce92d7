"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui";
import { type RegistrarRowState, registrarRowFormAction } from "./actions";

// A row's registrar buttons on /admin/domains: sync, lock or unlock, and retry of a failed job. One
// form; the pressed button's name/value says which action. Works as a plain form post without
// JavaScript; with it, the outcome (or the refusal) is shown next to the buttons.

type Props = {
  domainId: string;
  name: string;
  /** Lock or unlock is offered only for an active domain, as the opposite of its lock state. */
  lockAction: "lock" | "unlock" | null;
  /** The failed registrar job that can be run again, if any. */
  failedJobId: string | null;
};

export function RegistrarRowActions({ domainId, name, lockAction, failedJobId }: Props) {
  const t = useTranslations("staffDomains");
  const [state, formAction, pending] = useActionState<RegistrarRowState, FormData>(registrarRowFormAction, null);
  const errorText = (key: string | undefined) => (key && t.has(key) ? t(key) : t("errors.generic"));

  return (
    <form action={formAction} className="flex flex-col items-end gap-1" aria-busy={pending || undefined}>
      <input type="hidden" name="domainId" value={domainId} />
      {failedJobId ? <input type="hidden" name="jobId" value={failedJobId} /> : null}
      <div className="flex flex-wrap justify-end gap-1">
        <Button type="submit" name="intent" value="sync" variant="secondary" size="sm" disabled={pending} aria-label={t("syncNamed", { name })}>
          {t("sync")}
        </Button>
        {lockAction ? (
          <Button type="submit" name="intent" value={lockAction} variant="secondary" size="sm" disabled={pending} aria-label={t(lockAction === "lock" ? "lockNamed" : "unlockNamed", { name })}>
            {t(lockAction === "lock" ? "lock" : "unlock")}
          </Button>
        ) : null}
        {failedJobId ? (
          <Button type="submit" name="intent" value="retry" variant="secondary" size="sm" disabled={pending} aria-label={t("retryNamed", { name })}>
            {t("retry")}
          </Button>
        ) : null}
      </div>
      <p role="status" className={state && !state.ok ? "text-xs text-danger" : "text-xs text-muted"} data-testid="registrar-row-outcome">
        {state ? (state.ok ? t(`done.${state.intent === "retry" || state.intent === "lock" || state.intent === "unlock" ? state.intent : "sync"}`) : errorText(state.error)) : null}
      </p>
    </form>
  );
}
