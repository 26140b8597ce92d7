"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui";
import { signOutOtherSessionsAction, signOutSessionAction } from "./account-security-actions";

/** "Sign out" on one row of the sessions table; the session is refused on its next request. */
export function SignOutSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  const t = useTranslations("accountSecurity");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const signOut = () =>
    startTransition(async () => {
      const result = await signOutSessionAction({ sessionId });
      setError(result.ok ? null : (result.error ?? "errors.sessionGone"));
      router.refresh();
    });
  return (
    <div className="flex flex-col items-start gap-1">
      <Button size="sm" variant="secondary" disabled={pending} onClick={signOut} aria-label={t("sessions.signOutLabel", { device })}>
        {t("sessions.signOut")}
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-danger">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

/** "Sign out everywhere else", after a confirmation. */
export function SignOutOthersButton() {
  const t = useTranslations("accountSecurity");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const signOut = () =>
    startTransition(async () => {
      const result = await signOutOtherSessionsAction({});
      setConfirming(false);
      setMessage(result.ok ? { tone: "success", text: t("sessions.signedOutOthers", { count: result.data.signedOut }) } : { tone: "danger", text: t(result.error ?? "errors.forbidden") });
      router.refresh();
    });
  return (
    <div className="space-y-2">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {confirming ? (
        <div className="space-y-2 rounded-md border border-danger/30 p-3">
          <p className="text-sm">{t("sessions.signOutOthersConfirm")}</p>
          <div className="flex gap-2">
            <Button variant="danger" size="sm" disabled={pending} onClick={signOut}>
              {t("sessions.confirm")}
            </Button>
            <Button variant="secondary" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
              {t("sessions.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          {t("sessions.signOutOthers")}
        </Button>
      )}
    </div>
  );
}
