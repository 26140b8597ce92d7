"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert, Badge, Button, Card, FormField, Input, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import type { ImportPreview, ImportResult } from "@/lib/billing/admin-bank-import";
import { MAX_BANK_CSV_CHARS } from "@/lib/billing/admin-schemas";
import type { BankRowError } from "@/lib/billing/bank-import";
import { formatMoney } from "@/lib/format/money";
import { bookBankImportAction, previewBankImportAction } from "../actions";
import { useErrorText } from "../billing-ui";

/**
 * The statement is read in the browser and sent as text: first for a preview (nothing is booked),
 * then again to book. The server parses and matches it anew both times.
 */
export function BankImportForm() {
  const t = useTranslations("staffBilling.import");
  const errorText = useErrorText();
  const locale = useLocale();
  const router = useRouter();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [pending, startTransition] = useTransition();
  const money = (minor: bigint, currency: string) => formatMoney(minor, currency, locale);

  const choose = async (file: File | undefined) => {
    setPreview(null);
    setResult(null);
    setFormError(null);
    setFileError(null);
    setCsv(null);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_BANK_CSV_CHARS * 2) {
      setFileError("errors.fileTooLarge");
      return;
    }
    const text = await file.text();
    if (text.length > MAX_BANK_CSV_CHARS) setFileError("errors.fileTooLarge");
    else setCsv(text);
  };

  const runPreview = () =>
    startTransition(async () => {
      if (!csv) return;
      setFormError(null);
      setResult(null);
      const res = await previewBankImportAction({ csv });
      if (res.ok) setPreview(res.data);
      else setFormError(res.fieldErrors?.csv ?? res.error ?? "errors.generic");
    });

  const book = () => {
    setFormError(null);
    // The trigger shows only with a preview, which needs a file read: `csv` is there.
    return bookBankImportAction({ csv: csv ?? "" });
  };

  const rowError = (e: BankRowError) => t(`rowErrors.${e.code}`, { line: e.line, column: e.column ? t(`columns.${e.column}`) : "", value: e.value ?? "" });

  return (
    <div className="space-y-6">
      <Card title={t("uploadTitle")}>
        <form
          method="post"
          onSubmit={(event) => {
            event.preventDefault();
            runPreview();
          }}
          className="space-y-3"
        >
          {formError ? <Alert tone="danger">{errorText(formError)}</Alert> : null}
          <FormField id="bank-file" label={t("file")} hint={fileName ? t("fileChosen", { name: fileName }) : t("fileHint")} error={errorText(fileError)} required>
            <Input type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void choose(event.target.files?.[0])} className="py-1.5" />
          </FormField>
          <Button type="submit" disabled={!csv || pending}>
            {pending ? t("previewing") : t("preview")}
          </Button>
        </form>
      </Card>

      {preview ? (
        <Card title={t("previewTitle")} description={t("previewSummary", { matched: preview.matched, unmatched: preview.unmatched, booked: preview.alreadyBooked, errors: preview.errors.length })}>
          <div className="space-y-4">
            <RowErrors errors={preview.errors} label={t("errorsTitle")} describe={rowError} />
            {preview.rows.length ? (
              <Table caption={t("previewTitle")}>
                <THead>
                  <tr>
                    <TH>{t("columns.line")}</TH>
                    <TH>{t("columns.date")}</TH>
                    <TH className="text-right">{t("columns.amount")}</TH>
                    <TH>{t("columns.reference")}</TH>
                    <TH>{t("columns.counterparty")}</TH>
                    <TH>{t("columns.match")}</TH>
                  </tr>
                </THead>
                <TBody>
                  {preview.rows.map((r) => (
                    <TR key={r.line} data-testid="import-row" data-match={r.match}>
                      <TD className="tabular-nums">{r.line}</TD>
                      <TD>{r.date}</TD>
                      <TD className="text-right tabular-nums">{money(r.amountMinor, r.currency)}</TD>
                      <TD className="font-mono text-xs">{r.reference || "—"}</TD>
                      <TD className="max-w-xs whitespace-normal text-xs">{r.counterparty}</TD>
                      <TD className="whitespace-normal text-xs">
                        {r.invoice ? (
                          <Link href={`/admin/invoices/${r.invoice.id}`} className="block font-mono text-accent hover:underline">
                            {r.invoice.number} · {r.invoice.customerName}
                          </Link>
                        ) : null}
                        {r.match === "matched" ? (
                          r.alreadyBooked ? (
                            <Badge tone="neutral">{t("alreadyBooked")}</Badge>
                          ) : (
                            <>
                              <Badge tone="success">{t("matched")}</Badge>
                              {r.toCreditMinor > 0n ? <span className="block text-warning">{t("toCredit", { amount: money(r.toCreditMinor, r.currency) })}</span> : null}
                            </>
                          )
                        ) : (
                          <Badge tone="warning">{t(`unmatched.${r.reason}`)}</Badge>
                        )}
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            ) : null}
            {preview.matched > 0 ? (
              <ConfirmButton
                testId="book-import"
                label={t("book", { count: preview.matched })}
                box="warning"
                question={t("bookConfirm", { count: preview.matched })}
                confirmLabel={t("book", { count: preview.matched })}
                pendingLabel={t("booking")}
                cancelLabel={t("back")}
                run={book}
                onDone={(booked) => {
                  setResult(booked);
                  setPreview(null);
                  router.refresh();
                }}
                onError={(res) => setFormError(res.fieldErrors?.csv ?? res.error ?? "errors.generic")}
              />
            ) : (
              <p className="text-sm text-muted">{t("nothingToBook")}</p>
            )}
          </div>
        </Card>
      ) : null}

      {result ? (
        <Card title={t("resultTitle")}>
          <div className="space-y-4">
            <Alert tone={result.failed ? "warning" : "success"} data-testid="import-result">
              {t("resultSummary", { booked: result.booked, duplicates: result.duplicates, unmatched: result.unmatched, failed: result.failed })}
            </Alert>
            <RowErrors errors={result.errors} label={t("errorsTitle")} describe={rowError} />
            {result.rows.length ? (
              <ul className="space-y-1 text-sm">
                {result.rows.map((r) => (
                  <li key={r.line}>
                    {t("resultLine", { line: r.line, number: r.invoiceNumber ?? "—", amount: money(r.amountMinor, r.currency) })}{" "}
                    {r.outcome === "booked" ? (
                      <span>
                        {t("outcome.booked")}
                        {r.creditedMinor > 0n ? ` · ${t("toCredit", { amount: money(r.creditedMinor, r.currency) })}` : ""}
                      </span>
                    ) : r.outcome === "duplicate" ? (
                      <span className="text-muted">{t("outcome.duplicate")}</span>
                    ) : (
                      <span className="text-danger">{errorText(r.error)}</span>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
            {result.unmatchedRows.length ? (
              <div>
                <p className="text-sm font-medium">{t("unmatchedTitle")}</p>
                <ul className="space-y-1 text-sm">
                  {result.unmatchedRows.map((r) => (
                    <li key={r.line}>
                      {t("unmatchedLine", { line: r.line, amount: money(r.amountMinor, r.currency), reference: r.reference || "—", counterparty: r.counterparty || "—" })}
                      {r.match === "unmatched" ? ` · ${t(`unmatched.${r.reason}`)}` : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}

function RowErrors({ errors, label, describe }: { errors: BankRowError[]; label: string; describe: (e: BankRowError) => string }) {
  if (!errors.length) return null;
  return (
    <Alert tone="danger" title={label}>
      <ul className="list-disc space-y-0.5 pl-5" data-testid="import-errors">
        {errors.map((e, i) => (
          <li key={`${e.line}-${e.code}-${i}`}>{describe(e)}</li>
        ))}
      </ul>
    </Alert>
  );
}
