"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert, Button } from "@/components/ui";
import { backupDownloadLinkAction, createBackupAction, restoreBackupAction } from "@/app/(portal)/services/[id]/backups/actions";
import { useHostingText } from "./hosting-text";

/** Starts a manual backup; the list shows it as running until the panel has finished it. */
export function CreateBackupButton({ serviceId, disabled }: { serviceId: string; disabled?: boolean }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <Button
        onClick={() =>
          startTransition(async () => {
            setError(null);
            setStarted(false);
            const result = await createBackupAction({ serviceId });
            if (result.ok) {
              setStarted(true);
              router.refresh();
            } else setError(result.error ?? "errors.generic");
          })
        }
        disabled={pending || disabled}
        data-testid="create-backup"
      >
        {pending ? t("backups.creating") : t("backups.create")}
      </Button>
      {error ? <Alert tone="danger">{text(error)}</Alert> : null}
      {started ? <Alert tone="success">{t("backups.started")}</Alert> : null}
    </div>
  );
}

/** Restore (after a confirmation that says what is overwritten) and download of one ready backup. */
export function BackupRowActions({ serviceId, backupId, name }: { serviceId: string; backupId: string; name: string }) {
  const { t, text } = useHostingText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-wrap items-start gap-2">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        aria-label={t("backups.downloadNamed", { name })}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await backupDownloadLinkAction({ serviceId, backupId });
            if (result.ok) window.location.assign(result.data.url);
            else setError(result.error ?? "errors.generic");
          })
        }
      >
        {pending ? t("backups.preparing") : t("backups.download")}
      </Button>
      <ConfirmButton
        label={t("backups.restore")}
        ariaLabel={t("backups.restoreNamed", { name })}
        triggerVariant="secondary"
        size="sm"
        tone="danger"
        question={t("backups.restoreQuestion", { name })}
        confirmLabel={t("backups.restoreConfirm")}
        pendingLabel={t("backups.restoring")}
        cancelLabel={t("common.cancel")}
        testId="restore-backup"
        run={() => restoreBackupAction({ serviceId, backupId })}
        onDone={() => router.refresh()}
        errorText={(key) => text(key)}
      >
        <p className="text-muted">{t("backups.restoreWarning")}</p>
      </ConfirmButton>
      {error ? (
        <Alert tone="danger" className="w-full">
          {text(error)}
        </Alert>
      ) : null}
    </div>
  );
}
