"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { revealEppCodeAction, setAutoRenewAction, setLockAction, setNameserversAction } from "@/app/(portal)/domains/[id]/actions";
import { Alert, Button, Checkbox, Input } from "@/components/ui";

function useText() {
  const t = useTranslations("domainManage");
  const text = (key: string | null | undefined) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined);
  return { t, text };
}

/** Auto-renew (at once) and the registrar lock (through the registry, shown as pending until done). */
export function RenewAndLock({ domainId, autoRenew, locked, lockPending }: { domainId: string; autoRenew: boolean; locked: boolean; lockPending: boolean }) {
  const { t, text } = useText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // Shown at once; put back if the server refuses.
  const [renew, setRenew] = useState(autoRenew);
  const [pending, startTransition] = useTransition();
  const run = (call: () => Promise<{ ok: boolean; error?: string }>, undo?: () => void) =>
    startTransition(async () => {
      setError(null);
      const result = await call();
      if (result.ok) router.refresh();
      else {
        undo?.();
        setError(result.error ?? "errors.generic");
      }
    });
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm">
        <Checkbox
          checked={renew}
          disabled={pending}
          onChange={(e) => {
            const next = e.target.checked;
            setRenew(next);
            run(() => setAutoRenewAction({ domainId, autoRenew: next }), () => setRenew(!next));
          }}
          data-testid="auto-renew"
        />
        {t("autoRenew")}
      </label>
      {!renew ? <p className="text-sm text-warning">{t("autoRenewOffWarning")}</p> : null}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>{locked ? t("locked") : t("unlocked")}</span>
        {lockPending ? (
          <span className="text-muted" data-testid="lock-pending">
            {t("lockPending")}
          </span>
        ) : (
          <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(() => setLockAction({ domainId, locked: !locked }))} data-testid="toggle-lock">
            {locked ? t("unlock") : t("lock")}
          </Button>
        )}
      </div>
      {error ? <Alert tone="danger">{text(error)}</Alert> : null}
    </div>
  );
}

type NsRow = { host: string; addresses: string };

/** 2–13 nameservers; glue addresses only for hosts under the domain. Problems appear next to their row. */
export function NameserversForm({ domainId, domain, nameservers, pending: changePending }: { domainId: string; domain: string; nameservers: { host: string; addresses?: string[] }[]; pending: boolean }) {
  const { t, text } = useText();
  const router = useRouter();
  const id = useId();
  const initial = nameservers.length ? nameservers.map((ns) => ({ host: ns.host, addresses: (ns.addresses ?? []).join(", ") })) : [{ host: "", addresses: "" }, { host: "", addresses: "" }];
  const [rows, setRows] = useState<NsRow[]>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const set = (i: number, patch: Partial<NsRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = () =>
    startTransition(async () => {
      setErrors({});
      setFormError(null);
      setDone(false);
      const result = await setNameserversAction({ domainId, nameservers: rows.map((r) => ({ host: r.host, addresses: r.addresses.split(/[\s,]+/).filter(Boolean) })) });
      if (result.ok) {
        setDone(true);
        router.refresh();
      } else {
        setFormError(result.error ?? "errors.generic");
        setErrors(result.fieldErrors ?? {});
      }
    });
  return (
    <div className="space-y-3" data-testid="nameservers-form">
      {changePending ? <Alert tone="info">{t("nsPending")}</Alert> : null}
      {done ? <Alert tone="success">{t("nsQueued")}</Alert> : null}
      {formError && !Object.keys(errors).some((k) => k.startsWith("nameservers.")) ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {rows.map((row, i) => (
        <div key={i} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto]">
          <div>
            <Input id={`${id}-ns-${i}`} aria-label={t("nsHost", { n: i + 1 })} value={row.host} onChange={(e) => set(i, { host: e.target.value })} placeholder={`ns${i + 1}.example.net`} className="font-mono" />
            {errors[`nameservers.${i}`] ? <p className="mt-1 text-xs text-danger">{text(errors[`nameservers.${i}`])}</p> : null}
          </div>
          <Input aria-label={t("nsGlue", { n: i + 1 })} value={row.addresses} onChange={(e) => set(i, { addresses: e.target.value })} placeholder={t("nsGluePlaceholder", { domain })} className="font-mono" />
          <Button variant="ghost" size="sm" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={t("nsRemove", { n: i + 1 })}>
            ✕
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        {rows.length < 13 ? (
          <Button variant="secondary" size="sm" onClick={() => setRows([...rows, { host: "", addresses: "" }])}>
            {t("nsAdd")}
          </Button>
        ) : null}
        <Button size="sm" onClick={submit} disabled={pending || changePending} data-testid="save-nameservers">
          {pending ? t("saving") : t("nsSave")}
        </Button>
      </div>
    </div>
  );
}

/** The EPP code, after the password (or a 2FA code) is confirmed; shown here only, never stored. */
export function EppCode({ domainId, twoFactor }: { domainId: string; twoFactor: boolean }) {
  const { t, text } = useText();
  const id = useId();
  const [secret, setSecret] = useState("");
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (code) {
    return (
      <Alert tone="warning" title={t("eppShownTitle")}>
        <code className="block font-mono text-base break-all select-all" data-testid="epp-code">
          {code}
        </code>
        <span className="mt-1 block">{t("eppShownNote")}</span>
      </Alert>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          setError(null);
          const result = await revealEppCodeAction(twoFactor ? { domainId, code: secret } : { domainId, password: secret });
          if (result.ok) setCode(result.data.code);
          else setError(result.error ?? "errors.generic");
        });
      }}
    >
      <label htmlFor={`${id}-secret`} className="block text-sm">
        {twoFactor ? t("eppConfirmCode") : t("eppConfirmPassword")}
      </label>
      <div className="flex flex-wrap gap-2">
        <Input id={`${id}-secret`} type={twoFactor ? "text" : "password"} inputMode={twoFactor ? "numeric" : undefined} autoComplete={twoFactor ? "one-time-code" : "current-password"} value={secret} onChange={(e) => setSecret(e.target.value)} className="max-w-xs" aria-invalid={error ? true : undefined} />
        <Button type="submit" variant="secondary" disabled={pending || !secret} data-testid="reveal-epp">
          {t("eppReveal")}
        </Button>
      </div>
      {error ? <p className="text-sm text-danger">{text(error)}</p> : null}
    </form>
  );
}
