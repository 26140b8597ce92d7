"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert, Button, FormField, Input } from "@/components/ui";
import type { UsageRowError } from "@/lib/services/usage-csv";
import { MAX_USAGE_CSV_CHARS, type UsageImportKind } from "@/lib/services/usage-schemas";
import { importUsageAction } from "./actions";

type Outcome = { status: "imported"; rows: number; inserted: number; duplicates: number } | { status: "invalid"; errors: UsageRowError[] };

/**
 * The file is read in the browser and sent as text; the server checks every row and imports all
 * of them or none. Sending the same file again is safe: rows already there are skipped.
 */
export function UsageImportForm({ serviceId, kind }: { serviceId: string; kind: UsageImportKind }) {
  const t = useTranslations("staffServices.usageImport");
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const text = (key: string | null | undefined) => (!key ? undefined : t.has(key) ? t(key) : t("errors.generic"));

  const choose = async (file: File | undefined) => {
    setOutcome(null);
    setFormError(null);
    setFileError(null);
    setCsv(null);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_USAGE_CSV_CHARS * 4) return setFileError("errors.fileTooLarge");
    const content = await file.text();
    if (content.length > MAX_USAGE_CSV_CHARS) setFileError("errors.fileTooLarge");
    else setCsv(content);
  };

  const submit = () =>
    startTransition(async () => {
      if (!csv) {
        setFileError("errors.fileRequired");
        return;
      }
      setFormError(null);
      setOutcome(null);
      const result = await importUsageAction({ serviceId, kind, csv });
      if (result.ok) setOutcome(result.data);
      else if (result.fieldErrors?.csv) setFileError(result.fieldErrors.csv);
      else setFormError(result.error ?? "errors.generic");
    });

  const rowError = (e: UsageRowError) => t(`rowErrors.${e.code}`, { line: e.line, column: e.column ?? "", value: e.value ?? "" });

  return (
    <div className="space-y-4">
      <form
        method="post"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        className="space-y-3"
      >
        {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
        <FormField id="usage-file" label={t("file")} hint={fileName ? t("fileChosen", { name: fileName }) : t("fileHint")} error={text(fileError)} required>
          <Input type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void choose(event.target.files?.[0])} className="py-1.5" data-testid="usage-file" />
        </FormField>
        <Button type="submit" disabled={pending} data-testid="usage-import-submit">
          {pending ? t("importing") : t("import")}
        </Button>
      </form>

      <div aria-live="polite">
        {outcome?.status === "imported" ? (
          <Alert tone={outcome.inserted > 0 ? "success" : "info"} data-testid="usage-import-result">
            {t("imported", { rows: outcome.rows, inserted: outcome.inserted, duplicates: outcome.duplicates })}
          </Alert>
        ) : null}
        {outcome?.status === "invalid" ? (
          <div className="space-y-2" data-testid="usage-import-errors">
            <Alert tone="danger">{t("invalid", { count: outcome.errors.length })}</Alert>
            <ul className="max-h-80 list-disc space-y-1 overflow-y-auto pl-5 text-sm">
              {outcome.errors.map((e, i) => (
                <li key={`${e.line}-${e.column ?? ""}-${i}`}>{rowError(e)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}
