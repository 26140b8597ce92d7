"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui";
import { confirmEmailChangeAction } from "../../actions";

export function ConfirmEmailForm({ token, newEmail }: { token: string; newEmail: string }) {
  const t = useTranslations("accountProfile");
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (done)
    return (
      <div className="space-y-4">
        <Alert tone="success" data-testid="email-confirmed">
          {t("confirm.done", { email: done })}
        </Alert>
        <Button href="/account/profile" variant="secondary">
          {t("confirm.back")}
        </Button>
      </div>
    );
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await confirmEmailChangeAction({ token });
          if (result.ok) {
            setDone(result.data.email);
            router.refresh();
          } else setError(result.error ?? "errors.generic");
        });
      }}
    >
      <p className="text-sm">{t("confirm.ready", { email: newEmail })}</p>
      {error ? <Alert tone="danger">{t.has(error) ? t(error) : t("errors.generic")}</Alert> : null}
      <Button type="submit" disabled={pending} data-testid="confirm-email">
        {t("confirm.submit")}
      </Button>
    </form>
  );
}
