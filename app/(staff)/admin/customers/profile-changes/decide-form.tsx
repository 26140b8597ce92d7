"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert, Button, FormField, Input } from "@/components/ui";
import { decideProfileChangeAction } from "./actions";

export function DecideForm({ id }: { id: string }) {
  const t = useTranslations("accountProfile");
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const decide = (approve: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await decideProfileChangeAction({ id, approve, note });
      if (result.ok) router.refresh();
      else setError(result.error ?? "errors.generic");
    });
  return (
    <div className="space-y-3">
      <FormField id={`note-${id}`} label={t("staff.note")}>
        <Input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </FormField>
      {error ? <Alert tone="danger">{t.has(error) ? t(error) : t("errors.generic")}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => decide(true)} disabled={pending} data-testid="approve-change">
          {t("staff.approve")}
        </Button>
        <Button variant="danger" onClick={() => decide(false)} disabled={pending} data-testid="reject-change">
          {t("staff.reject")}
        </Button>
      </div>
    </div>
  );
}
