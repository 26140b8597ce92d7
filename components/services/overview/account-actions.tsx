"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { controlPanelLoginAction, resetPasswordAction, showPasswordOnceAction } from "@/app/(portal)/services/[id]/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert, Button } from "@/components/ui";

function useServiceText() {
  const t = useTranslations("services");
  const text = (key: string | null | undefined) => (key && t.has(key) ? t(key) : t("errors.generic"));
  return { t, text };
}

/**
 * One click into the control panel: the tab is opened at once (inside the click, so no popup
 * blocker stops it) and sent to the one-time link when the server has issued it. If the browser
 * blocked the tab anyway, the link is offered to click; it is valid for a minute.
 */
export function ControlPanelLogin({ serviceId, disabled }: { serviceId: string; disabled?: boolean }) {
  const { t, text } = useServiceText();
  const [error, setError] = useState<string | null>(null);
  const [fallback, setFallback] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <Button
        data-testid="control-panel-login"
        disabled={pending || disabled}
        onClick={() => {
          setError(null);
          setFallback(null);
          const tab = window.open("", "_blank");
          if (tab) tab.opener = null;
          startTransition(async () => {
            const result = await controlPanelLoginAction({ serviceId });
            if (!result.ok) {
              tab?.close();
              setError(result.error ?? "errors.generic");
            } else if (tab && !tab.closed) tab.location.href = result.data.url;
            else setFallback(result.data.url);
          });
        }}
      >
        {pending ? t("login.opening") : t("login.open")}
      </Button>
      <p className="text-xs text-muted">{t("login.openHint")}</p>
      {fallback ? (
        <Alert tone="info">
          {t("login.popupBlocked")}{" "}
          <a href={fallback} target="_blank" rel="noopener noreferrer" className="font-medium text-accent underline">
            {t("login.open")}
          </a>
        </Alert>
      ) : null}
      {error ? <Alert tone="danger">{text(error)}</Alert> : null}
    </div>
  );
}

/** The account password: shown once while it waits (then gone for good), and a reset that sets a new one through the worker. */
export function PasswordBox({ serviceId, waiting, resetPending, disabled }: { serviceId: string; waiting: boolean; resetPending: boolean; disabled?: boolean }) {
  const { t, text } = useServiceText();
  const router = useRouter();
  const [password, setPassword] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3" data-testid="password-box">
      <h3 className="text-sm font-semibold text-fg">{t("password.title")}</h3>
      {password ? (
        <Alert tone="warning" title={t("password.shownTitle")}>
          <code className="block font-mono text-base break-all select-all text-fg" data-testid="shown-password">
            {password}
          </code>
          <span className="mt-1 block">{t("password.shownNote")}</span>
        </Alert>
      ) : waiting ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            data-testid="show-password"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                setError(null);
                const result = await showPasswordOnceAction({ serviceId });
                if (result.ok) setPassword(result.data.password);
                else setError(result.error ?? "errors.generic");
              })
            }
          >
            {pending ? t("password.showing") : t("password.show")}
          </Button>
          <span className="text-sm text-muted">{t("password.waitingHint")}</span>
        </div>
      ) : null}
      {resetPending ? (
        <Alert tone="info" data-testid="reset-pending">
          {t("password.resetQueued")}
        </Alert>
      ) : disabled ? null : (
        <ConfirmButton
          label={t("password.reset")}
          triggerVariant="secondary"
          tone="danger"
          question={t("password.resetQuestion")}
          confirmLabel={t("password.resetConfirm")}
          pendingLabel={t("password.resetting")}
          cancelLabel={t("password.cancel")}
          testId="reset-password"
          run={() => resetPasswordAction({ serviceId })}
          onDone={() => router.refresh()}
          errorText={(key) => text(key)}
        />
      )}
      {error ? <Alert tone="danger">{text(error)}</Alert> : null}
    </div>
  );
}
